import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nguyenFamily, writeRows } from "../../src/registry/registry.test-support";
import { type Client, createTestApp, type TestApp } from "../support/app";
import { rowsOf } from "../support/database";

// The household form's births, marriages and divorces (issue #18): the staff guidance page and the
// counter visit's household step refuse what the engine refuses, in the error summary linked to the
// field, and the visit keeps nothing of a refused household.

let t: TestApp;
let client: Client;

beforeAll(async () => {
  t = await createTestApp();
  client = await t.signIn(await t.addUser("family-events-counter", "counter"));
});
afterAll(() => t.close());

type Fields = Record<string, string | readonly string[]>;

async function post(path: string, fields: Fields, csrfFrom = "/guidance"): Promise<Response> {
  const body = new URLSearchParams({ _csrf: await client.csrf(csrfFrom) });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return client.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

const member = (i: number, relation: string, name: string, birthDate: string, extra: Fields = {}) => ({
  [`m${i}.relation`]: relation,
  [`m${i}.name`]: name,
  [`m${i}.birthDate`]: birthDate,
  [`m${i}.insurance`]: "employee",
  ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`m${i}.${k}`, v])),
});

const birth: Fields = {
  memberCount: "3",
  "event.type": "birth",
  "event.date": "2027-01-15",
  "event.newborn": "m3",
  "event.mother": "m2",
  ...member(0, "head", "熊本 大輔", "1990-05-05"),
  ...member(1, "spouse", "熊本 真由", "1992-08-08", { sex: "female", insurance: "kokuho" }),
  ...member(2, "child", "熊本 結", "2027-01-15"),
};

const marriage: Fields = {
  memberCount: "2",
  "event.type": "marriage",
  "event.date": "2027-02-10",
  "event.partners": ["m1", "m2"],
  "event.surnameChanges": "m2",
  ...member(0, "head", "阿蘇 拓海", "1993-03-03"),
  ...member(1, "spouse", "阿蘇 美咲", "1995-09-09"),
};

const divorce: Fields = {
  memberCount: "3",
  "event.type": "divorce",
  "event.date": "2027-03-05",
  "event.partners": ["m1", "m2"],
  "event.divorceType": "agreement",
  "event.custodian": "m2",
  "event.leaving": "m1",
  "event.surnameChanges": "m2",
  ...member(0, "head", "天草 誠", "1985-11-11"),
  ...member(1, "spouse", "天草 由美", "1987-12-12"),
  ...member(2, "child", "天草 悠", "2016-02-02"),
};

/** The four refusals of issue #18: what is posted, the field it is shown at, and words of the message. */
const refusals: Array<[string, Fields, string, string]> = [
  [
    "a marriage partner under 18",
    { ...marriage, "m1.birthDate": "2010-01-01" },
    "m1-birthDate",
    "婚姻は18歳からです",
  ],
  [
    "a birth whose newborn's birth date is not the event date",
    { ...birth, "m2.birthDate": "2027-01-10" },
    "m2-birthDate",
    "出生の日 2027-01-15 と違います",
  ],
  [
    "a custodian who is not a partner",
    { ...divorce, "event.custodian": "m3" },
    "event-custodian",
    "離婚する二人のどちらか",
  ],
  [
    "one member both changing and keeping a surname",
    { ...divorce, "event.keepSurname": "m2" },
    "event-keepSurname",
    "両方に入っています",
  ],
];

/** The error summary's part of a page. */
const summaryOf = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";

