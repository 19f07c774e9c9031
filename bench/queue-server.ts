// A Madoguchi server process for bench/queue.bench.ts (run by it, not by `npm run bench`): the app over
// in-memory PGlite or DATABASE_URL, with one office's queue set up for load, a staff account and a set
// of tickets whose phone tokens it hands to the bench. Talks to the bench over IPC.
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { and, eq } from "drizzle-orm";
import pino from "pino";
import { addStaff } from "../src/auth/add-staff";
import { defaultConfig } from "../src/config/config";
import { openDatabase } from "../src/db/database";
import { issueTicket } from "../src/queue/issue-ticket";
import { alwaysOpen, seedQueue } from "../src/queue/queue.seed";
import { queuePurposes } from "../src/queue/queue.table";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { counters, offices } from "../src/tenancy/tenancy.table";
import { createApp } from "../src/web/app";

const BENCH_USER = "bench.queue.counter";
const BENCH_PASSWORD = "bench correct horse battery staple";

const role = process.env.ROLE ?? "primary";
const phoneTickets = Number(process.env.PHONE_TICKETS ?? "0");
const url = process.env.DATABASE_URL;
// POOL_MAX: the PostgreSQL pool of each server process (20 by default: 50 kiosks over two processes).
const database = url
  ? await openDatabase({ kind: "postgres", url, max: Number(process.env.POOL_MAX ?? "20") })
  : await openDatabase({ kind: "pglite" });
const db = database.db;

if (role === "primary") {
  await database.migrate();
  await seedMunicipality(db, kumamotoSeed);
  await seedQueue(db, kumamotoSeed.id, {
    officeCodes: ["chuo"],
    seed: {
      hours: alwaysOpen,
      purposes: [
        {
          code: "bench",
          labels: { ja: "負荷試験", "ja-x-easy": "ふかしけん", en: "Load test" },
          bandStart: 1,
          bandEnd: 9999,
          defaultServiceMinutes: 10,
          counters: [1],
        },
      ],
    },
  });
  await addStaff(db, {
    municipalityId: kumamotoSeed.id,
    username: BENCH_USER,
    displayName: "負荷 試験",
    role: "counter",
    officeCode: "chuo",
    password: BENCH_PASSWORD,
  });
}

const [office] = await db
  .select({ id: offices.id })
  .from(offices)
  .where(and(eq(offices.municipalityId, kumamotoSeed.id), eq(offices.code, "chuo")));
const [purpose] = await db
  .select({ id: queuePurposes.id })
  .from(queuePurposes)
  .where(eq(queuePurposes.officeId, office?.id ?? ""));
const [counter] = await db
  .select({ id: counters.id })
  .from(counters)
  .where(and(eq(counters.officeId, office?.id ?? ""), eq(counters.number, 1)));
if (!office || !purpose || !counter) throw new Error("bench office not set up");

const tokens: string[] = [];
for (let i = 0; i < phoneTickets; i++) {
  const issued = await issueTicket(db, {
    municipalityId: kumamotoSeed.id,
    officeId: office.id,
    purposeId: purpose.id,
    now: new Date(),
  });
  tokens.push(issued.token);
}

const app = createApp({
  database,
  config: defaultConfig({ DEMO_SEED: false, LOG_LEVEL: "silent", SSE_STREAMS_PER_CLIENT: 10_000 }),
  logger: pino({ level: "silent" }),
});
const server = await new Promise<Server>((resolve) => {
  const s = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () =>
    resolve(s as Server),
  );
});
server.maxConnections = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
process.on("message", (message: { cmd: string }) => {
  if (message.cmd === "rss") {
    gc?.();
    setTimeout(() => {
      gc?.();
      process.send?.({ rss: process.memoryUsage().rss });
    }, 300);
  }
  if (message.cmd === "stop") {
    server.closeAllConnections();
    server.close(() => {
      void database.close().finally(() => process.exit(0));
    });
  }
});
process.send?.({ ready: true, officeId: office.id, purposeId: purpose.id, counterId: counter.id, tokens });
