import type { LocaleMap } from "../shared/locale";
import type { TicketStatus } from "./queue.table";
import type { Board, BoardCall, TicketView } from "./queue-board";
import { shownWait, type WaitShown } from "./wait-estimate";

/**
 * What displays and phone pages receive, first in the HTML and then by SSE: plain values, nothing a
 * template could leak more of (no ticket ids, no tokens, nothing about the resident). Labels travel as
 * locale maps (`counterLabels`, `labels`) so a page in any language picks its own; the Japanese and
 * English fields are kept for the clients that read them.
 */
export interface DisplayCall {
  seq: number;
  number: number;
  counterNumber: number;
  counterJa: string;
  counterEn: string;
  counterLabels: LocaleMap;
  active: boolean;
}

export interface DisplayWait {
  code: string;
  labelJa: string;
  labelEasy: string;
  labelEn: string;
  labels: LocaleMap;
  waiting: number;
  /** The wait of a ticket issued now, as shown (a range, "within", "soon" or why it is unknown). */
  wait: WaitShown;
}

export interface Announcement {
  number: number;
  counterJa: string;
  counterEn: string;
  counterLabels: LocaleMap;
  /** The spoken call in Japanese (the display's speech synthesis). */
  textJa: string;
}

export interface DisplayPayload {
  seq: number;
  calls: DisplayCall[];
  waits: DisplayWait[];
  /** Calls to chime and speak: those after the client's last event id. */
  announce: Announcement[];
}

export interface PhonePayload {
  seq: number;
  status: TicketStatus | "expired";
  number: number;
  ahead: number | null;
  /** While waiting: the estimate as shown. */
  wait: WaitShown | null;
  nearly: boolean;
  counterNumber: number | null;
  counterJa: string | null;
  counterEn: string | null;
  counterLabels: LocaleMap | null;
}

/**
 * The sentence a display speaks for a call, in Japanese: given by the web layer, which has the
 * catalogues (queue.displayAnnouncement).
 */
export type SpokenCall = (number: number, counter: LocaleMap) => string;

const en = (map: LocaleMap): string => map.en ?? map.ja;

const displayCall = (c: BoardCall): DisplayCall => ({
  seq: c.seq,
  number: c.number,
  counterNumber: c.counterNumber,
  counterJa: c.counterLabels.ja,
  counterEn: en(c.counterLabels),
  counterLabels: c.counterLabels,
  active: c.active,
});

export function displayPayload(board: Board, sinceSeq: number | null, spoken: SpokenCall): DisplayPayload {
  const announce =
    sinceSeq === null
      ? []
      : board.calls
          .filter((c) => c.seq > sinceSeq)
          .slice(0, 3)
          .reverse()
          .map((c) => ({
            number: c.number,
            counterJa: c.counterLabels.ja,
            counterEn: en(c.counterLabels),
            counterLabels: c.counterLabels,
            textJa: spoken(c.number, c.counterLabels),
          }));
  return {
    seq: board.seq,
    calls: board.calls.map(displayCall),
    waits: board.purposes.map((p) => ({
      code: p.code,
      labelJa: p.labels.ja,
      labelEasy: p.labels["ja-x-easy"] ?? p.labels.ja,
      labelEn: en(p.labels),
      labels: p.labels,
      waiting: p.waiting,
      wait: shownWait(p.estimate),
    })),
    announce,
  };
}

export function phonePayload(view: TicketView | undefined, seq: number, number: number): PhonePayload {
  if (!view)
    return {
      seq,
      status: "expired",
      number,
      ahead: null,
      wait: null,
      nearly: false,
      counterNumber: null,
      counterJa: null,
      counterEn: null,
      counterLabels: null,
    };
  return {
    seq,
    status: view.status,
    number: view.number,
    ahead: view.ahead,
    wait: view.estimate ? shownWait(view.estimate) : null,
    nearly: view.nearly,
    counterNumber: view.counter?.number ?? null,
    counterJa: view.counter?.labels.ja ?? null,
    counterEn: view.counter ? en(view.counter.labels) : null,
    counterLabels: view.counter?.labels ?? null,
  };
}
