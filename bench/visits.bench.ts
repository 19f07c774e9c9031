// Issue 5 figure: accept latency of a visit with the move-in family's one-stop forms (about 15-18),
// on PGlite and on PostgreSQL, beside a plain INSERT of the same application rows in the same run.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import pg from "pg";
import { addStaff } from "../src/auth/add-staff";
import { type Database, openDatabase } from "../src/db/database";
import { moveInAnswers, moveInFamily } from "../src/forms/fixtures/households";
import { signaturePng } from "../src/forms/fixtures/signature";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { acceptVisit } from "../src/visits/accept-visit";
import { moveVisit } from "../src/visits/move-visit";
import { saveAnswers } from "../src/visits/save-answers";
import { setHousehold } from "../src/visits/set-household";
import { signVisit } from "../src/visits/sign-visit";
import { startVisit } from "../src/visits/start-visit";
import { verifyIdentity } from "../src/visits/verify-identity";
import type { StaffScope } from "../src/visits/visit-scope";
import { applications } from "../src/visits/visits.table";
import { fmt } from "./support";

const RUNS = Number(process.env.VISIT_BENCH_RUNS ?? 8);

async function signedVisit(database: Database, scope: StaffScope) {
  const now = new Date("2026-04-06T01:00:00Z");
  let v = await startVisit(database.db, { scope, now });
  v = await verifyIdentity(database.db, {
    scope,
    visitId: v.id,
    version: v.version,
    check: { documents: ["mynumber-card"], agent: false, agentSameHousehold: false, powerOfAttorney: false },
    now,
  });
  v = await setHousehold(database.db, {
    scope,
    visitId: v.id,
    version: v.version,
    household: moveInFamily,
    source: "entered",
    now,
  });
  v = await moveVisit(database.db, { scope, visitId: v.id, version: v.version, to: "interview", now });
  v = await saveAnswers(database.db, {
    scope,
    visitId: v.id,
    version: v.version,
    answers: moveInAnswers,
    proceed: true,
    now,
  });
  const signature = `data:image/png;base64,${Buffer.from(signaturePng()).toString("base64")}`;
  return signVisit(database.db, { scope, visitId: v.id, version: v.version, signature, now });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function measure(label: string, database: Database) {
  await database.migrate();
  await seedMunicipality(database.db, kumamotoSeed);
  const { staff: member } = await addStaff(database.db, {
    municipalityId: "kumamoto",
    username: `bench-${randomBytes(4).toString("hex")}`,
    displayName: "bench",
    role: "counter",
    officeCode: "chuo",
  });
  const scope: StaffScope = { municipalityId: "kumamoto", staffId: member.id, officeId: member.officeId };
  const acceptMs: number[] = [];
  const insertMs: number[] = [];
  let forms = 0;
  for (let i = 0; i < RUNS; i++) {
    const signed = await signedVisit(database, scope);
    const t0 = performance.now();
    const accepted = await acceptVisit(database.db, {
      scope,
      visitId: signed.id,
      version: signed.version,
      now: new Date(),
    });
    acceptMs.push(performance.now() - t0);
    // Baseline: the same rows written with one plain INSERT in a transaction, nothing else.
    const rows = await database.db.select().from(applications).where(eq(applications.visitId, accepted.id));
    forms = rows.length;
    const copy = await startVisit(database.db, { scope, now: new Date() });
    const t1 = performance.now();
    await database.db.transaction(async (tx) => {
      await tx.insert(applications).values(rows.map(({ id: _id, ...r }) => ({ ...r, visitId: copy.id })));
    });
    insertMs.push(performance.now() - t1);
  }
  const a = median(acceptMs);
  const b = median(insertMs);
  console.log(
    `accept (${label}, ${forms} forms)`.padEnd(40) +
      `median ${fmt(a)} ms  (plain INSERT of the same rows ${fmt(b, 1)} ms → ${fmt(a / b, 1)}×; rendering and splitting the PDFs dominate)`,
  );
}

export default async function bench(): Promise<void> {
  const pglite = await openDatabase({ kind: "pglite" });
  try {
    await measure("PGlite", pglite);
  } finally {
    await pglite.close();
  }
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `mg_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`accept (PostgreSQL): skipped — cannot connect to ${base}: ${(error as Error).message}`);
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const postgres = await openDatabase({ kind: "postgres", url: url.toString() });
  try {
    await measure("PostgreSQL", postgres);
  } finally {
    await postgres.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
