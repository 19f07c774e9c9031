// Issue 6 figures: deliveries per second end to end (enqueued in the accept transaction → recorded done),
// with the reference receiver on loopback, on PostgreSQL with 1 and 4 `madoguchi worker` processes and on
// PGlite with the in-process worker, each beside a plain loop of the same INSERT/UPDATE statements (no
// HTTP, no worker) in the same run; and recovery after SIGKILL: a worker restarted to its first delivery.
// Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); makes and drops
// its own database. Run alone with `node --import tsx bench/handoff.bench.ts` or `npm run bench -- handoff`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import { type Database, openDatabase } from "../src/db/database";
import type { DestinationCatalog } from "../src/handoff/destination.schema";
import { useDestinationCatalog } from "../src/handoff/destination-catalog";
import { buildDestinations } from "../src/handoff/destinations";
import { handoffRepository } from "../src/handoff/handoff.repository";
import { createReferenceReceiver } from "../src/handoff/reference-receiver";
import { defaultRetryPolicy } from "../src/handoff/retry-policy";
import { createHandoffWorker } from "../src/handoff/worker";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import {
  rowsOf,
  seedApplications,
  spawnWorker,
  TEST_SECRET,
  type WorkerChild,
} from "../test/support/handoff";
import { fmt } from "./support";

