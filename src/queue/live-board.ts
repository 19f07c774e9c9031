import type { Logger } from "pino";
import type { BoardLoader } from "./load-board";
import { displayPayload, phonePayload, type SpokenCall } from "./queue.presenters";
import type { Board } from "./queue-board";
import type { QueueEventHub } from "./queue-events";
import { type SseSink, sseFrame } from "./sse";

/**
 * This process's live displays and phone pages. Each office with someone watching is loaded once per
 * change (a burst of changes coalesces into one reload) and the result is sent to all its streams:
 * displays get the board with the calls to announce since their last event id; phone pages get their
 * ticket's place when it changed. A 1-second tick sends keep-alive comments, refreshes boards whose
 * estimates drift with time, and ends streams of a server that is shutting down.
 */
export interface LiveBoard {
  watchDisplay(office: WatchedOffice, sink: SseSink, lastEventId: number | null): void;
  watchTicket(office: WatchedOffice, ticket: { id: string; number: number }, sink: SseSink): void;
  /** Open streams and watched offices in this process. */
  stats(): { offices: number; displays: number; phones: number };
  close(): void;
}

export interface WatchedOffice {
  municipalityId: string;
  officeId: string;
}

export interface LiveBoardOptions {
  load: BoardLoader;
  hub: QueueEventHub;
  now: () => Date;
  /** The Japanese sentence a display speaks for a call. */
  spoken: SpokenCall;
  logger?: Logger;
  heartbeatSeconds?: number;
  refreshSeconds?: number;
}

interface DisplayClient {
  sink: SseSink;
  lastSeq: number | null;
  started: boolean;
}

interface PhoneClient {
  sink: SseSink;
  ticketId: string;
  number: number;
  last?: string;
}

interface Watch extends WatchedOffice {
  displays: Set<DisplayClient>;
  phones: Set<PhoneClient>;
  board?: Board;
  boardJson?: string;
  loading: boolean;
  dirty: boolean;
}

const heartbeat = new TextEncoder().encode(": keep-alive\n\n");

export function createLiveBoard(options: LiveBoardOptions): LiveBoard {
  const { load, hub, now, spoken, logger } = options;
  const heartbeatTicks = options.heartbeatSeconds ?? 20;
  const refreshTicks = options.refreshSeconds ?? 30;
  const watches = new Map<string, Watch>();
  let unsubscribe: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticks = 0;

  const sendDisplays = (w: Watch, board: Board, onlyNew: boolean) => {
    const frames = new Map<number | null, Uint8Array>();
    for (const client of w.displays) {
      if (onlyNew && client.started) continue;
      let frame = frames.get(client.lastSeq);
      if (!frame) {
        frame = sseFrame("board", board.seq, JSON.stringify(displayPayload(board, client.lastSeq, spoken)));
        frames.set(client.lastSeq, frame);
      }
      client.sink.write(frame);
      client.lastSeq = board.seq;
      client.started = true;
    }
  };

  const sendPhones = (w: Watch, board: Board) => {
    for (const client of w.phones) {
      const payload = phonePayload(board.tickets.get(client.ticketId), board.seq, client.number);
      const json = JSON.stringify(payload);
      if (json === client.last) continue;
      client.last = json;
      client.sink.write(sseFrame("ticket", board.seq, json));
      // A ticket of another day has nothing more to show.
      if (payload.status === "expired") client.sink.close();
    }
  };

  const broadcast = (w: Watch, board: Board) => {
    // The board without the per-client announcements: unchanged, existing displays need nothing.
    const json = JSON.stringify(displayPayload(board, null, spoken));
    const changed = json !== w.boardJson || board.seq !== w.board?.seq;
    w.board = board;
    w.boardJson = json;
    sendDisplays(w, board, !changed);
    sendPhones(w, board);
  };

  const refresh = (w: Watch) => {
    if (w.loading) {
      w.dirty = true;
      return;
    }
    w.loading = true;
    void (async () => {
      try {
        do {
          w.dirty = false;
          const board = await load(w.municipalityId, w.officeId, now());
          if (board && watches.get(w.officeId) === w) broadcast(w, board);
        } while (w.dirty && watches.get(w.officeId) === w);
      } catch (error) {
        logger?.warn({ err: error, officeId: w.officeId }, "could not load the queue board");
      } finally {
        w.loading = false;
      }
    })();
  };

  const tick = () => {
    ticks++;
    const beat = ticks % heartbeatTicks === 0;
    const reload = ticks % refreshTicks === 0;
    for (const w of watches.values()) {
      for (const client of [...w.displays, ...w.phones]) {
        if (!client.sink.serverListening()) client.sink.close();
        else if (beat) client.sink.write(heartbeat);
      }
      if (reload) refresh(w);
    }
  };

  const start = () => {
    unsubscribe ??= hub.subscribe({
      event(event) {
        const w = watches.get(event.officeId);
        if (w && w.municipalityId === event.municipalityId) refresh(w);
      },
      resync() {
        for (const w of watches.values()) refresh(w);
      },
    });
    if (!timer) {
      timer = setInterval(tick, 1_000);
      timer.unref();
    }
  };

  const stopIfIdle = () => {
    if (watches.size > 0) return;
    unsubscribe?.();
    unsubscribe = undefined;
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  const watchOf = (office: WatchedOffice): Watch => {
    let w = watches.get(office.officeId);
    if (!w) {
      w = { ...office, displays: new Set(), phones: new Set(), loading: false, dirty: false };
      watches.set(office.officeId, w);
      start();
    }
    return w;
  };

  const release = (w: Watch) => {
    if (w.displays.size > 0 || w.phones.size > 0) return;
    if (watches.get(w.officeId) === w) watches.delete(w.officeId);
    stopIfIdle();
  };

  /** A new stream gets the board at once when one is loaded and current, else with the next load. */
  const greet = (w: Watch) => {
    if (w.board && !w.loading) {
      sendDisplays(w, w.board, true);
      sendPhones(w, w.board);
    } else refresh(w);
  };

  return {
    watchDisplay(office, sink, lastEventId) {
      const w = watchOf(office);
      const client: DisplayClient = { sink, lastSeq: lastEventId, started: false };
      w.displays.add(client);
      sink.onClose(() => {
        w.displays.delete(client);
        release(w);
      });
      greet(w);
    },
    watchTicket(office, ticket, sink) {
      const w = watchOf(office);
      const client: PhoneClient = { sink, ticketId: ticket.id, number: ticket.number };
      w.phones.add(client);
      sink.onClose(() => {
        w.phones.delete(client);
        release(w);
      });
      greet(w);
    },
    stats() {
      let displays = 0;
      let phones = 0;
      for (const w of watches.values()) {
        displays += w.displays.size;
        phones += w.phones.size;
      }
      return { offices: watches.size, displays, phones };
    },
    close() {
      for (const w of [...watches.values()]) for (const c of [...w.displays, ...w.phones]) c.sink.close();
      watches.clear();
      stopIfIdle();
    },
  };
}
