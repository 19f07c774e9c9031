import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yatsushiroSeed } from "../../test/support/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import {
  capturingLogger,
  rowsOf,
  seedApplications,
  spawnWorker,
  startProxy,
  TEST_SECRET,
  testCatalog,
  urlOf,
  type WorkerChild,
  waitUntil,
} from "../../test/support/handoff";
import type { Database } from "../db/database";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { useDestinationCatalog } from "./destination-catalog";
import { buildDestinations } from "./destinations";
import { MANIFEST } from "./file-drop";
import { createReferenceReceiver, type ReferenceReceiverOptions } from "./reference-receiver";
import type { RetryPolicy } from "./retry-policy";
import { createHandoffWorker, type HandoffWorker } from "./worker";

// Deliveries under failure, bounded in time: a flaky slow receiver, workers killed at random points
// (separate processes killed with SIGKILL on PostgreSQL; the in-process worker stopped dead on PGlite,
// where one process owns the data), and the database going away mid-delivery (a TCP proxy dropped and
// restored on PostgreSQL; every query failing for a while on PGlite). After each: every delivery is
// done, and the receiver applied each key exactly once; each file-drop key has one manifest line.

const onPostgres = Boolean(process.env.DATABASE_URL);
const policy: RetryPolicy = { minDelayMs: 20, maxDelayMs: 200, factor: 2, jitter: 0.2, maxAttempts: 60 };
let database: TestDatabase;
let root = "";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await seedMunicipality(database.db, yatsushiroSeed);
  root = mkdtempSync(join(tmpdir(), "mg-reliability-"));
});
afterAll(async () => {
  await database.destroy();
  rmSync(root, { recursive: true, force: true });
});

