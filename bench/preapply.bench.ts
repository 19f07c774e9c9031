// Issue 19 figures: a resident's pre-application submit (validate, plan, hash, insert) and the counter's
// open-from-code (lock, check, copy to the visit, consume, audit), each beside a plain INSERT of the
// same pre-application row in the same run, on PGlite and, when DATABASE_URL is set, PostgreSQL; and
// on PostgreSQL 200 submissions at once (a pool of 10 connections) without an error.
// `npm run bench -- preapply`; PREAPPLY_BENCH_RUNS sets the runs per engine (default 40).
import { randomBytes } from "node:crypto";
import type { Database } from "../src/db/database";
import { groupCode } from "../src/preapply/pre-application";
import { preApplicationRepository } from "../src/preapply/pre-application.repository";
import { submitPreApplication } from "../src/preapply/submit-pre-application";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { startFromPreApplication } from "../src/visits/start-from-pre-application";
import { startVisit } from "../src/visits/start-visit";
import { counterScope } from "../src/visits/visit.test-support";
import { fmt, onEachEngine } from "./support";

const RUNS = Number(process.env.PREAPPLY_BENCH_RUNS ?? 40);
const CONCURRENT = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;

const family = {
  event: { type: "move-in", date: "2026-04-06", origin: "other-municipality", crossPrefecture: false },
  members: [
    {
      id: "m1",
      relation: "head",
      birthDate: "1993-08-19",
      insurance: "employee",
      name: "熊本 太郎",
      kana: "クマモト タロウ",
      sex: "male",
      pension: "cat2",
      myNumberCard: true,
    },
    {
      id: "m2",
      relation: "spouse",
      birthDate: "1995-02-11",
      insurance: "employee",
      name: "熊本 花子",
      kana: "クマモト ハナコ",
      sex: "female",
      pension: "cat3",
      benefits: ["childAllowance"],
    },
    {
      id: "m3",
      relation: "child",
      birthDate: "2025-01-20",
      insurance: "employee",
      name: "熊本 陽",
      kana: "クマモト ヒナタ",
      needsDaycare: true,
    },
  ],
};

async function measure(label: string, database: Database): Promise<void> {
  await database.migrate();
  await seedMunicipality(database.db, kumamotoSeed);
  const scope = await counterScope(database.db);
  const submitMs: number[] = [];
  const insertMs: number[] = [];
  const openMs: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const created = await submitPreApplication(database.db, {
      municipalityId: "kumamoto",
      household: family,
      lang: "ja",
      now: new Date(),
    });
    const submit = performance.now() - t0;
    // Baseline: the very row submit wrote, written again with one plain INSERT (new hashes: they are unique).
    const { id: _id, ...row } = created.row;
    const t1 = performance.now();
    await database.db.transaction((tx) =>
      preApplicationRepository(tx).insert({
        ...row,
        tokenHash: randomBytes(32).toString("hex"),
        codeHash: randomBytes(32).toString("hex"),
      }),
    );
    const insert = performance.now() - t1;
    const visit = await startVisit(database.db, { scope, now: new Date() });
    const t2 = performance.now();
    await startFromPreApplication(database.db, {
      scope,
      visitId: visit.id,
      version: visit.version,
      code: groupCode(created.code),
      actor: { username: "bench" },
      now: new Date(),
    });
    const open = performance.now() - t2;
    // The first run warms up the code paths and the connection.
    if (i === 0) continue;
    submitMs.push(submit);
    insertMs.push(insert);
    openMs.push(open);
  }
  const base = median(insertMs);
  console.log(`preapply (${label}), ${RUNS} runs, median (p95):`);
  console.log(`  plain INSERT of the row   ${fmt(base, 2)} ms (${fmt(p95(insertMs), 2)})`);
  console.log(
    `  submit                    ${fmt(median(submitMs), 2)} ms (${fmt(p95(submitMs), 2)}) = ${fmt(median(submitMs) / base, 1)}× the insert`,
  );
  console.log(
    `  open a visit from code    ${fmt(median(openMs), 2)} ms (${fmt(p95(openMs), 2)}) = ${fmt(median(openMs) / base, 1)}× the insert`,
  );
}

async function concurrent(database: Database): Promise<void> {
  const t0 = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CONCURRENT }, () =>
      submitPreApplication(database.db, {
        municipalityId: "kumamoto",
        household: family,
        lang: "ja",
        now: new Date(),
      }),
    ),
  );
  const ms = performance.now() - t0;
  const failed = results.filter((r) => r.status === "rejected");
  console.log(
    `  ${CONCURRENT} submissions at once: ${CONCURRENT - failed.length} kept, ${failed.length} errors, ${fmt(ms, 0)} ms in all (${fmt((CONCURRENT / ms) * 1000, 0)}/s)`,
  );
  if (failed.length > 0) {
    console.log(`  first error: ${String((failed[0] as PromiseRejectedResult).reason)}`);
    process.exitCode = 1;
  }
}

export default async function bench(): Promise<void> {
  await onEachEngine("preapply", async (engine, database) => {
    await measure(engine, database);
    // 200 residents submitting at once: on PostgreSQL, where processes share the database.
    if (engine === "PostgreSQL") await concurrent(database);
  });
}
