import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { auditRepository } from "../auth/audit.repository";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { moveVisit } from "./move-visit";
import { registryFactsOf } from "./registry-facts";
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
const kiyo = { ward: "南区", address: "近見五丁目35番24号" };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMunicipality(t.db, kumamotoSeed);
  scope = await counterScope(t.db);
});
afterAll(() => t.close());

/** 中村 キヨ, who lived alone, and her son 中村 太郎 (not in her household) filing. */
const bereavement = (filerRelation: "other-relative" | "proxy") => ({
  event: { type: "death", date: "2026-12-05", subject: "m1" },
  members: [
    {
      id: "m1",
      relation: "head",
      name: "中村 キヨ",
      kana: "ナカムラ キヨ",
      birthDate: "1938-02-11",
      sex: "female",
      insurance: "kouki",
      pensionRecipient: true,
    },
  ],
  filer: {
    name: "中村 太郎",
    kana: "ナカムラ タロウ",
    address: "福岡市中央区天神一丁目1番1号",
    relation: filerRelation,
  },
});

async function visitAtHousehold(agent: boolean) {
  let v = await startVisit(t.db, { scope, now });
  v = await verifyIdentity(t.db, {
    scope,
    visitId: v.id,
    version: v.version,
    check: { documents: ["drivers-licence"], agent, agentSameHousehold: false, powerOfAttorney: agent },
    now,
  });
  return v;
}

describe("what the registry knows about a visit's household", () => {
  it("gives the registered address to the key each event prints it under", () => {
    expect(registryFactsOf("kumamoto", kiyo, "death").household).toEqual({
      address: "熊本市南区近見五丁目35番24号",
    });
    expect(registryFactsOf("kumamoto", kiyo, "move-within").household).toEqual({
      previousAddress: "熊本市南区近見五丁目35番24号",
    });
    const household = { ...kiyo, members: [{ relation: "head" as const, name: "中村 キヨ" }] };
    expect(registryFactsOf("kumamoto", household, "move-between-wards").household).toEqual({
      previousAddress: "熊本市南区近見五丁目35番24号",
      previousHead: "中村 キヨ",
    });
    expect(registryFactsOf("kumamoto", { ...kiyo, postalCode: "861-4101" }, "move-in").household).toEqual({
      newAddress: "熊本市南区近見五丁目35番24号",
      newPostalCode: "861-4101",
    });
  });

  it("is never asked in a bereavement, and a typed address never replaces it", async () => {
    let v = await visitAtHousehold(false);
    v = await setHousehold(t.db, {
      scope,
      visitId: v.id,
      version: v.version,
      household: bereavement("other-relative"),
      source: "registry",
      registryFacts: registryFactsOf("kumamoto", kiyo, "death"),
      now,
    });
    v = await moveVisit(t.db, { scope, visitId: v.id, version: v.version, to: "interview", now });
    const asked = visitFormInputs(v).questions.map((q) => q.key);
    expect(asked).not.toContain("address");
    v = await saveAnswers(t.db, {
      scope,
      visitId: v.id,
      version: v.version,
      answers: { address: "熊本市中央区手取本町1番1号" },
      proceed: false,
      now,
    });
    expect(visitFormInputs(v).rawAnswers.address).toBe("熊本市南区近見五丁目35番24号");
  });

  it("records whose identity was checked: the filer from outside the household, with the relation", async () => {
    let v = await visitAtHousehold(false);
    v = await setHousehold(t.db, {
      scope,
      visitId: v.id,
      version: v.version,
      household: bereavement("other-relative"),
      source: "entered",
      now,
    });
    expect((v.identity as { holder?: unknown }).holder).toEqual({
      name: "中村 太郎",
      relation: "other-relative",
    });
    expect(JSON.stringify(v.identity)).not.toMatch(/\d{12}/);
  });

  it("audits a registry fact changed at the counter, with its reason", async () => {
    const v = await visitAtHousehold(false);
    await setHousehold(t.db, {
      scope,
      visitId: v.id,
      version: v.version,
      household: bereavement("other-relative"),
      source: "registry",
      registryFacts: registryFactsOf("kumamoto", kiyo, "death"),
      registryChanges: [{ member: "m1", residentId: "resident-kiyo", reason: "保険証の種類が違っていた" }],
      actor: { username: "counter" },
      now,
    });
    const entries = await auditRepository(t.db).list("kumamoto", {
      action: "visit.household.registryFactChanged",
    });
    expect(entries[0]).toMatchObject({
      targetId: "resident-kiyo",
      reason: "保険証の種類が違っていた",
      detail: { visitId: v.id, member: "m1" },
    });
  });

  it("refuses a proxy as filer unless the identity step saw the 委任状", async () => {
    const v = await visitAtHousehold(false);
    await expect(
      setHousehold(t.db, {
        scope,
        visitId: v.id,
        version: v.version,
        household: bereavement("proxy"),
        source: "entered",
        now,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", reason: "visits.filerNotIdentified" });
    const withLetter = await visitAtHousehold(true);
    const ok = await setHousehold(t.db, {
      scope,
      visitId: withLetter.id,
      version: withLetter.version,
      household: bereavement("proxy"),
      source: "entered",
      now,
    });
    expect(ok.state).toBe("plan");
  });
});