/** A reference receiver behind a server that also counts the requests in flight per worker. */
async function startReceiver(name: string, faults: ReferenceReceiverOptions["faults"] = {}) {
  const applied = new Map<string, number>();
  const receiver = createReferenceReceiver({
    secrets: [TEST_SECRET],
    keysFile: join(root, name, "keys.txt"),
    onApply: (_r, key) => applied.set(key, (applied.get(key) ?? 0) + 1),
    faults,
  });
  const inFlight = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const worker = /\(([^)]+)\)/.exec(req.headers["user-agent"] ?? "")?.[1] ?? "?";
    inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
    res.once("close", () => inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1));
    receiver.handle(req, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/handoff`;
  return {
    url,
    applied,
    receiver,
    inFlight,
    busy: (match: (worker: string) => boolean) => [...inFlight].some(([worker, n]) => n > 0 && match(worker)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await receiver.close();
    },
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

async function deliveriesOf(ids: string[]) {
  const rows: Array<{ key: string; destination: string; state: string; attempts: number }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    rows.push(
      ...(await rowsOf<{ key: string; destination: string; state: string; attempts: number }>(
        database.db,
        sql`select idempotency_key as key, destination, state, attempts from handoff_deliveries
            where application_id in (${sql.join(
              part.map((id) => sql`${id}`),
              sql`, `,
            )})`,
      )),
    );
  }
  return rows;
}

async function allDone(ids: string[]): Promise<boolean> {
  return (await deliveriesOf(ids)).every((r) => r.state === "done");
}

/** Every delivery done; each HTTP key applied once at the receiver; each file key once in the manifest. */
async function expectEachDeliveredOnce(ids: string[], receiver: Receiver, dropDir: string) {
  const rows = await deliveriesOf(ids);
  expect(rows.filter((r) => r.state !== "done")).toEqual([]);
  const httpKeys = rows.filter((r) => r.destination === "core-api").map((r) => r.key);
  const fileKeys = rows.filter((r) => r.destination === "juki-file").map((r) => r.key);
  expect(httpKeys.length).toBeGreaterThan(0);
  expect(fileKeys.length).toBeGreaterThan(0);
  expect([...receiver.applied.keys()].sort()).toEqual([...httpKeys].sort());
  expect([...receiver.applied.values()].every((n) => n === 1)).toBe(true);
  const lines = readFileSync(join(dropDir, "juki", MANIFEST), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { key: string }).key);
  expect(lines.length).toBe(new Set(lines).size);
  expect([...lines].sort()).toEqual([...fileKeys].sort());
  return rows;
}

function inProcessWorker(
  db: Database,
  url: string,
  dropDir: string,
  overrides: { leaseMs?: number; concurrency?: number } = {},
) {
  const { logger, lines } = capturingLogger("warn");
  const worker = createHandoffWorker({
    database: db,
    destinations: buildDestinations(testCatalog(url), {
      dropDir,
      secrets: { "kumamoto/core-api": TEST_SECRET },
      httpTimeoutMs: 1_000,
    }),
    logger,
    policy,
    concurrency: overrides.concurrency ?? 6,
    pollMs: 20,
    leaseMs: overrides.leaseMs ?? 3_000,
  });
  return { worker, lines };
}

/** The environment of `madoguchi worker` child processes for this test database. */
function workerEnv(url: string, dropDir: string, databaseUrl: string): Record<string, string> {
  const destinationsFile = join(dropDir, "..", `destinations-${Date.now()}.json`);
  writeFileSync(destinationsFile, JSON.stringify(testCatalog(url)));
  return {
    DATABASE_URL: databaseUrl,
    HANDOFF_DESTINATIONS_FILE: destinationsFile,
    HANDOFF_SECRETS: JSON.stringify({ "kumamoto/core-api": TEST_SECRET }),
    HANDOFF_DROP_DIR: dropDir,
    HANDOFF_RETRY_MIN_MS: "20",
    HANDOFF_RETRY_MAX_MS: "200",
    HANDOFF_MAX_ATTEMPTS: "60",
    HANDOFF_LEASE_MS: "1500",
    HANDOFF_HTTP_TIMEOUT_MS: "1000",
    HANDOFF_POLL_MS: "20",
    HANDOFF_CONCURRENCY: "4",
  };
}

const ready = (w: WorkerChild) => w.output().includes("Delivery worker running");
const stopChild = async (w: WorkerChild) => {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
  await w.exited;
};

describe("a receiver that fails 30% of requests and answers slowly", () => {
  it("still gets every delivery, each key applied once", { timeout: 50_000 }, async () => {
    const receiver = await startReceiver("flaky", {
      delayMs: [5, 60],
      failBeforeApplyRate: 0.15,
      failAfterApplyRate: 0.18,
    });
    const dropDir = join(root, "flaky", "drop");
    useDestinationCatalog(testCatalog(receiver.url));
    const ids = await seedApplications(database.db, {
      count: 120,
      procedures: ["juki.move-in", "kokuho.enroll"],
    });
    const workers = [1, 2, 3].map(() => inProcessWorker(database, receiver.url, dropDir).worker);
    try {
      await Promise.all(workers.map((w) => w.start()));
      await waitUntil("every delivery done", () => allDone(ids), 40_000);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await receiver.close();
    }
    const rows = await expectEachDeliveredOnce(ids, receiver, dropDir);
    expect(rows).toHaveLength(180);
    expect(receiver.receiver.stats.faults).toBeGreaterThan(10);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });
});

describe("the worker killed at random points during delivery, 20 times", () => {
  it(onPostgres
    ? "loses nothing and applies nothing twice (worker processes killed with SIGKILL)"
    : "loses nothing and applies nothing twice (the in-process worker stopped dead)", {
    timeout: 58_000,
  }, async () => {
    const receiver = await startReceiver("kill", { delayMs: [20, 120] });
    const dropDir = join(root, "kill", "drop");
    useDestinationCatalog(testCatalog(receiver.url));
    const ids = await seedApplications(database.db, {
      count: 60,
      procedures: ["juki.move-in", "kokuho.enroll"],
    });
    const topUp = async () => {
      const left = (await deliveriesOf(ids)).filter((r) => r.state !== "done").length;
      if (left < 30)
        ids.push(
          ...(await seedApplications(database.db, {
            count: 30,
            procedures: ["juki.move-in", "kokuho.enroll"],
          })),
        );
    };
    let kills = 0;
    if (onPostgres) {
      const env = workerEnv(receiver.url, dropDir, urlOf(database));
      // Three at a time, so that a kill rarely waits for a replacement to start.
      const live: WorkerChild[] = [spawnWorker(env), spawnWorker(env), spawnWorker(env)];
      const all = [...live];
      try {
        while (kills < 20) {
          await topUp();
          // A live worker with a request at the receiver right now: kill it at a random point of it.
          let victim: WorkerChild | undefined;
          await waitUntil(
            "a worker delivering",
            () => {
              victim = live.find(
                (w) => w.child.pid && receiver.busy((id) => id.includes(`:${w.child.pid}:`)),
              );
              return victim !== undefined;
            },
            15_000,
          );
          await new Promise((r) => setTimeout(r, Math.random() * 60));
          victim?.child.kill("SIGKILL");
          await victim?.exited;
          kills++;
          live.splice(live.indexOf(victim as WorkerChild), 1);
          const fresh = spawnWorker(env);
          live.push(fresh);
          all.push(fresh);
        }
        // After the last restart, the workers finish everything, including the leases the killed left.
        await waitUntil("every delivery done", () => allDone(ids), 30_000);
        expect(live.some(ready)).toBe(true);
      } finally {
        await Promise.all(all.map(stopChild));
        await receiver.close();
      }
    } else {
      let current = inProcessWorker(database, receiver.url, dropDir, { leaseMs: 1_000 }).worker;
      const workers: HandoffWorker[] = [current];
      try {
        await current.start();
        while (kills < 20) {
          await topUp();
          const id = current.id;
          await waitUntil("the worker delivering", () => receiver.busy((w) => w === id), 15_000);
          await new Promise((r) => setTimeout(r, Math.random() * 60));
          current.kill();
          kills++;
          current = inProcessWorker(database, receiver.url, dropDir, { leaseMs: 1_000 }).worker;
          workers.push(current);
          await current.start();
        }
        await waitUntil("every delivery done", () => allDone(ids), 30_000);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await receiver.close();
      }
    }
    expect(kills).toBe(20);
    const rows = await expectEachDeliveredOnce(ids, receiver, dropDir);
    // Some deliveries were cut off by a kill and delivered again after their lease.
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });
});

describe("the database going away during delivery", () => {
  it(onPostgres
    ? "the worker process reconnects after the database comes back and finishes"
    : "the worker rides out every query failing for a while and finishes", { timeout: 50_000 }, async () => {
    const receiver = await startReceiver("dbdown", { delayMs: [10, 50] });
    const dropDir = join(root, "dbdown", "drop");
    useDestinationCatalog(testCatalog(receiver.url));
    const ids = await seedApplications(database.db, {
      count: 150,
      procedures: ["juki.move-in", "kokuho.enroll"],
    });
    const progress = async () => (await deliveriesOf(ids)).filter((r) => r.state === "done").length;
    if (onPostgres) {
      const target = new URL(urlOf(database));
      const proxy = await startProxy(target);
      const through = new URL(target);
      through.hostname = "127.0.0.1";
      through.port = String(proxy.port());
      const child = spawnWorker({
        ...workerEnv(receiver.url, dropDir, through.toString()),
        LOG_LEVEL: "warn",
      });
      try {
        await waitUntil("some deliveries done", async () => (await progress()) >= 20, 20_000);
        await proxy.down();
        const doneWhileDown = await progress();
        await new Promise((r) => setTimeout(r, 2_000));
        expect(await progress()).toBe(doneWhileDown);
        await proxy.up();
        await waitUntil("every delivery done", () => allDone(ids), 30_000);
        expect(child.child.exitCode).toBeNull();
        expect(child.output()).toMatch(/cannot claim deliveries|could not record/);
      } finally {
        await stopChild(child);
        await proxy.down();
        await receiver.close();
      }
    } else {
      let down = false;
      const failing = new Set(["execute", "transaction", "select", "insert", "update"]);
      const db = new Proxy(database.db, {
        get(target, prop, receiverArg) {
          const value = Reflect.get(target, prop, receiverArg);
          if (down && typeof prop === "string" && failing.has(prop)) {
            return () => {
              throw new Error("Connection terminated unexpectedly");
            };
          }
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const flaky: Database = { ...database, kind: database.kind, db };
      const { worker, lines } = inProcessWorker(flaky, receiver.url, dropDir);
      try {
        await worker.start();
        await waitUntil("some deliveries done", async () => (await progress()) >= 20, 20_000);
        down = true;
        await new Promise((r) => setTimeout(r, 1_500));
        down = false;
        await waitUntil("every delivery done", () => allDone(ids), 30_000);
      } finally {
        await worker.stop();
        await receiver.close();
      }
      expect(lines.some((l) => /cannot claim deliveries|could not record/.test(String(l.msg)))).toBe(true);
    }
    await expectEachDeliveredOnce(ids, receiver, dropDir);
  });
});
