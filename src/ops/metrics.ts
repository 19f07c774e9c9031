import type { Logger } from "pino";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/database";
import { japanTime } from "../queue/calendar";
import { type BacklogRow, metricsRepository, type WaitingByOffice } from "./metrics.repository";

/** The kinds of live stream the queue opens (SSE): the display board and a ticket's phone page. */
export type StreamKind = "display" | "phone";

/** What GET /metrics reports, for one app instance (tests build several: nothing is global). */
export interface AppMetrics {
  readonly registry: Registry;
  /** Counts one answered request under its route pattern (never the raw path). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts a stream as open until it closes. */
  trackStream(kind: StreamKind, stream: { onClose(listener: () => void): void }): void;
  /** The text of a scrape, in the Prometheus exposition format. */
  scrape(): Promise<string>;
}

export interface MetricsOptions {
  database: Pick<Database, "db" | "kind" | "pool">;
  now: () => Date;
  logger?: Logger;
  /** Process metrics (CPU, memory, event loop lag, GC): on in the server, off where not wanted. */
  processMetrics?: boolean;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function createMetrics(options: MetricsOptions): AppMetrics {
  const { database, now, logger } = options;
  const registry = new Registry();
  const registers = [registry];
  const repo = metricsRepository(database.db);
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: "madoguchi_" });

  const requests = new Counter({
    name: "madoguchi_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "madoguchi_http_request_duration_seconds",
    help: "Time to answer an HTTP request (until the handler returns; a stream counts until it opens)",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const streams = new Gauge({
    name: "madoguchi_sse_streams_open",
    help: "Live queue streams (SSE) open in this process, by kind",
    labelNames: ["kind"] as const,
    registers,
  });
  for (const kind of ["display", "phone"] as const) streams.set({ kind }, 0);

  // One set of queries per scrape, shared by the gauges that need them (a scrape calls every collect()
  // in the same tick, so they find the queries in flight); a failure reads as database_up 0.
  let inFlight: Promise<DbFigures | null> | undefined;
  const figures = (): Promise<DbFigures | null> => {
    inFlight ??= readFigures(repo, now())
      .catch((error: unknown) => {
        logger?.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "metrics: queries failed",
        );
        return null;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  new Gauge({
    name: "madoguchi_database_up",
    help: "1 when the last scrape's queries answered, else 0",
    registers,
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });
  new Gauge({
    name: "madoguchi_queue_tickets_waiting",
    help: "Tickets waiting today, by municipality and office code",
    labelNames: ["municipality", "office"] as const,
    registers,
    async collect() {
      this.reset();
      for (const r of (await figures())?.waiting ?? [])
        this.set({ municipality: r.municipalityId, office: r.officeCode }, r.waiting);
    },
  });
  new Gauge({
    name: "madoguchi_handoff_backlog",
    help: "Hand-off deliveries not done, by municipality, destination and state (pending, retrying, dead)",
    labelNames: ["municipality", "destination", "state"] as const,
    registers,
    async collect() {
      this.reset();
      for (const r of (await figures())?.backlog ?? [])
        this.set({ municipality: r.municipalityId, destination: r.destination, state: r.state }, r.count);
    },
  });
  new Gauge({
    name: "madoguchi_handoff_oldest_undelivered_seconds",
    help: "Age of the oldest delivery not done (pending, retrying or dead), by municipality and destination",
    labelNames: ["municipality", "destination"] as const,
    registers,
    async collect() {
      this.reset();
      const oldest = new Map<string, { municipality: string; destination: string; seconds: number }>();
      for (const r of (await figures())?.backlog ?? []) {
        const key = `${r.municipalityId}\u0000${r.destination}`;
        const seen = oldest.get(key);
        if (!seen || seen.seconds < r.oldestSeconds)
          oldest.set(key, {
            municipality: r.municipalityId,
            destination: r.destination,
            seconds: r.oldestSeconds,
          });
      }
      for (const { seconds, ...labels } of oldest.values()) this.set(labels, seconds);
    },
  });
  new Gauge({
    name: "madoguchi_db_pool_connections",
    help: "Database connections by state (in_use, idle, waiting for one, max); PGlite is one in-process connection: 1 of 1",
    labelNames: ["engine", "state"] as const,
    registers,
    collect() {
      const pool = database.pool;
      const engine = database.kind;
      if (!pool) {
        this.set({ engine, state: "in_use" }, 1);
        this.set({ engine, state: "idle" }, 0);
        this.set({ engine, state: "waiting" }, 0);
        this.set({ engine, state: "max" }, 1);
        return;
      }
      this.set({ engine, state: "in_use" }, pool.totalCount - pool.idleCount);
      this.set({ engine, state: "idle" }, pool.idleCount);
      this.set({ engine, state: "waiting" }, pool.waitingCount);
      this.set({ engine, state: "max" }, pool.options.max ?? 10);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : "OTHER";
      requests.inc({ method: m, route, status: String(status) });
      latency.observe({ method: m, route }, seconds);
    },
    trackStream(kind, stream) {
      streams.inc({ kind });
      let open = true;
      stream.onClose(() => {
        if (!open) return;
        open = false;
        streams.dec({ kind });
      });
    },
    scrape: () => registry.metrics(),
  };
}

interface DbFigures {
  waiting: WaitingByOffice[];
  backlog: BacklogRow[];
}

async function readFigures(repo: ReturnType<typeof metricsRepository>, at: Date): Promise<DbFigures> {
  // One after the other: PGlite runs one query at a time anyway, and a pool keeps a connection free.
  const waiting = await repo.waitingTicketsByOffice(japanTime(at).date);
  const backlog = await repo.handoffBacklog(at);
  return { waiting, backlog };
}
