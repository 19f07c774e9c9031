import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { moveInFamily } from "../forms/fixtures/households";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { moveVisit } from "./move-visit";
import { saveAnswers } from "./save-answers";
import { setHousehold } from "./set-household";
import { startVisit } from "./start-visit";
import { verifyIdentity } from "./verify-identity";
import { counterScope } from "./visit.test-support";
import { visitFormInputs } from "./visit-forms";
import type { StaffScope } from "./visit-scope";

let t: TestDatabase;
let scope: StaffScope;
const now = new Date("2026-12-07T01:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMunicipality(t.db, kumamotoSeed);
  scope = await counterScope(t.db);
});
afterAll(() => t.close());

describe("the interview's choice of a person", () => {
  it("refuses a child posted as the 児童手当 claimant, though the child is in the household", async () => {
    let v = await startVisit(t.db, { scope, now });
    v = await verifyIdentity(t.db, {
      scope,
      visitId: v.id,
      version: v.version,
      check: {
        documents: ["mynumber-card"],
        agent: false,
        agentSameHousehold: false,
        powerOfAttorney: false,
      },
      now,
    });
    v = await setHousehold(t.db, {
      scope,
      visitId: v.id,
      version: v.version,
      household: moveInFamily,
      source: "entered",
      now,
    });
    v = await moveVisit(t.db, { scope, visitId: v.id, version: v.version, to: "interview", now });
    const claimant = visitFormInputs(v).questions.find((q) => q.key === "childAllowanceClaimant");
    expect(claimant?.options?.map((o) => o.value)).not.toContain("m3");
    const save = (value: string) =>
      saveAnswers(t.db, {
        scope,
        visitId: v.id,
        version: v.version,
        answers: { childAllowanceClaimant: value },
        proceed: false,
        now,
      });
    await expect(save("m3")).rejects.toMatchObject({ reason: "visits.answerNotOffered" });
    const saved = await save(claimant?.options?.[0]?.value ?? "");
    expect((saved.answers as Record<string, unknown>).childAllowanceClaimant).toBe(
      claimant?.options?.[0]?.value,
    );
  });
});
