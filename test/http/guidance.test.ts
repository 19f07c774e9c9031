import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftFromHousehold, type GuidanceDraft } from "../../src/guidance/guidance-form";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

const folder = new URL("../fixtures/examples/", import.meta.url);
const examples = readdirSync(folder)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".expected.json"))
  .map((file) => file.slice(0, -".json".length));
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, folder), "utf8")) as T;

type Household = { event: Record<string, unknown>; members: Array<Record<string, unknown>> };
type PlanItem = {
  id: string;
  name: string;
  names?: Record<string, string>;
  department: string;
  handling: "one-stop" | "guidance";
  members: string[];
  deadline: string | null;
  due: string | null;
  reasons: string[];
  reasonCodes: Array<{ code: string; params?: Record<string, unknown> }>;
};
type ErrorBody = {
  error: { code: string; message: { ja: string; en: string }; problems: Array<Record<string, string>> };
};

let t: TestApp;
let counter: TestUser;
let supervisor: TestUser;
let admin: TestUser;
let yatsushiroCounter: TestUser;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  [counter, supervisor, admin, yatsushiroCounter] = await Promise.all([
    t.addUser("guidance-counter", "counter"),
    t.addUser("guidance-supervisor", "supervisor"),
    t.addUser("guidance-admin", "admin"),
    t.addUser("guidance-yatsushiro", "counter", "yatsushiro"),
  ]);
  staff = await t.signIn(counter);
});
afterAll(async () => {
  await t?.close();
});

const postJson = (client: Client, body: string) =>
  client.request("/api/v1/guidance", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });

async function planOf(client: Client, household: unknown): Promise<PlanItem[]> {
  const res = await postJson(client, JSON.stringify(household));
  expect(res.status).toBe(200);
  return ((await res.json()) as { procedures: PlanItem[] }).procedures;
}

/** The fields a browser submits from the guidance page for this draft (the page's own field names). */
function fieldsOf(draft: GuidanceDraft): Array<[string, string]> {
  const e = draft.event;
  const out: Array<[string, string]> = [
    ["memberCount", String(draft.members.length)],
    ["event.type", e.type],
    ["event.date", e.date],
    ["event.origin", e.origin],
    ["event.destination", e.destination],
    ["event.subject", e.subject],
    ["event.funeralHost", e.funeralHost],
    // A birth, marriage or divorce (the newborn has a field of its own).
    ["event.newborn", e.type === "birth" ? e.subject : ""],
    ["event.mother", e.mother],
    ["event.partners", e.partners[0]],
    ["event.partners", e.partners[1]],
    ["event.divorceType", e.divorceType],
    ["event.custodian", e.custodian],
    ["event.leaving", e.leaving],
    ...e.surnameChanges.map((id): [string, string] => ["event.surnameChanges", id]),
    ...e.keepSurname.map((id): [string, string] => ["event.keepSurname", id]),
  ];
  for (const key of [
    "birthRegistered",
    "householdsMerge",
    "marriageRegistered",
    "divorceRegistered",
  ] as const)
    if (e[key]) out.push([`event.${key}`, "on"]);
  if (e.crossPrefecture) out.push(["event.crossPrefecture", "on"]);
  if (e.schoolDistrictChanges) out.push(["event.schoolDistrictChanges", "on"]);
  if (e.deathRegistered) out.push(["event.deathRegistered", "on"]);
  draft.members.forEach((m, i) => {
    for (const key of [
      "name",
      "kana",
      "relation",
      "birthDate",
      "sex",
      "insurance",
      "pension",
      "careLevel",
      "previousInsurance",
      "previousPension",
    ] as const)
      out.push([`m${i}.${key}`, m[key]]);
    if (m.moving) out.push([`m${i}.moving`, "on"]);
    for (const f of m.flags) out.push([`m${i}.flags`, f]);
    for (const b of m.benefits) out.push([`m${i}.benefits`, b]);
    for (const o of m.owns) out.push([`m${i}.owns`, o]);
  });
  return out;
}

