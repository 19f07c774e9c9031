import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { type Database, openDatabase } from "../db/database";
import { createQueueEventHub, parseQueueEvent, publishQueueEvent, type QueueEvent } from "./queue-events";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

const event = (seq: number): QueueEvent => ({
  type: "ticket.called",
  municipalityId: "kumamoto",
  officeId: "00000000-0000-4000-8000-000000000001",
  seq,
  ticketId: "00000000-0000-4000-8000-000000000002",
});

/** Resolves with the events received once `count` have arrived (or after `ms`). */
function collect(hub: ReturnType<typeof createQueueEventHub>, count: number, ms = 3_000) {
  const got: QueueEvent[] = [];
  let resyncs = 0;
  let stop = () => {};
  const done = new Promise<{ events: QueueEvent[]; resyncs: number }>((resolve) => {
    const timer = setTimeout(() => resolve({ events: got, resyncs }), ms);
    stop = hub.subscribe({
      event(e) {
        got.push(e);
        if (got.length >= count) {
          clearTimeout(timer);
          resolve({ events: got, resyncs });
        }
      },
      resync() {
        resyncs++;
      },
    });
  });
  return { done: done.finally(() => stop()), got, resyncs: () => resyncs };
}

describe(`queue events (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("an event published in a transaction arrives after commit, and never on rollback", async () => {
    const hub = createQueueEventHub(database, { lingerMs: 50 });
    const listening = collect(hub, 2, 1_500);
    await hub.ready();
    await database.db.transaction(async (tx) => {
      await publishQueueEvent(tx, event(1));
    });
    await database.db
      .transaction(async (tx) => {
        await publishQueueEvent(tx, event(2));
        throw new Error("rolled back");
      })
      .catch(() => {});
    await database.db.transaction(async (tx) => {
      await publishQueueEvent(tx, event(3));
    });
    const { events } = await listening.done;
    expect(events.map((e) => e.seq)).toEqual([1, 3]);
    expect(events[0]).toEqual(event(1));
    expect(hub.kind).toBe(database.kind === "pglite" ? "in-process" : "postgres");
    await hub.close();
  });

  it("payloads that are not queue events are ignored", () => {
    expect(parseQueueEvent("not json")).toBeUndefined();
    expect(parseQueueEvent(JSON.stringify({ type: "x" }))).toBeUndefined();
    expect(parseQueueEvent(JSON.stringify(event(7)))).toEqual(event(7));
  });
});

// Only PostgreSQL has other processes to reach: these run in the PostgreSQL pass of the suite.
const onPostgres = process.env.DATABASE_URL ? describe : () => {};
onPostgres("queue events across processes (PostgreSQL LISTEN/NOTIFY)", () => {
  let other: Database;
  beforeAll(async () => {
    // A second pool on the same database stands for a second server process.
    other = await openDatabase({
      kind: "postgres",
      url: String(database.pool?.options.connectionString),
      max: 2,
    });
  });
  afterAll(async () => {
    await other?.close();
  });

  it("an event committed through one process reaches subscribers in another", async () => {
    const hub = createQueueEventHub(other, { lingerMs: 50 });
    const listening = collect(hub, 1);
    await hub.ready();
    await database.db.transaction(async (tx) => publishQueueEvent(tx, event(11)));
    expect((await listening.done).events.map((e) => e.seq)).toEqual([11]);
    await hub.close();
  });

  it("a lost listening connection reconnects by itself and asks subscribers to resync", async () => {
    const hub = createQueueEventHub(other, { lingerMs: 50 });
    const listening = collect(hub, 1, 10_000);
    await hub.ready();
    // Cut the listener off, as a database restart or a network drop would.
    await database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %' and datname = current_database()`,
    );
    const deadline = Date.now() + 8_000;
    while (listening.resyncs() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(listening.resyncs()).toBe(1);
    await database.db.transaction(async (tx) => publishQueueEvent(tx, event(12)));
    expect((await listening.done).events.map((e) => e.seq)).toEqual([12]);
    await hub.close();
  });
});
