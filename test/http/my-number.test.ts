import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVisit } from "../../src/visits/start-visit";
import { verifyIdentity } from "../../src/visits/verify-identity";
import { loadVisit, type StaffScope } from "../../src/visits/visit-scope";
import { visits } from "../../src/visits/visits.table";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";
import { rowsOf } from "../support/database";

// A valid 個人番号 (番号法施行令 第8条: check digit 8) typed into the free text a person sends.
let t: TestApp;
let user: TestUser;
let client: Client;
let scope: StaffScope;
const now = new Date("2026-12-07T01:00:00Z");

beforeAll(async () => {
  t = await createTestApp();
  user = await t.addUser("mynumber.http", "counter");
  client = await t.signIn(user);
  const [staff] = await rowsOf<{ office_id: string }>(
    t.database.db,
    sql`select office_id from staff where id = ${user.id}`,
  );
  scope = { municipalityId: "kumamoto", staffId: user.id, officeId: staff?.office_id ?? "" };
});
afterAll(async () => {
  await t?.close();
});

const form = (client: Client, path: string, fields: Array<[string, string]>) =>
  client.csrf("/").then((csrf) =>
    client.request(path, {
      method: "POST",
      body: new URLSearchParams([...fields, ["_csrf", csrf]]),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  );

const answerCount = async (visitId: string) =>
  (
    await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kpi_survey_answers where visit_id = ${visitId}`,
    )
  )[0]?.n;

describe("a 個人番号 in the survey's comment", () => {
  it("is refused with the reason in the resident's language, and no answer is stored", async () => {
    const [visit] = await t.database.db
      .insert(visits)
      .values({
        municipalityId: "kumamoto",
        officeId: scope.officeId,
        state: "accepted",
        household: { event: { type: "move-in", date: "2026-06-01" }, members: [] },
        createdBy: user.id,
        acceptedAt: now,
      })
      .returning({ id: visits.id });
    const path = `/survey/visit/${visit?.id}`;
    const en = await form(client, path, [
      ["lang", "en"],
      ["score", "4"],
      ["comment", "Thanks. My number is 1234 5678 9018"],
    ]);
    expect(en.status).toBe(422);
    expect(await en.text()).toContain("Do not enter a My Number");
    const vi = await form(client, path, [
      ["lang", "vi"],
      ["score", "4"],
      ["comment", "１２３４５６７８９０１８"],
    ]);
    expect(vi.status).toBe(422);
    expect(await vi.text()).toContain("Không được nhập Mã số cá nhân");
    expect(await answerCount(visit?.id ?? "")).toBe(0);
    // A twelve-digit number with a wrong check digit is no 個人番号: the answer is recorded.
    const ok = await form(client, path, [
      ["lang", "ja"],
      ["score", "4"],
      ["comment", "受付番号 123456789012"],
    ]);
    expect(ok.status).toBe(200);
    expect(await answerCount(visit?.id ?? "")).toBe(1);
  });
});

const household = (extra: Array<[string, string]>): Array<[string, string]> => [
  ["memberCount", "1"],
  ["event.type", "move-in"],
  ["event.date", "2026-12-01"],
  ["m0.name", "熊本 一郎"],
  ["m0.relation", "head"],
  ["m0.birthDate", "1980-04-02"],
  ["m0.insurance", "employee"],
  ...extra,
];

describe("a 個人番号 in the household form's free text", () => {
  it("is refused on the guidance page, linked to the field", async () => {
    const res = await form(client, "/guidance", household([["m0.honseki", "熊本県熊本市1234-5678-9018"]]));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("個人番号（マイナンバー）は入力できません。");
    expect(html).toContain('href="#m0-honseki"');
  });

  it("is refused at a visit's household step, and the visit keeps no household", async () => {
    let v = await startVisit(t.database.db, { scope, now });
    v = await verifyIdentity(t.database.db, {
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
    const res = await form(
      client,
      `/visits/${v.id}/household`,
      household([
        ["version", String(v.version)],
        ["filer", "other"],
        ["filer.name", "代理 花子"],
        ["filer.address", "熊本市中央区 123456789018"],
      ]),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("個人番号（マイナンバー）は入力できません。");
    expect(html).toContain('href="#filer-address"');
    const stored = await loadVisit(t.database.db, scope, v.id);
    expect(stored.version).toBe(v.version);
    expect(JSON.stringify(stored.household ?? null)).not.toContain("123456789018");
  });
});