const exampleFields = (name: string) =>
  fieldsOf(draftFromHousehold(read<Household>(`${name}.json`), "2026-04-01"));

async function postGuidance(
  client: Client,
  fields: Array<[string, string]>,
  options: { csrf?: boolean } = {},
): Promise<Response> {
  const body = new URLSearchParams(fields);
  if (options.csrf !== false) body.append("_csrf", await client.csrf("/guidance"));
  return client.request("/guidance", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** The procedure ids of the data-procedure rows in a piece of HTML, in order. */
const rowIds = (html: string): string[] =>
  [...html.matchAll(/data-procedure="([^"]+)"/g)].map((m) => m[1] ?? "");

/** Department heading → procedure ids of the plan's tables. */
function groups(html: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of html.split('<section aria-labelledby="plan-').slice(1)) {
    if (part.startsWith('title"')) continue;
    const heading = (/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(part)?.[1] ?? "").replace(/<[^>]+>/g, "");
    out[heading] = rowIds(part.split("</section>")[0] ?? "");
  }
  return out;
}

/**
 * The member fieldsets' legends, in order ("世帯員 <span data-n>1</span>" reads "世帯員 1"). The add-member
 * template's "__n__" placeholder is not a member and is left out.
 */
const memberLegends = (html: string) =>
  [...html.matchAll(/<legend>世帯員 <span data-n[^>]*>(\d+)<\/span><\/legend>/g)].map(
    (m) => `世帯員 ${m[1]}`,
  );

const inputValue = (html: string, id: string) =>
  new RegExp(`<input id="${id}"[^>]*? value="([^"]*)"`).exec(html)?.[1];

const selected = (html: string, id: string) => {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
  return /<option value="([^"]*)" selected="">/.exec(select)?.[1];
};