describe("the staff guidance page's household form", () => {
  it("offers all eight events, and the fieldsets of a birth, a marriage and a divorce, each saying its event", async () => {
    const html = await (await client.request("/guidance")).text();
    const select = /<select id="event-type"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    expect([...select.matchAll(/value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "move-in",
      "move-within",
      "move-between-wards",
      "move-out",
      "death",
      "birth",
      "marriage",
      "divorce",
    ]);
    for (const legend of [
      "出生（出生のとき）",
      "婚姻・離婚をする二人（婚姻・離婚のとき）",
      "婚姻（婚姻のとき）",
      "離婚（離婚のとき）",
    ])
      expect(html).toContain(`<legend>${legend}</legend>`);
    for (const id of [
      "event-newborn",
      "event-mother",
      "event-birthRegistered",
      "event-partners",
      "event-partners-1",
      "event-surnameChanges",
      "event-householdsMerge",
      "event-marriageRegistered",
      "event-divorceType",
      "event-custodian",
      "event-leaving",
      "event-keepSurname",
      "event-divorceRegistered",
      "m0-previousInsurance",
      "m0-previousPension",
    ])
      expect(html, id).toContain(`id="${id}"`);
  });

  it.each([
    ["birth", birth, ["koseki.birth", "kokuho.childbirth-grant", "boshi.newborn-visit"]],
    ["marriage", marriage, ["koseki.marriage"]],
    ["divorce", divorce, ["koseki.divorce", "jido-fuyo.claim"]],
  ])("plans a %s posted from the form", async (_, fields, ids) => {
    const res = await post("/guidance", { ...fields, action: "plan" });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const id of ids) expect(html).toContain(`data-procedure="${id}"`);
  });

  it.each(refusals)("refuses %s in the error summary, linked to its field", async (_, fields, id, words) => {
    const res = await post("/guidance", { ...fields, action: "plan" });
    expect(res.status).toBe(422);
    const html = await res.text();
    const summary = summaryOf(html);
    expect(summary).toContain(`href="#${id}"`);
    expect(summary).toContain(words);
    // The field is on the page, marked invalid (a group of boxes: its fieldset), with the message under it.
    const invalid = id.endsWith("keepSurname")
      ? `<fieldset class="field field--error hf-member-checks" aria-describedby="[^"]*${id}-error`
      : `id="${id}"[^>]*aria-invalid="true"`;
    expect(html).toMatch(new RegExp(invalid));
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain(`id="${id}-error"`);
    expect(html).not.toContain("data-procedure=");
  });

  it("adds the newborn without JavaScript: a child born on the event's day, chosen as the newborn", async () => {
    const fields = { ...birth, memberCount: "2", "event.newborn": "" };
    const res = await post("/guidance", { ...fields, action: "add-newborn" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="memberCount" value="3"');
    expect(html).toMatch(/id="m2-birthDate" name="m2.birthDate" type="text" value="2027-01-15"/);
    const newborn = /<select id="event-newborn"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    expect(newborn).toMatch(/<option value="m3" selected/);
  });
});

describe("the counter visit's household step", () => {
  const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";
  let id = "";

  const visitRow = async () =>
    (
      await rowsOf<{ version: number; household: unknown; plan: unknown; state: string }>(
        t.database.db,
        sql`select version, household, plan, state from visits where id = ${id}`,
      )
    )[0];

  beforeAll(async () => {
    const started = await post("/visits", {}, "/visits");
    id = (started.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
    let html = await (await client.request(`/visits/${id}`)).text();
    await post(`/visits/${id}/move`, { version: versionOf(html), to: "identity" }, "/visits");
    html = await (await client.request(`/visits/${id}`)).text();
    const identity = await post(
      `/visits/${id}/identity`,
      { version: versionOf(html), documents: ["drivers-licence"] },
      "/visits",
    );
    expect(identity.status).toBe(303);
  });

  it.each(refusals)(
    "refuses %s, linked to its field, and saves nothing",
    async (_, fields, fieldId, words) => {
      const before = await visitRow();
      expect(before?.state).toBe("household");
      const html = await (await client.request(`/visits/${id}`)).text();
      const res = await post(
        `/visits/${id}/household`,
        { ...fields, version: versionOf(html), action: "plan" },
        "/visits",
      );
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(summaryOf(page)).toContain(`href="#${fieldId}"`);
      expect(summaryOf(page)).toContain(words);
      expect(page).toContain(`id="${fieldId}-error"`);
      expect(await visitRow()).toEqual(before);
    },
  );

  it("brings up a registry household for a birth, with the event chosen and its members prefilled", async () => {
    await writeRows(t.database.db, "kumamoto", nguyenFamily());
    const [h] = await rowsOf<{ householdId: string; residentId: string }>(
      t.database.db,
      sql`select h.id as "householdId", r.id as "residentId" from registry_households h
          join registry_residents r on r.household_id = h.id
          where h.municipality_id = 'kumamoto' and r.resident_no = '2900000005'`,
    );
    const html = await (await client.request(`/visits/${id}`)).text();
    const opened = await post(
      `/visits/${id}/registry-household`,
      {
        version: versionOf(html),
        householdId: h?.householdId ?? "",
        residentId: h?.residentId ?? "",
        reason: "birth",
      },
      "/visits",
    );
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toContain("event=birth");
    const form = await (await client.request(opened.headers.get("location") ?? "")).text();
    expect(form).toMatch(/<option value="birth" selected/);
    expect(form).toContain("TRAN THI MAI");
    // The resident opened is a woman of the couple: chosen as the mother, for staff to confirm.
    const mother = form.slice(form.indexOf('id="event-mother"'));
    expect(mother.slice(0, mother.indexOf("</select>"))).toMatch(/<option value="m2" selected/);
    // The audit keeps the reason chosen: the 届出 the household was opened for.
    const [audit] = await rowsOf<{ reason: string }>(
      t.database.db,
      sql`select reason from audit_log where action = 'registry.household.open' order by id desc limit 1`,
    );
    expect(audit?.reason).toMatch(/^birth: /);
  });
});
