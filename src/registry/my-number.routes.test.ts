import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../../test/support/app";
import { auditRepository } from "../auth/audit.repository";
import { localRegistry } from "./local-registry";
import { rareKanjiHouseholds, writeRows } from "./registry.test-support";

let t: TestApp;
let client: Client;
let householdId: string;
let residentId: string;

beforeAll(async () => {
  t = await createTestApp();
  await writeRows(t.database.db, "kumamoto", rareKanjiHouseholds());
  client = await t.signIn(await t.addUser("mynumber.counter", "counter"));
  const found = await localRegistry(t.database).search("kumamoto", { name: "髙橋 一郎" });
  householdId = found.residents[0]?.householdId ?? "";
  residentId = found.residents[0]?.id ?? "";
});

afterAll(async () => {
  await t?.close();
});

describe("a 個人番号 typed into the registry's free text", () => {
  it("is refused in the reason for opening a household, and nothing reaches the audit log", async () => {
    for (const detail of ["本人の番号 123456789018 を確認", "１２３４－５６７８－９０１８"]) {
      const res = await client.postForm(`/registry/households/${householdId}/open`, {
        reason: "other",
        detail,
        resident: residentId,
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain("個人番号（マイナンバー）は入力できません。");
      expect(html).toContain('href="#detail"');
    }
    expect(
      await auditRepository(t.database.db).list("kumamoto", { action: "registry.household.open" }),
    ).toEqual([]);
    // A twelve-digit number whose check digit is wrong is not a 個人番号: the opening is recorded.
    const ok = await client.postForm(`/registry/households/${householdId}/open`, {
      reason: "other",
      detail: "問合せ番号 123456789012",
      resident: residentId,
    });
    expect(ok.status).toBe(303);
  });

  it("is refused in the reason for changing a member's facts, and the record is not changed", async () => {
    const res = await client.postForm(`/registry/residents/${residentId}/edit`, {
      insurance: "employee",
      pension: "cat2",
      careLevel: "",
      myNumberCard: "1",
      sealRegistered: "1",
      owns: "dog",
      version: "1",
      reason: "マイナンバー 1234 5678 9018 で本人確認",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("個人番号（マイナンバー）は入力できません。");
    expect(html).toContain('href="#reason"');
    expect(await localRegistry(t.database).resident("kumamoto", residentId)).toMatchObject({
      version: 1,
      owns: [],
    });
  });
});