describe("POST /api/v1/guidance", () => {
  it.each(examples)(
    "answers %s with exactly the expected procedures, members, deadlines and due dates",
    async (name) => {
      const plan = await planOf(staff, read(`${name}.json`));
      expect(plan.map(({ id, members, deadline, due }) => ({ id, members, deadline, due }))).toEqual(
        read<{ procedures: unknown }>(`${name}.expected.json`).procedures,
      );
      for (const item of plan) {
        expect(Object.keys(item).sort()).toEqual(
          [
            "deadline",
            "due",
            "dueText",
            "department",
            "handling",
            "id",
            "members",
            "name",
            "names",
            "reasons",
            "reasonCodes",
          ].sort(),
        );
        expect(item.name).not.toBe("");
        expect(item.names?.ja).toBe(item.name);
        expect(item.reasons.length).toBeGreaterThan(0);
        expect(item.reasonCodes.map((r) => r.code.startsWith("guidance.reason."))).toEqual(
          item.reasons.map(() => true),
        );
      }
    },
  );

  it("explains why, naming the member in words a resident understands", async () => {
    const plan = await planOf(staff, read("move-in-young-family.json"));
    const daycare = plan.find((p) => p.id === "hoiku.guidance");
    expect(daycare).toMatchObject({ name: expect.stringContaining("保育"), handling: "guidance" });
    expect(daycare?.reasons.join("")).toContain("熊本 陽");
  });

  it("words the reasons in the Accept-Language asked for, with the same codes, and names the procedure in each language", async () => {
    const household = JSON.stringify(read("move-in-young-family.json"));
    const ask = async (language: string) => {
      const res = await staff.request("/api/v1/guidance", {
        method: "POST",
        body: household,
        headers: { "content-type": "application/json", "accept-language": language },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { procedures: PlanItem[] }).procedures;
    };
    const [ja, en, vi] = await Promise.all([ask("ja"), ask("en-US,en;q=0.9"), ask("vi")]);
    const daycare = (plan: PlanItem[]) => plan.find((p) => p.id === "hoiku.guidance");
    expect(daycare(ja)?.reasons).toEqual([
      "熊本 陽さんが転入し、小学校入学前で、保育所等の利用をご希望のため",
    ]);
    expect(daycare(en)?.reasons).toEqual([
      "熊本 陽 moves in (not yet at elementary school, wishes to use a day nursery)",
    ]);
    expect(daycare(vi)?.reasons[0]).toContain("chuyển đến");
    expect(daycare(en)?.reasonCodes).toEqual(daycare(ja)?.reasonCodes);
    expect(daycare(en)?.reasonCodes).toEqual([
      {
        code: "guidance.reason.members",
        params: {
          scope: "moveIn",
          facts: "stage:preschool flag:needsDaycare",
          member1: "m3",
          name1: "熊本 陽",
        },
      },
    ]);
    // The name stays the Japanese one; the names give it in each language.
    expect(daycare(en)?.name).toBe("保育所等 入所申込みのご案内");
    expect(daycare(en)?.names).toMatchObject({
      ja: "保育所等 入所申込みのご案内",
      en: "Day nursery: how to apply",
    });
  });

  it("uses the signed-in staff member's municipality: Yatsushiro sends mopeds elsewhere, Kumamoto takes them", async () => {
    const household = read("move-out-self-employed-family.json");
    const yatsushiro = await t.signIn(yatsushiroCounter);
    const moped = async (client: Client) =>
      (await planOf(client, household)).find((p) => p.id === "keiji.moped");
    expect(await moped(staff)).toMatchObject({ handling: "one-stop", members: ["m1"] });
    expect(await moped(yatsushiro)).toMatchObject({ handling: "guidance", members: ["m1"] });
  });

  it("uses Yatsushiro's child-medical limit (grade 9) where Kumamoto's is grade 12", async () => {
    const household = {
      event: { type: "move-in", date: "2026-04-06", origin: "other-municipality" },
      members: [
        { id: "m1", relation: "head", birthDate: "1980-05-05", insurance: "employee" },
        // School year 2026: born 2010-06-01 is in grade 10 (high school), 2011-06-01 in grade 9.
        { id: "m2", relation: "child", birthDate: "2010-06-01", insurance: "employee" },
        { id: "m3", relation: "child", birthDate: "2011-06-01", insurance: "employee" },
      ],
    };
    const yatsushiro = await t.signIn(yatsushiroCounter);
    const enrol = async (client: Client) =>
      (await planOf(client, household)).find((p) => p.id === "kodomo-iryo.enroll")?.members;
    expect(await enrol(staff)).toEqual(["m2", "m3"]);
    expect(await enrol(yatsushiro)).toEqual(["m3"]);
  });

  it("refuses a caller who is not signed in with 401 JSON", async () => {
    const res = await postJson(t.anonymous(), JSON.stringify(read("move-in-young-family.json")));
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["a truncated object", '{"event": {"type": "move-in"'],
    ["text that is not JSON", "転入です"],
    ["an empty body", ""],
  ])("answers %s with 400 MALFORMED_JSON", async (_, body) => {
    const res = await postJson(staff, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("MALFORMED_JSON");
  });

  it("refuses a contradictory household with 422, listing every problem with its member and field", async () => {
    const res = await postJson(
      staff,
      JSON.stringify({
        event: { type: "death", date: "2026-02-03", subject: "m9", funeralHost: "m8" },
        members: [
          { id: "m1", relation: "head", birthDate: "1980-01-01", insurance: "kouki" },
          { id: "m2", relation: "spouse", birthDate: "1940-01-01", insurance: "kokuho" },
          { id: "m3", relation: "child", birthDate: "2016-01-01", insurance: "employee", pension: "cat1" },
          { id: "m4", relation: "child", birthDate: "2026-03-01", insurance: "employee" },
          { id: "m5", relation: "child", birthDate: "2026-02-30", insurance: "gold" },
        ],
      }),
    );
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).toBe("VALIDATION");
    expect(error.problems.map((p) => p.path)).toEqual([
      "event.subject",
      "event.funeralHost",
      "members[0].insurance",
      "members[1].insurance",
      "members[2].pension",
      "members[3].birthDate",
      "members[4].birthDate",
      "members[4].insurance",
    ]);
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p]));
    expect(byPath["event.subject"]?.ja).toContain("m9");
    expect(byPath["event.funeralHost"]?.en).toContain("m8");
    for (const [index, p] of error.problems.entries()) {
      const member = /^members\[(\d)\]/.exec(p.path ?? "")?.[1];
      if (member !== undefined) {
        expect(p.ja, `problem ${index}`).toMatch(new RegExp(`^${Number(member) + 1}人目の方: `));
        expect(p.en, `problem ${index}`).toMatch(new RegExp(`^Member ${Number(member) + 1}: `));
      }
      expect(p.ja).not.toBe("");
      expect(p.en).not.toBe("");
    }
    expect(byPath["members[0].insurance"]?.ja).toContain("後期高齢者医療");
    expect(byPath["members[4].birthDate"]?.ja).toContain("2026-02-30");
  });

  it("refuses a body that is JSON but not a household with 422 rather than guessing", async () => {
    for (const body of ["[]", '"move-in"', "{}"]) {
      const res = await postJson(staff, body);
      expect(res.status, body).toBe(422);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code).toBe("VALIDATION");
      expect(error.problems.length, body).toBeGreaterThan(0);
    }
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await t.anonymous().request("/api/openapi.json")).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths["/api/v1/guidance"]?.post?.responses ?? {}).sort()).toEqual([
      "200",
      "400",
      "401",
      "422",
    ]);
  });
});