const N_PG = 3_000;
const N_PGLITE = 1_000;
const CONCURRENCY = 16;

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Deliveries still to do: counted on the claim's partial index, cheap enough to poll. */
const left = async (database: Database) =>
  Number(
    (
      await rowsOf<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from handoff_deliveries where state in ('pending', 'retrying')`,
      )
    )[0]?.n ?? 0,
  );

/** Enqueue n deliveries (as accepts do) while the workers run; deliveries/s from the first enqueue to the last done. */
async function endToEnd(database: Database, n: number): Promise<number> {
  const started = performance.now();
  await seedApplications(database.db, { count: n, procedures: ["kokuho.enroll"], batch: 100 });
  await waitFor(async () => (await left(database)) === 0, 120_000, "every delivery done");
  return n / ((performance.now() - started) / 1000);
}

/** The same statements with no HTTP and no worker: insert (as accepts do), claim a batch, record it. */
async function plainLoop(database: Database, n: number): Promise<number> {
  const started = performance.now();
  await seedApplications(database.db, { count: n, procedures: ["baseline.only"], batch: 100 });
  const repo = handoffRepository(database.db);
  for (;;) {
    const at = new Date();
    const claimed = await repo.claim({
      now: at,
      leaseUntil: new Date(at.getTime() + 60_000),
      limit: CONCURRENCY,
      enabled: ["kumamoto/baseline"],
      workerId: "plain",
    });
    if (claimed.length === 0) break;
    await database.db.transaction((tx) =>
      handoffRepository(tx).completeMany(
        claimed.map((c) => ({
          deliveryId: c.deliveryId,
          applicationId: c.applicationId,
          leaseToken: c.leaseToken,
          state: "done" as const,
        })),
        new Date(),
      ),
    );
  }
  return n / ((performance.now() - started) / 1000);
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "madoguchi-handoff-bench-"));
  const receiver = createReferenceReceiver({
    secrets: [TEST_SECRET],
    keysFile: join(dir, "applied-keys.txt"),
  });
  const { url } = await receiver.listen();
  const catalog: DestinationCatalog = {
    municipalities: {
      kumamoto: {
        destinations: [
          { id: "core-api", kind: "http", label: { ja: "API", en: "API" }, url, procedures: ["kokuho.*"] },
          // Routes the baseline's rows only; no worker is given this destination.
          {
            id: "baseline",
            kind: "http",
            label: { ja: "基準", en: "Baseline" },
            url,
            procedures: ["baseline.*"],
          },
        ],
      },
    },
  };
  useDestinationCatalog(catalog);
  const destinationsFile = join(dir, "destinations.json");
  writeFileSync(
    destinationsFile,
    JSON.stringify({
      municipalities: { kumamoto: { destinations: [catalog.municipalities.kumamoto?.destinations[0]] } },
    }),
  );

  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl });
  const reachable = await admin.connect().then(
    () => true,
    (error: Error) => {
      console.log(`PostgreSQL not reachable (${error.message}): the PostgreSQL figures are skipped`);
      return false;
    },
  );
  if (reachable) await postgresFigures(admin, adminUrl, destinationsFile);
  await pgliteFigures(catalog, dir);
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
}

async function postgresFigures(admin: pg.Client, adminUrl: string, destinationsFile: string): Promise<void> {
  const name = `mg_bench_handoff_${randomBytes(4).toString("hex")}`;
  await admin.query(`create database ${name}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const postgres = await openDatabase({ kind: "postgres", url: dbUrl.toString(), max: 4 });
  const children: WorkerChild[] = [];
  const env = {
    DATABASE_URL: dbUrl.toString(),
    HANDOFF_DESTINATIONS_FILE: destinationsFile,
    HANDOFF_SECRETS: JSON.stringify({ "kumamoto/core-api": TEST_SECRET }),
    HANDOFF_POLL_MS: "50",
    HANDOFF_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: "warn",
  };
  const startWorkers = async (count: number) => {
    const started = Array.from({ length: count }, () => spawnWorker(env));
    children.push(...started);
    await waitFor(
      async () => started.every((w) => w.output().includes("Delivery worker running")),
      60_000,
      "workers",
    );
    return started;
  };
  const stopWorkers = async (list: WorkerChild[]) => {
    for (const w of list) w.child.kill("SIGTERM");
    await Promise.all(list.map((w) => w.exited));
  };
  try {
    await postgres.migrate();
    await seedMunicipality(postgres.db, kumamotoSeed);
    // Warm-up: the first statements of a fresh database are slower than the rest.
    await plainLoop(postgres, 200);
    const pgPlain = await plainLoop(postgres, N_PG);
    const one = await startWorkers(1);
    const pgOne = await endToEnd(postgres, N_PG);
    await stopWorkers(one);
    const four = await startWorkers(4);
    const pgFour = await endToEnd(postgres, N_PG);
    await stopWorkers(four);
    console.log(
      `plain INSERT/claim/UPDATE loop, PostgreSQL    ${fmt(pgPlain)} deliveries/s (one connection, no HTTP)`,
    );
    console.log(
      `end to end, PostgreSQL, 1 worker process     ${fmt(pgOne)} deliveries/s  (${fmt(pgOne / pgPlain, 2)}× plain loop)`,
    );
    console.log(
      `end to end, PostgreSQL, 4 worker processes   ${fmt(pgFour)} deliveries/s  (${fmt(pgFour / pgPlain, 2)}× plain loop; target ≥ 200)`,
    );

    // Recovery: a worker with a backlog is killed; a new one starts; time to its first delivery.
    const recoveries: number[] = [];
    for (let i = 0; i < 3; i++) {
      await seedApplications(postgres.db, { count: 1_000, procedures: ["kokuho.enroll"], batch: 200 });
      const [victim] = await startWorkers(1);
      const before = await left(postgres);
      await waitFor(async () => (await left(postgres)) < before - 50, 30_000, "deliveries before the kill");
      victim?.child.kill("SIGKILL");
      await victim?.exited;
      const killedAt = await left(postgres);
      const since = performance.now();
      const fresh = spawnWorker(env);
      children.push(fresh);
      await waitFor(async () => (await left(postgres)) < killedAt, 30_000, "first delivery after restart");
      recoveries.push(performance.now() - since);
      await waitFor(async () => (await left(postgres)) === 0, 120_000, "backlog done");
      await stopWorkers([fresh]);
    }
    console.log(
      `recovery after SIGKILL (restart → first delivery) ${recoveries.map((ms) => fmt(ms)).join(", ")} ms  (target ≤ 5000)`,
    );
  } finally {
    await stopWorkers(children.filter((c) => c.child.exitCode === null && c.child.signalCode === null));
    await postgres.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** PGlite: the in-process worker, as a single-process installation runs it. */
async function pgliteFigures(catalog: DestinationCatalog, dir: string): Promise<void> {
  const pglite = await openDatabase({ kind: "pglite" });
  try {
    await pglite.migrate();
    await seedMunicipality(pglite.db, kumamotoSeed);
    await plainLoop(pglite, 200);
    const plain = await plainLoop(pglite, N_PGLITE);
    const worker = createHandoffWorker({
      database: pglite,
      destinations: buildDestinations(catalog, {
        dropDir: dir,
        secrets: { "kumamoto/core-api": TEST_SECRET },
        httpTimeoutMs: 10_000,
      }).filter((d) => d.config.id === "core-api"),
      logger: pino({ level: "silent" }),
      policy: defaultRetryPolicy,
      concurrency: CONCURRENCY,
      pollMs: 50,
      leaseMs: 120_000,
    });
    await worker.start();
    const rate = await endToEnd(pglite, N_PGLITE);
    await worker.stop();
    console.log(`plain INSERT/claim/UPDATE loop, PGlite        ${fmt(plain)} deliveries/s`);
    console.log(
      `end to end, PGlite, in-process worker        ${fmt(rate)} deliveries/s  (${fmt(rate / plain, 2)}× plain loop)`,
    );
  } finally {
    await pglite.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bench();
