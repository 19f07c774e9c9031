import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { addStaff } from "../auth/add-staff";
import { auditRepository } from "../auth/audit.repository";
import { moveInFamily } from "../forms/fixtures/households";
import type { Plan } from "../guidance/engine";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { declineProcedure } from "./decline-procedure";
import { moveVisit } from "./move-visit";
import { confirmProxyWriting } from "./proxy-writing";
import { saveAnswers } from "./save-answers";
import { setHousehold } from "./set-household";
import { startVisit } from "./start-visit";
import { verifyIdentity } from "./verify-identity";
import { visitRepository } from "./visit.repository";
import { counterScope } from "./visit.test-support";
import { loadVisit, type StaffScope } from "./visit-scope";

let t: TestDatabase;
let scope: StaffScope;
let colleague: { username: string; password: string };
const now = new Date("2026-12-07T01:00:00Z");
const myNumber = "123456789018";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMunicipality(t.db, kumamotoSeed);
  scope = await counterScope(t.db);
  const added = await addStaff(t.db, {
    municipalityId: "kumamoto",
    username: "counter.mynumber",
    displayName: "佐藤 次郎",
    role: "counter",
    officeCode: "chuo",
  });
  colleague = { username: "counter.mynumber", password: added.password };
});
afterAll(() => t.close());

/** Reception → identity → household: the visit at its plan. */
async function visitAtPlan() {
  let v = await startVisit(t.db, { scope, now });
  v = await verifyIdentity(t.db, {
    scope,
    visitId: v.id,
    version: v.version,
    check: { documents: ["mynumber-card"], agent: false, agentSameHousehold: false, powerOfAttorney: false },
    now,
  });
  return setHousehold(t.db, {
    scope,
    visitId: v.id,
    version: v.version,
    household: moveInFamily,
    source: "entered",
    now,
  });
}

describe("a 個人番号 typed at the counter", () => {
  it("is refused in an interview answer of any kind, and no answer is stored", async () => {
    let v = await visitAtPlan();
    v = await moveVisit(t.db, { scope, visitId: v.id, version: v.version, to: "interview", now });
    const attempts: Record<string, unknown>[] = [
      // A free-text answer, in full width.
      { previousAddress: "熊本市中央区手取本町１２３４５６７８９０１８" },
      // A member's free-text answer, in groups of four.
      { previousSchool: { m3: "五福小 1234-5678-9018" } },
      // A key nobody asks, which would otherwise be kept as sent.
      { note: `マイナンバー ${myNumber}` },
    ];
    for (const answers of attempts) {
      const refused = await saveAnswers(t.db, {
        scope,
        visitId: v.id,
        version: v.version,
        answers,
        proceed: false,
        now,
      }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: "VALIDATION", reason: "visits.answerInvalid" });
      const [problem] = (refused as { problems: { params: { detail: { ja: string; en: string } } }[] })
        .problems;
      expect(problem?.params.detail.ja).toContain("個人番号（マイナンバー）は入力できません");
      expect(problem?.params.detail.en).toContain("Do not enter a My Number");
    }
    const stored = await loadVisit(t.db, scope, v.id);
    expect(stored.version).toBe(v.version);
    expect(JSON.stringify(stored.answers ?? {})).not.toMatch(/9018|９０１８/);
  });

  it("is refused in the reason a procedure is declined, and the plan keeps no decline", async () => {
    const v = await visitAtPlan();
    const procedureId = (v.plan as Plan).procedures[0]?.id ?? "";
    await expect(
      declineProcedure(t.db, {
        scope,
        visitId: v.id,
        version: v.version,
        procedureId,
        reason: `本人申出（番号 ${myNumber}）`,
        declined: true,
        now,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      problems: [{ path: "reason", code: "common.myNumberRefused" }],
    });
    const stored = await loadVisit(t.db, scope, v.id);
    expect(stored.declined).toEqual([]);
    expect(stored.version).toBe(v.version);
  });

  it("is refused as the 代筆 companion's name, before any confirmation is recorded", async () => {
    const v = await visitAtPlan();
    await expect(
      confirmProxyWriting(t.db, {
        scope,
        visitId: v.id,
        writer: "companion",
        writerName: "田中 1234 5678 9018",
        reason: "visual",
        confirmer: colleague,
        staffName: "窓口 職員",
        lockout: { threshold: 5, minutes: 15 },
        now,
      }),
    ).rejects.toMatchObject({ problems: [{ path: "proxyWriterName", code: "common.myNumberRefused" }] });
    expect(await auditRepository(t.db).list("kumamoto", { action: "visit.proxy-writing.confirm" })).toEqual(
      [],
    );
    expect(await visitRepository(t.db).findSignature("kumamoto", v.id)).toBeFalsy();
  });
});