describe("the guidance page", () => {
  it("opens for counter staff with one member and today's date", async () => {
    const res = await staff.request("/guidance");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>手続きの案内</h1>");
    expect(memberLegends(html)).toEqual(["世帯員 1"]);
    expect(inputValue(html, "event-date")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(selected(html, "event-type")).toBe("move-in");
    expect(html).toContain('name="action" value="add"');
    // The only member cannot be removed: its remove button is there for the script to show once a
    // second member is added, but hidden.
    expect(/<button[^>]*value="remove:0"[^>]*>/.exec(html)?.[0]).toMatch(/\shidden(="")?[\s>]/);
  });

  it("sends a visitor who is not signed in to sign-in, and back afterwards", async () => {
    const res = await t.anonymous().request("/guidance");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Fguidance");
  });

  it("adds a member fieldset with each 世帯員を追加, keeping what was typed", async () => {
    const first: Array<[string, string]> = [
      ["memberCount", "1"],
      ["event.type", "move-in"],
      ["event.date", "2026-04-06"],
      ["m0.name", "熊本 太郎"],
      ["m0.relation", "head"],
      ["m0.birthDate", "1993-08-19"],
      ["m0.insurance", "employee"],
      ["m0.moving", "on"],
      ["action", "add"],
    ];
    const res = await postGuidance(staff, first);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(memberLegends(html)).toEqual(["世帯員 1", "世帯員 2"]);
    expect(inputValue(html, "m0-name")).toBe("熊本 太郎");
    expect(inputValue(html, "m0-birthDate")).toBe("1993-08-19");
    expect(selected(html, "m1-relation")).toBe("spouse");
    expect(html).toContain('name="memberCount" value="2"');
    expect(html).toContain('value="remove:1"');
    expect(rowIds(html)).toEqual([]);

    const again = await (
      await postGuidance(staff, [
        ...first.filter(([k]) => k !== "memberCount" && k !== "action"),
        ["memberCount", "2"],
        ["m1.relation", "spouse"],
        ["m1.insurance", "employee"],
        ["action", "add"],
      ])
    ).text();
    expect(memberLegends(again)).toEqual(["世帯員 1", "世帯員 2", "世帯員 3"]);
    expect(selected(again, "m2-relation")).toBe("child");
  });

  it("removes the member whose remove button was pressed and moves the others up", async () => {
    const draft = draftFromHousehold(read<Household>("move-in-young-family.json"), "2026-04-01");
    const html = await (await postGuidance(staff, [...fieldsOf(draft), ["action", "remove:1"]])).text();
    expect(memberLegends(html)).toEqual(["世帯員 1", "世帯員 2"]);
    expect(inputValue(html, "m0-name")).toBe("熊本 太郎");
    expect(inputValue(html, "m1-name")).toBe("熊本 陽");
    expect(selected(html, "m1-relation")).toBe("child");
    expect(html).toContain('name="memberCount" value="2"');
    expect(html).not.toContain("熊本 花子");
  });

  it("keeps the deceased and the funeral host with their person when a member above is removed", async () => {
    const base: Array<[string, string]> = [
      ["memberCount", "3"],
      ["event.type", "death"],
      ["event.date", "2026-02-03"],
      ["event.subject", "m3"],
      ["event.funeralHost", "m2"],
      ...["head", "spouse", "parent"].flatMap(
        (relation, i): Array<[string, string]> => [
          [`m${i}.name`, `熊本 ${["一郎", "和子", "トメ"][i]}`],
          [`m${i}.relation`, relation],
          [`m${i}.birthDate`, ["1960-01-01", "1962-02-02", "1935-03-03"][i] as string],
          [`m${i}.insurance`, i === 2 ? "kouki" : "kokuho"],
        ],
      ),
    ];
    const first = await (await postGuidance(staff, [...base, ["action", "remove:0"]])).text();
    expect(selected(first, "event-subject")).toBe("m2");
    expect(selected(first, "event-funeralHost")).toBe("m1");
    const host = await (await postGuidance(staff, [...base, ["action", "remove:1"]])).text();
    expect(selected(host, "event-subject")).toBe("m2");
    expect(selected(host, "event-funeralHost")).toBe("");
  });

  it("shows the plan grouped by department, with the deadline's weekday and 和暦", async () => {
    const res = await postGuidance(staff, [...exampleFields("move-in-young-family"), ["action", "plan"]]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(rowIds(html)).toEqual(
      read<{ procedures: Array<{ id: string }> }>("move-in-young-family.expected.json").procedures.map(
        (p) => p.id,
      ),
    );
    expect(html).toContain("必要な手続き（7件）");
    expect(groups(html)).toEqual({
      区民課: ["juki.move-in", "mynumber.address-update"],
      保健子ども課: ["jidoteate.claim", "kodomo-iryo.enroll", "hoiku.guidance", "boshi.infant-health"],
      区役所の外の窓口: ["suido.notice"],
    });
    expect(html).toContain('<time datetime="2026-04-20">2026年4月20日（月）／令和8年4月20日</time>');
    expect(html).toContain('<time datetime="2026-04-21">2026年4月21日（火）／令和8年4月21日</time>');
    // The member is named by name, never by an internal id such as "（m3）".
    expect(html).toContain(
      '<tr data-procedure="boshi.infant-health"><td>乳幼児健診・予防接種のご案内 <a class="manual-link" href="/manual/procedures/boshi.infant-health" aria-label="「乳幼児健診・予防接種のご案内」のマニュアル">マニュアル</a></td><td>熊本 陽</td>',
    );
    expect(html).not.toMatch(/[（(]m\d+[)）]/);
    // The form stays below the plan, filled in, so the staff member can correct and re-run.
    expect(inputValue(html, "m2-name")).toBe("熊本 陽");
  });

  it.each(examples)("shows the same procedures for %s as the API", async (name) => {
    const html = await (await postGuidance(staff, [...exampleFields(name), ["action", "plan"]])).text();
    expect(rowIds(html)).toEqual((await planOf(staff, read(`${name}.json`))).map((p) => p.id));
  });

  it("refuses an impossible event date with 422 and an error summary linking to the date field", async () => {
    const fields = exampleFields("move-in-young-family").map(([k, v]): [string, string] =>
      k === "event.date" ? [k, "2026-02-30"] : [k, v],
    );
    const res = await postGuidance(staff, [...fields, ["action", "plan"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<div class="error-summary" role="alert"[^>]*autofocus/);
    expect(html).toMatch(/<a href="#event-date">[^<]*2026-02-30[^<]*<\/a>/);
    expect(html).toContain('id="event-date-error"');
    expect(inputValue(html, "event-date")).toBe("2026-02-30");
    expect(rowIds(html)).toEqual([]);
  });

  it("links a member's impossible birth date to that member's field", async () => {
    const fields = exampleFields("move-in-young-family").map(([k, v]): [string, string] =>
      k === "m2.birthDate" ? [k, "2025-02-29"] : [k, v],
    );
    const res = await postGuidance(staff, [...fields, ["action", "sheet"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#m2-birthDate">熊本 陽の生年月日「2025-02-29」は存在しない日付です。');
    expect(html).toContain('id="m2-birthDate-error"');
    expect(html).not.toContain("手続きのご案内");
  });

  it("asks for the birth date of a member added but not filled in, linking to that field", async () => {
    const fields = [
      ...exampleFields("move-in-young-family"),
      ["m3.relation", "child"],
      ["m3.insurance", "employee"],
    ] as Array<[string, string]>;
    const res = await postGuidance(staff, [
      ...fields.map(([k, v]): [string, string] => (k === "memberCount" ? [k, "4"] : [k, v])),
      ["action", "plan"],
    ]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#m3-birthDate">4人目の方: 生年月日がありません。</a>');
  });

  it("prints the guidance sheet: what this counter does today and what is left to do elsewhere", async () => {
    const res = await postGuidance(staff, [...exampleFields("move-in-young-family"), ["action", "sheet"]]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 id="sheet-title">手続きのご案内</h1>');
    const plan = await planOf(staff, read("move-in-young-family.json"));
    const [here = "", elsewhere = ""] =
      html.split("本日この窓口でお受けする手続き")[1]?.split("ほかの窓口・機関でお手続きください") ?? [];
    expect(rowIds(here)).toEqual(plan.filter((p) => p.handling === "one-stop").map((p) => p.id));
    // What is left is grouped by the place to go to.
    expect(rowIds(elsewhere).sort()).toEqual(
      plan
        .filter((p) => p.handling === "guidance")
        .map((p) => p.id)
        .sort(),
    );
    expect(rowIds(here)).toContain("juki.move-in");
    expect(rowIds(elsewhere)).toContain("hoiku.guidance");
    // Where to go: the department at the staff member's office (中央区役所), or the city's bureau, each
    // with its address, phone and hours.
    const placeOf = (id: string) =>
      elsewhere
        .split('<section class="sheet-place"')
        .find((part) => part.includes(`data-procedure="${id}"`)) ?? "";
    expect(placeOf("hoiku.guidance")).toContain(
      '中央区役所 <span class="sheet-place__section">保健子ども課</span>',
    );
    expect(placeOf("hoiku.guidance")).toContain("熊本市中央区手取本町1番1号");
    expect(placeOf("hoiku.guidance")).toContain(
      '<a href="tel:+81-96-328-2111" class="sheet-phone">096-328-2111</a>',
    );
    expect(placeOf("suido.notice")).toContain("熊本市上下水道局");
    expect(placeOf("suido.notice")).toContain("096-381-1133");
    expect(placeOf("suido.notice")).toContain("平日 8:30〜17:15");
    expect(html).toContain("熊本市");
    expect(html).not.toContain('name="memberCount"');
  });

  it("shows a Yatsushiro staff member Yatsushiro's departments and sends the moped elsewhere", async () => {
    const yatsushiro = await t.signIn(yatsushiroCounter);
    const fields = exampleFields("move-out-self-employed-family");
    const plan = await (await postGuidance(yatsushiro, [...fields, ["action", "plan"]])).text();
    expect(Object.keys(groups(plan))).toContain("市民課");
    expect(plan).not.toContain("区民課");
    const sheet = await (await postGuidance(yatsushiro, [...fields, ["action", "sheet"]])).text();
    const elsewhere = sheet.split("ほかの窓口・機関でお手続きください")[1] ?? "";
    expect(rowIds(elsewhere)).toContain("keiji.moped");
    expect(sheet).toContain("八代市");
    const kumamotoSheet = await (await postGuidance(staff, [...fields, ["action", "sheet"]])).text();
    expect(rowIds(kumamotoSheet.split("ほかの窓口・機関でお手続きください")[1] ?? "")).not.toContain(
      "keiji.moped",
    );
  });

  it("shows deadlines in English with the 和暦 beside them", async () => {
    const client = await t.signIn(counter);
    await client.request("/lang?to=en");
    const html = await (
      await postGuidance(client, [...exampleFields("move-in-young-family"), ["action", "plan"]])
    ).text();
    // The 和暦 is Japanese inside an English page: marked so a screen reader voices it as Japanese.
    expect(html).toContain('Mon, 20 April 2026 (<span lang="ja">令和8年4月20日</span>)');
    expect(html).toContain("Residents Division");
  });

  it.each([
    ["vi", "Hướng dẫn thủ tục", "Thông báo chuyển đến", "Cục Cấp thoát nước"],
    ["zh-Hans", "手续指南", "迁入申报", "上下水道局"],
    ["ko", "절차 안내", "전입신고", "상하수도국"],
    ["ja-x-easy", "手続きの あんない", "転入届（ひっこして きた 人の 届け）", "上下水道局"],
  ])(
    "prints the sheet in %s for the resident while the staff page stays Japanese",
    async (lang, title, moveIn, water) => {
      const res = await postGuidance(staff, [
        ...exampleFields("move-in-young-family"),
        ["sheetLang", lang],
        ["action", "sheet"],
      ]);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="ja">');
      expect(html).toContain(`<article class="sheet" aria-labelledby="sheet-title" lang="${lang}">`);
      expect(html).toContain(`<h1 id="sheet-title">${title}</h1>`);
      expect(html).toMatch(
        new RegExp(
          `data-procedure="juki.move-in"><span class="sheet-done__name">${moveIn.replace(/[()（）]/g, ".")}</span>`,
        ),
      );
      expect(html).toContain(water);
      // Japanese runs in a page in another language are marked: the residents' names, the 和暦.
      if (lang !== "ja-x-easy") {
        expect(html).toContain('<span lang="ja">熊本 陽</span>');
        expect(html).toMatch(/\(<span lang="ja">令和8年4月6日<\/span>\)/);
        // The city's and its divisions' names are translated: nothing of them is left in Japanese.
        expect(html).not.toContain('<span lang="ja">熊本市</span>');
        expect(html).not.toContain('<span lang="ja">保健子ども課</span>');
      } else {
        expect(html).not.toContain('<span lang="ja">');
      }
    },
  );

  it("keeps the chosen sheet language in the form when the plan is shown", async () => {
    const html = await (
      await postGuidance(staff, [
        ...exampleFields("move-in-young-family"),
        ["sheetLang", "vi"],
        ["action", "plan"],
      ])
    ).text();
    expect(html).toContain('<option value="vi" selected="" lang="vi">Tiếng Việt</option>');
  });

  it("refuses a post without the CSRF token with 403", async () => {
    const res = await postGuidance(staff, [...exampleFields("move-in-young-family"), ["action", "plan"]], {
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("data-procedure");
  });

  it.each([
    ["a supervisor", () => supervisor],
    ["an administrator", () => admin],
  ])("works for %s too", async (_, user) => {
    const client = await t.signIn(user());
    expect((await client.request("/guidance")).status).toBe(200);
    const res = await postGuidance(client, [...exampleFields("death-of-elderly-head"), ["action", "plan"]]);
    expect(res.status).toBe(200);
    expect(rowIds(await res.text())).toContain("kouki.withdraw");
    expect((await planOf(client, read("death-of-elderly-head.json"))).length).toBe(7);
  });
});
