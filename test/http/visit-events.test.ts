import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../support/app";
import { rowsOf } from "../support/database";

// A visit holding two events of one day (issue #18 item 4): a marriage and the partner's move-in are
// one visit, one plan — each procedure once — and each form is filled from its own event.

let t: TestApp;
let client: Client;
let id = "";

type Fields = Record<string, string | readonly string[]>;

async function post(path: string, fields: Fields): Promise<Response> {
  const body = new URLSearchParams({ _csrf: await client.csrf("/visits") });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return client.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";
const page = async () => (await client.request(`/visits/${id}`)).text();
const visitRow = async () =>
  (
    await rowsOf<{
      version: number;
      state: string;
      plan: { procedures: { id: string }[]; eventOf?: Record<string, number> };
      more: unknown[];
    }>(t.database.db, sql`select version, state, plan, more_households as more from visits where id = ${id}`)
  )[0];

const people: Fields = {
  memberCount: "2",
  "event.date": "2027-02-10",
  "m0.relation": "head",
  "m0.name": "阿蘇 拓海",
  "m0.birthDate": "1993-03-03",
  "m0.sex": "male",
  "m0.insurance": "employee",
  "m1.relation": "spouse",
  "m1.name": "阿蘇 美咲",
  "m1.birthDate": "1995-09-09",
  "m1.sex": "female",
  "m1.insurance": "employee",
};
const marriage: Fields = {
  ...people,
  "event.type": "marriage",
  "event.partners": ["m1", "m2"],
  "event.surnameChanges": "m2",
};
const moveIn: Fields = {
  ...people,
  "event.type": "move-in",
  "event.origin": "other-municipality",
  "m1.moving": "on",
};
const ids = (plan: { procedures: { id: string }[] } | undefined) => (plan?.procedures ?? []).map((p) => p.id);

beforeAll(async () => {
  t = await createTestApp();
  client = await t.signIn(await t.addUser("visit-events-counter", "counter"));
  const started = await post("/visits", {});
  id = (started.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
  await post(`/visits/${id}/move`, { version: versionOf(await page()), to: "identity" });
  await post(`/visits/${id}/identity`, { version: versionOf(await page()), documents: ["drivers-licence"] });
  const household = await post(`/visits/${id}/household`, {
    ...marriage,
    version: versionOf(await page()),
    action: "plan",
  });
  expect(household.status).toBe(303);
});
afterAll(() => t.close());

describe("a visit with a marriage and the partner's move-in", () => {
  it("lists the visit's event on the plan and offers only the events it does not hold", async () => {
    const html = await page();
    expect(html).toContain("この来庁の届出");
    expect(html).toMatch(/<li data-event="marriage">婚姻（世帯の確認で入力）/);
    const select = /<select id="addEvent"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    expect(select).toContain('value="move-in"');
    expect(select).not.toContain('value="marriage"');
  });

  it("opens the household form for the added event with the visit's people in it", async () => {
    const html = await (await client.request(`/visits/${id}?addEvent=move-in`)).text();
    expect(html).toContain("同じ日の届出を追加：転入");
    expect(html).toMatch(/<option value="move-in" selected/);
    expect(html).toContain('value="阿蘇 美咲"');
    expect(html).toContain(`action="/visits/${id}/events"`);
  });

  it("refuses the same event twice, and a person whose number now names someone else, saving nothing", async () => {
    const before = await visitRow();
    const twice = await post(`/visits/${id}/events`, {
      ...marriage,
      version: versionOf(await page()),
      action: "plan",
    });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain("この来庁には、すでに婚姻の届出があります。");
    const other = await post(`/visits/${id}/events`, {
      ...moveIn,
      "m1.name": "別の 人",
      version: versionOf(await page()),
      action: "plan",
    });
    expect(other.status).toBe(422);
    expect(await other.text()).toContain("2人目の方が、この来庁の同じ番号の方と違います");
    expect(await visitRow()).toEqual(before);
  });

  it("makes one plan of both events, each procedure once, and knows which event fills each form", async () => {
    const before = ids((await visitRow())?.plan);
    expect(before).toContain("koseki.marriage");
    expect(before).not.toContain("juki.move-in");
    const added = await post(`/visits/${id}/events`, {
      ...moveIn,
      version: versionOf(await page()),
      action: "plan",
    });
    expect(added.status).toBe(303);
    const row = await visitRow();
    const plan = ids(row?.plan);
    expect(plan).toEqual(expect.arrayContaining(["koseki.marriage", "juki.move-in"]));
    expect(new Set(plan).size).toBe(plan.length);
    expect(row?.plan.eventOf?.["koseki.marriage"]).toBe(0);
    expect(row?.plan.eventOf?.["juki.move-in"]).toBe(1);
    expect(row?.more).toHaveLength(1);
    const html = await page();
    expect(html).toMatch(/<li data-event="move-in">転入/);
    expect(html).toContain('data-procedure="juki.move-in"');
  });

  it("takes the added event out again, back to the marriage's plan", async () => {
    const res = await post(`/visits/${id}/events/remove`, { version: versionOf(await page()), index: "1" });
    expect(res.status).toBe(303);
    const row = await visitRow();
    expect(ids(row?.plan)).not.toContain("juki.move-in");
    expect(row?.more).toEqual([]);
  });

  it("says that confirming the household again drops the added event, and does", async () => {
    await post(`/visits/${id}/events`, { ...moveIn, version: versionOf(await page()), action: "plan" });
    await post(`/visits/${id}/move`, { version: versionOf(await page()), to: "household" });
    const html = await page();
    expect(html).toContain("世帯を確定し直すと、追加した届出（転入）は外れます。");
    const again = await post(`/visits/${id}/household`, {
      ...marriage,
      version: versionOf(html),
      action: "plan",
    });
    expect(again.status).toBe(303);
    const row = await visitRow();
    expect(row?.more).toEqual([]);
    expect(ids(row?.plan)).not.toContain("juki.move-in");
  });
});
