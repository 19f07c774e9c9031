// A signed visit of the forms fixtures' move-in family (18 one-stop forms), driven through the real use
// cases: for the accept tests, the HTTP document tests and `npm run bench -- accept`.
import { randomBytes } from "node:crypto";
import { addStaff } from "../auth/add-staff";
import type { Db } from "../db/database";
import { fieldByKey, type InterviewQuestion } from "../forms/field-dictionary";
import { moveInAnswers, moveInFamily } from "../forms/fixtures/households";
import { signaturePng } from "../forms/fixtures/signature";
import { moveVisit } from "./move-visit";
import { saveAnswers } from "./save-answers";
import { setHousehold } from "./set-household";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { verifyIdentity } from "./verify-identity";
import type { VisitRow } from "./visit.repository";
import { unansweredQuestions, visitFormInputs } from "./visit-forms";
import type { StaffScope } from "./visit-scope";

const samples = [
  "熊本市中央区手取本町1-1",
  "クマモト タロウ",
  "8600001",
  "0963281111",
  "2026-04-01",
  "1234567890",
  "1234567",
  "0001",
  "001",
  "1",
  "長男",
];

/** A plausible answer the field's own schema takes, for a question the fixture's answers leave open. */
function sampleAnswer(q: InterviewQuestion, memberIds: string[]): string | undefined {
  const tries =
    q.type === "choice" || q.type === "member"
      ? [...(q.options ?? []).map((o) => o.value), ...memberIds]
      : samples;
  const schema = fieldByKey.get(q.key)?.schema;
  return tries.find((value) => !schema || schema.safeParse(value).success);
}

/** The fixture's answers, and a sample answer to any question they leave open (new fields, say). */
function completeAnswers(visit: VisitRow, base: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = structuredClone(base);
  for (let round = 0; round < 4; round++) {
    const inputs = visitFormInputs({ ...visit, answers });
    const open = unansweredQuestions(inputs);
    if (open.length === 0) break;
    const memberIds = inputs.household.members.map((m) => m.id);
    for (const q of open) {
      const value = sampleAnswer(q, memberIds);
      if (value === undefined) continue;
      if (q.memberId === undefined) answers[q.key] = value;
      else answers[q.key] = { ...((answers[q.key] as Record<string, unknown>) ?? {}), [q.memberId]: value };
    }
  }
  return answers;
}

/** A counter clerk of Kumamoto's 中央区 office (the municipality must be seeded). */
export async function counterScope(db: Db): Promise<StaffScope> {
  const { staff } = await addStaff(db, {
    municipalityId: "kumamoto",
    username: `counter-${randomBytes(4).toString("hex")}`,
    displayName: "窓口 職員",
    role: "counter",
    officeCode: "chuo",
  });
  return { municipalityId: "kumamoto", staffId: staff.id, officeId: staff.officeId };
}

/** Reception → identity → household → interview → signature, as a clerk would take it. */
export async function signedMoveInVisit(
  db: Db,
  scope: StaffScope,
  now = new Date("2026-12-07T01:00:00Z"),
): Promise<VisitRow> {
  const v = await reviewedMoveInVisit(db, scope, now);
  const signature = `data:image/png;base64,${Buffer.from(signaturePng()).toString("base64")}`;
  return signVisit(db, { scope, visitId: v.id, version: v.version, signature, now });
}

/** Reception → identity → household → interview, every question answered: at the review, to sign. */
export async function reviewedMoveInVisit(
  db: Db,
  scope: StaffScope,
  now = new Date("2026-12-07T01:00:00Z"),
  household: unknown = moveInFamily,
): Promise<VisitRow> {
  let v = await startVisit(db, { scope, now });
  v = await verifyIdentity(db, {
    scope,
    visitId: v.id,
    version: v.version,
    check: { documents: ["mynumber-card"], agent: false, agentSameHousehold: false, powerOfAttorney: false },
    now,
  });
  v = await setHousehold(db, {
    scope,
    visitId: v.id,
    version: v.version,
    household,
    source: "entered",
    now,
  });
  v = await moveVisit(db, { scope, visitId: v.id, version: v.version, to: "interview", now });
  v = await saveAnswers(db, {
    scope,
    visitId: v.id,
    version: v.version,
    answers: completeAnswers(v, household === moveInFamily ? moveInAnswers : {}),
    proceed: true,
    now,
  });
  return v;
}
