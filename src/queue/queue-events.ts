import { sql } from "drizzle-orm";
import pg from "pg";
import type { Logger } from "pino";
import type { Database, DbOrTx } from "../db/database";

/**
 * Live queue events. A use case publishes inside its own transaction (`pg_notify`), so an event
 * exists if and only if its change committed, and in commit order. Listening differs by engine:
 * - PGlite: in process, through PGlite's own LISTEN (the one process holds the database);
 * - PostgreSQL: a dedicated connection that LISTENs, so displays connected to any server process
 *   hear changes made in any other; it reconnects by itself and then asks subscribers to resync.
 */
export const QUEUE_CHANNEL = "madoguchi_queue";

export type QueueEventType =
  | "ticket.issued"
  | "ticket.called"
  | "ticket.recalled"
  | "ticket.absent"
  | "ticket.served"
  | "ticket.transferred"
  | "ticket.paused"
  | "ticket.resumed"
  | "ticket.finished"
  | "counter.changed"
  /** The office's queue settings changed (hours, purposes, bands, counters). */
  | "office.changed";

export interface QueueEvent {
  type: QueueEventType;
  municipalityId: string;
  officeId: string;
  /** The office's event number (commit order): the SSE event id. */
  seq: number;
  ticketId?: string;
  counterId?: string;
}

/** Queues the event in the transaction: delivered to every listening process after commit, never on rollback. */
export async function publishQueueEvent(tx: DbOrTx, event: QueueEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${QUEUE_CHANNEL}, ${JSON.stringify(event)})`);
}

export interface QueueSubscriber {
  event(event: QueueEvent): void;
  /** Events may have been missed (the listening connection was lost and is back): reload state. */
  resync?(): void;
}

export interface QueueEventHub {
  readonly kind: "in-process" | "postgres";
  subscribe(subscriber: QueueSubscriber): () => void;
  /** Resolves once this process is listening (for tests and benchmarks; subscribing starts it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function parseQueueEvent(payload: string): QueueEvent | undefined {
  try {
    const e = JSON.parse(payload) as Partial<QueueEvent>;
    if (typeof e.type !== "string" || typeof e.officeId !== "string" || typeof e.municipalityId !== "string")
      return undefined;
    if (typeof e.seq !== "number") return undefined;
    return e as QueueEvent;
  } catch {
    return undefined;
  }
}

class Fanout {
  readonly subscribers = new Set<QueueSubscriber>();
  deliver(payload: string): void {
    const event = parseQueueEvent(payload);
    if (!event) return;
    for (const s of this.subscribers) {
      try {
        s.event(event);
      } catch {}
    }
  }
  resync(): void {
    for (const s of this.subscribers) {
      try {
        s.resync?.();
      } catch {}
    }
  }
}

export interface EventHubOptions {
  logger?: Logger;
  /** How long the PostgreSQL listener stays connected with nobody subscribed (ms). */
  lingerMs?: number;
}

export function createQueueEventHub(database: Database, options: EventHubOptions = {}): QueueEventHub {
  if (database.kind === "pglite") {
    if (!database.pglite) throw new Error("PGlite database without its instance");
    return pgliteHub(database.pglite);
  }
  if (!database.pool) throw new Error("PostgreSQL database without its pool");
  return postgresHub(database.pool.options, options);
}

function pgliteHub(pglite: NonNullable<Database["pglite"]>): QueueEventHub {
  const fanout = new Fanout();
  let listening: Promise<void> | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  const start = () => {
    listening ??= pglite
      .listen(QUEUE_CHANNEL, (payload) => {
        // Out of PGlite's result processing: a subscriber may query at once.
        queueMicrotask(() => fanout.deliver(payload));
      })
      .then((stop) => {
        unlisten = stop;
      });
    return listening;
  };
  return {
    kind: "in-process",
    subscribe(subscriber) {
      fanout.subscribers.add(subscriber);
      void start().catch(() => {
        listening = undefined;
      });
      return () => {
        fanout.subscribers.delete(subscriber);
      };
    },
    ready: () => start(),
    async close() {
      fanout.subscribers.clear();
      if (unlisten && !pglite.closed) await unlisten().catch(() => {});
    },
  };
}

function postgresHub(connection: pg.ClientConfig, options: EventHubOptions): QueueEventHub {
  const fanout = new Fanout();
  const lingerMs = options.lingerMs ?? 5_000;
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let lingerTimer: NodeJS.Timeout | undefined;
  let retryMs = 250;
  let closed = false;
  let everConnected = false;
  const waiters: Array<() => void> = [];

  const wanted = () => !closed && fanout.subscribers.size > 0;

  const lost = (c: pg.Client, error?: unknown) => {
    if (client !== c) return;
    client = undefined;
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    if (error) options.logger?.warn({ err: error }, "queue event listener lost its connection");
    scheduleRetry();
  };

  const scheduleRetry = () => {
    if (!wanted() || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  const connect = () => {
    if (client || connecting || !wanted()) return;
    const c = new pg.Client({ ...connection, connectionTimeoutMillis: 5_000, keepAlive: true });
    c.on("notification", (message) => {
      if (message.channel === QUEUE_CHANNEL && message.payload) fanout.deliver(message.payload);
    });
    c.on("error", (error) => lost(c, error));
    c.on("end", () => lost(c));
    connecting = (async () => {
      try {
        await c.connect();
        // The listener alone never keeps the process alive: stopping the server is not held up by it.
        (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        await c.query(`listen ${QUEUE_CHANNEL}`);
        if (closed) {
          await c.end().catch(() => {});
          return;
        }
        client = c;
        retryMs = 250;
        for (const resolve of waiters.splice(0)) resolve();
        // Back after a loss: whatever happened meanwhile was not heard.
        if (everConnected) fanout.resync();
        everConnected = true;
        if (!wanted()) scheduleLinger();
      } catch (error) {
        c.removeAllListeners("notification");
        await c.end().catch(() => {});
        options.logger?.warn({ err: error }, "queue event listener could not connect");
        scheduleRetry();
      } finally {
        connecting = undefined;
      }
    })();
  };

  // Nobody listening in this process: drop the connection after a while (it comes back on demand).
  const scheduleLinger = () => {
    if (lingerTimer) clearTimeout(lingerTimer);
    lingerTimer = setTimeout(() => {
      lingerTimer = undefined;
      if (wanted() || !client) return;
      const c = client;
      client = undefined;
      c.removeAllListeners();
      c.on("error", () => {});
      c.end().catch(() => {});
    }, lingerMs);
    lingerTimer.unref();
  };

  return {
    kind: "postgres",
    subscribe(subscriber) {
      if (closed) return () => {};
      fanout.subscribers.add(subscriber);
      if (lingerTimer) {
        clearTimeout(lingerTimer);
        lingerTimer = undefined;
      }
      connect();
      return () => {
        fanout.subscribers.delete(subscriber);
        if (fanout.subscribers.size === 0) scheduleLinger();
      };
    },
    ready() {
      if (client) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
      });
    },
    async close() {
      closed = true;
      fanout.subscribers.clear();
      if (retryTimer) clearTimeout(retryTimer);
      if (lingerTimer) clearTimeout(lingerTimer);
      await connecting;
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
