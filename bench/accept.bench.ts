// Issue 16 figures: accepting the forms fixtures' move-in (18 one-stop forms) on PGlite and, when
// DATABASE_URL is set, PostgreSQL — beside a plain INSERT of the same application rows in the same run
// (target ≤ 3×), and beside plain statements writing every row accept writes (the hand-off outbox, the
// transition, the visit, the audit entry: what no accept can skip) — and the PDF bytes a visit keeps
// beside the size of its signed bundle (target ≤ 1.2×), with what the former layout kept.
// `npm run bench -- accept`; VISIT_BENCH_RUNS sets the number of visits per engine (default 8).
import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLog } from "../src/auth/auth.table";
import type { Database } from "../src/db/database";
import { cutPages } from "../src/forms/pdf-archive";
import { handoffDeliveries } from "../src/handoff/handoff.table";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { acceptVisit } from "../src/visits/accept-visit";
import type { SignedForm } from "../src/visits/sign-visit";
import { startVisit } from "../src/visits/start-visit";
import { visitRepository } from "../src/visits/visit.repository";
import { counterScope, signedMoveInVisit } from "../src/visits/visit.test-support";
import { applications, visits, visitTransitions } from "../src/visits/visits.table";
import { fmt, onEachEngine } from "./support";

const RUNS = Number(process.env.VISIT_BENCH_RUNS ?? 8);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

async function measure(label: string, database: Database): Promise<void> {
  await database.migrate();
  await seedMunicipality(database.db, kumamotoSeed);
  const scope = await counterScope(database.db);
  const acceptMs: number[] = [];
  const insertMs: number[] = [];
  const allRowsMs: number[] = [];
  let forms = 0;
  let lastVisit = "";
  // One visit more than measured: the first warms up the code paths and the connection.
  for (let i = 0; i <= RUNS; i++) {
    const signed = await signedMoveInVisit(database.db, scope);
    const t0 = performance.now();
    const accepted = await acceptVisit(database.db, {
      scope,
      visitId: signed.id,
      version: signed.version,
      now: new Date(),
    });
    const ms = performance.now() - t0;
    // Baseline: the very rows accept wrote, written again with one plain INSERT in a transaction.
    const rows = await database.db.select().from(applications).where(eq(applications.visitId, accepted.id));
    forms = rows.length;
    const copy = await startVisit(database.db, { scope, now: new Date() });
    const t1 = performance.now();
    await database.db.transaction(async (tx) => {
      await tx.insert(applications).values(rows.map(({ id: _id, ...r }) => ({ ...r, visitId: copy.id })));
    });
    const insert = performance.now() - t1;
    // Second baseline: every row accept writes — applications, hand-off deliveries, the transition,
    // the visit's update and the audit entry — as plain statements in one transaction, no checks.
    const deliveries = await database.db
      .select()
      .from(handoffDeliveries)
      .where(
        inArray(
          handoffDeliveries.applicationId,
          rows.map((r) => r.id),
        ),
      );
    const [transition] = await database.db
      .select()
      .from(visitTransitions)
      .where(and(eq(visitTransitions.visitId, accepted.id), eq(visitTransitions.toState, "accepted")));
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, accepted.id), eq(auditLog.action, "visit.accept")));
    if (!transition || !audit) throw new Error("accept wrote no transition or audit entry");
    const copy2 = await startVisit(database.db, { scope, now: new Date() });
    const t2 = performance.now();
    await database.db.transaction(async (tx) => {
      const ids = await tx
        .insert(applications)
        .values(rows.map(({ id: _id, ...r }) => ({ ...r, visitId: copy2.id })))
        .returning({ id: applications.id });
      const idOf = new Map(rows.map((r, k) => [r.id, ids[k]?.id as string]));
      await tx.insert(handoffDeliveries).values(
        deliveries.map(({ id: _id, ...d }) => {
          const applicationId = idOf.get(d.applicationId) as string;
          return { ...d, applicationId, idempotencyKey: `${applicationId}:${d.destination}` };
        }),
      );
      const { id: _t, ...t } = transition;
      await tx.insert(visitTransitions).values({ ...t, visitId: copy2.id });
      await tx
        .update(visits)
        .set({ state: "accepted", measures: accepted.measures, acceptedAt: accepted.acceptedAt, version: 2 })
        .where(eq(visits.id, copy2.id));
      const { id: _a, ...entry } = audit;
      await tx.insert(auditLog).values({ ...entry, targetId: copy2.id });
    });
    const everything = performance.now() - t2;
    if (i > 0) {
      acceptMs.push(ms);
      insertMs.push(insert);
      allRowsMs.push(everything);
    }
    lastVisit = accepted.id;
  }
  const a = median(acceptMs);
  const b = median(insertMs);
  const c = median(allRowsMs);
  console.log(
    `accept (${label}, ${forms} forms)`.padEnd(36) +
      `median ${fmt(a, 1)} ms  (plain INSERT of the same application rows ${fmt(b, 1)} ms → ${fmt(a / b, 1)}×; target ≤ 3×)`,
  );
  console.log(
    "".padEnd(36) +
      `(plain statements writing every row accept writes — applications, deliveries, transition, visit, audit — ${fmt(c, 1)} ms → ${fmt(a / c, 1)}×)`,
  );

  const [stored] = (
    (await database.db.execute(
      sql`select octet_length(s.bundle_pdf)::int as bundle, coalesce(octet_length(s.image_png), 0)::int as png,
            coalesce((select sum(octet_length(a.form_pdf)) from applications a where a.visit_id = s.visit_id), 0)::int as forms
          from signatures s where s.visit_id = ${lastVisit}`,
    )) as unknown as { rows: Array<{ bundle: number; png: number; forms: number }> }
  ).rows;
  if (!stored) throw new Error("no signature stored");
  const total = stored.bundle + stored.png + stored.forms;
  console.log(
    `bytes stored per visit (${label})`.padEnd(36) +
      `${kb(total)}  (the signed bundle ${kb(stored.bundle)} → ${fmt(total / stored.bundle, 2)}×; target ≤ 1.2×; ` +
      `bundle ${kb(stored.bundle)} + signature image ${kb(stored.png)} + per-application PDFs ${kb(stored.forms)})`,
  );

  if (label !== "PGlite") return;
  // What the former layout kept (one PDF per application, each with its own copy of the font subset),
  // and what cutting one application's PDF on demand now costs instead.
  const signature = await visitRepository(database.db).findSignature("kumamoto", lastVisit);
  const bundle = signature?.bundlePdf;
  if (!bundle) throw new Error("no bundle kept");
  const signedForms = signature.forms as Required<SignedForm>[];
  const cutMs: number[] = [];
  let former = 0;
  for (const form of signedForms) {
    const t0 = performance.now();
    const pdf = await cutPages(bundle, {
      firstPage: form.firstPage,
      lastPage: form.lastPage,
      title: form.name,
    });
    cutMs.push(performance.now() - t0);
    former += pdf.length;
  }
  console.log(
    "one PDF per application (former)".padEnd(36) +
      `${kb(former)} for the same visit (${fmt(former / bundle.length, 1)}× the bundle); ` +
      `cutting one when asked for: median ${fmt(median(cutMs), 1)} ms`,
  );
}

export default async function bench(): Promise<void> {
  await onEachEngine("accept", measure);
}
