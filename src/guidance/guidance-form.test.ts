import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import {
  draftFromForm,
  draftFromHousehold,
  emptyDraft,
  emptyMember,
  type FormValues,
  fieldIdForPath,
  type GuidanceDraft,
  householdFromDraft,
  MAX_MEMBERS,
} from "./guidance-form";
import { guideHousehold } from "./guide";

const folder = new URL("../../test/fixtures/examples/", import.meta.url);
const names = readdirSync(folder)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".expected.json"))
  .map((file) => file.slice(0, -".json".length));
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, folder), "utf8")) as T;

type Example = { event: Record<string, unknown>; members: Array<Record<string, unknown>> };
type Expected = { procedures: Array<{ id: string; members: string[]; deadline: string | null }> };

const TODAY = "2026-04-01";

/** Submitted fields as the page names them: every value of a name, like FormData.getAll. */
function form(fields: Array<[string, string]>): FormValues {
  return (name) => fields.filter(([key]) => key === name).map(([, value]) => value);
}

/** The fields the browser submits for a draft, with the names guidance.routes.tsx gives its inputs. */
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
  ];
  if (e.crossPrefecture) out.push(["event.crossPrefecture", "on"]);
  if (e.schoolDistrictChanges) out.push(["event.schoolDistrictChanges", "on"]);
  if (e.deathRegistered) out.push(["event.deathRegistered", "on"]);
  for (const r of draft.requests) out.push(["requests", r]);
  draft.members.forEach((m, i) => {
    const p = `m${i}.`;
    for (const key of [
      "name",
      "kana",
      "relation",
      "birthDate",
      "sex",
      "insurance",
      "pension",
      "careLevel",
    ] as const)
      out.push([`${p}${key}`, m[key]]);
    if (m.moving) out.push([`${p}moving`, "on"]);
    for (const f of m.flags) out.push([`${p}flags`, f]);
    for (const b of m.benefits) out.push([`${p}benefits`, b]);
    for (const o of m.owns) out.push([`${p}owns`, o]);
  });
  return out;
}

const oneMember = (extra: Array<[string, string]> = []): Array<[string, string]> => [
  ["memberCount", "1"],
  ["event.type", "move-in"],
  ["event.date", "2026-04-06"],
  ["m0.relation", "head"],
  ["m0.birthDate", "1990-01-01"],
  ["m0.insurance", "employee"],
  ["m0.moving", "on"],
  ...extra,
];

describe("a household pre-filled into the form", () => {
  it.each(names)("%s gives the expected plan after draft → household → engine", (name) => {
    const example = read<Example>(`${name}.json`);
    const draft = draftFromHousehold(example, TODAY);
    const result = guideHousehold(householdFromDraft(draft), getMunicipalitySettings("national"));
    if (!result.ok) throw new Error(JSON.stringify(result.error.problems));
    const got = result.plan.procedures.map(({ id, members, deadline }) => ({ id, members, deadline }));
    expect(got).toEqual(read<Expected>(`${name}.expected.json`).procedures);
  });

  it.each(names)("%s comes back member for member and with the same event facts", (name) => {
    const example = read<Example>(`${name}.json`);
    const household = householdFromDraft(draftFromHousehold(example, TODAY));
    expect(household.members).toEqual(example.members);
    expect(household.event).toMatchObject(example.event);
  });

  it.each(names)("%s survives the trip through the submitted form fields unchanged", (name) => {
    const draft = draftFromHousehold(read<Example>(`${name}.json`), TODAY);
    expect(draftFromForm(form(fieldsOf(draft)))).toEqual(draft);
  });

  it("fills an event without a date with today's date and keeps at most the member limit", () => {
    const members = Array.from({ length: MAX_MEMBERS + 5 }, (_, i) => ({
      id: `m${i + 1}`,
      relation: "child",
      birthDate: "2010-01-01",
      insurance: "employee",
    }));
    const draft = draftFromHousehold({ members }, TODAY);
    expect(draft.event.date).toBe(TODAY);
    expect(draft.event.type).toBe("move-in");
    expect(draft.members).toHaveLength(MAX_MEMBERS);
  });
});

describe("the engine input built from a draft", () => {
  const withStayingMember = (type: string): GuidanceDraft => {
    const draft = emptyDraft("2026-04-06");
    draft.event.type = type;
    draft.event.subject = type === "death" ? "m1" : "";
    draft.members = [
      { ...emptyMember("head"), birthDate: "1950-01-01", insurance: "kokuho" },
      { ...emptyMember("spouse"), birthDate: "1960-01-01", insurance: "kokuho", moving: false },
    ];
    return draft;
  };

  it.each([
    ["move-in", true],
    ["move-within", true],
    ["move-between-wards", true],
    ["move-out", true],
    ["death", false],
  ])(
    "for a %s event, says moving: false for a staying member only when it is a move (%s)",
    (type, emitted) => {
      const members = householdFromDraft(withStayingMember(type)).members as Array<Record<string, unknown>>;
      expect("moving" in (members[0] as object)).toBe(false);
      if (emitted) expect(members[1]).toHaveProperty("moving", false);
      else expect("moving" in (members[1] as object)).toBe(false);
    },
  );

  it.each([
    ["move-in", { origin: "other-municipality", crossPrefecture: false }],
    ["move-out", { destination: "other-municipality", crossPrefecture: false }],
    ["move-within", { schoolDistrictChanges: false }],
    ["move-between-wards", { schoolDistrictChanges: false }],
    ["death", { subject: "m1", deathRegistered: false }],
  ])("for a %s event, carries only the event facts that apply to it", (type, facts) => {
    const household = householdFromDraft(withStayingMember(type));
    expect(household.event).toEqual({ type, date: "2026-04-06", ...facts });
  });

  it("leaves out empty answers and numbers members m1, m2, … in form order", () => {
    const draft = emptyDraft("2026-04-06");
    draft.members = [
      { ...emptyMember("head"), birthDate: "1990-01-01" },
      { ...emptyMember("child"), name: "熊本 陽", birthDate: "2025-01-20", flags: ["needsDaycare"] },
    ];
    expect(householdFromDraft(draft).members).toEqual([
      { id: "m1", relation: "head", birthDate: "1990-01-01", insurance: "employee" },
      {
        id: "m2",
        relation: "child",
        birthDate: "2025-01-20",
        insurance: "employee",
        name: "熊本 陽",
        needsDaycare: true,
      },
    ]);
  });
  it("leaves out an empty date, so that the engine says it is missing rather than malformed", () => {
    const draft = emptyDraft("");
    draft.members = [emptyMember("head")];
    const household = householdFromDraft(draft);
    expect(household.event).toEqual({
      type: "move-in",
      origin: "other-municipality",
      crossPrefecture: false,
    });
    expect(household.members).toEqual([{ id: "m1", relation: "head", insurance: "employee" }]);
    const result = guideHousehold(household, getMunicipalitySettings("national"));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.problems.map((p) => [p.code, fieldIdForPath(p.path)])).toEqual([
        ["guidance.problem.schema.required", "event-date"],
        ["guidance.problem.schema.required", "m0-birthDate"],
      ]);
    }
  });
});

describe("reading the submitted form", () => {
  it.each([
    ["m0.flags", ["myNumberCard", "isAdmin", "__proto__"], "flags", ["myNumberCard"]],
    ["m0.benefits", ["childAllowance", "universalIncome"], "benefits", ["childAllowance"]],
    ["m0.owns", ["dog", "cat", "realEstate"], "owns", ["dog", "realEstate"]],
  ] as const)("drops unknown %s values", (field, sent, key, kept) => {
    const draft = draftFromForm(form(oneMember(sent.map((v) => [field, v]))));
    expect(draft.members[0]?.[key]).toEqual(kept);
  });

  it("drops unknown requests and keeps the residence certificate", () => {
    const draft = draftFromForm(
      form(
        oneMember([
          ["requests", "everything"],
          ["requests", "residenceCertificate"],
        ]),
      ),
    );
    expect(draft.requests).toEqual(["residenceCertificate"]);
  });

  it("never lets an unknown flag reach the engine input", () => {
    const household = householdFromDraft(draftFromForm(form(oneMember([["m0.flags", "constructor"]]))));
    expect(household.members).toEqual([
      { id: "m1", relation: "head", birthDate: "1990-01-01", insurance: "employee" },
    ]);
  });

  it.each([
    ["half-width katakana", "ｸﾏﾓﾄ ﾀﾛｳ", "クマモト タロウ"],
    ["full-width Latin and digits", "ＡＢＣ１２", "ABC12"],
    ["ideographic spaces around the name", "\u3000熊本\u3000太郎\u3000", "熊本 太郎"],
    ["吉 with a 土 top (U+20BB7, outside the BMP)", "𠮷田 修", "𠮷田 修"],
    ["髙 (U+9AD9)", "髙橋 一郎", "髙橋 一郎"],
    ["﨑 (U+FA11)", "山﨑 健", "山﨑 健"],
    ["a compatibility ideograph (神 U+FA19) as registered", "\uFA19田 一郎", "\uFA19田 一郎"],
  ])("normalises names with NFKC but keeps %s", (_, sent, kept) => {
    const draft = draftFromForm(
      form(
        oneMember([
          ["m0.name", sent],
          ["m0.kana", sent],
        ]),
      ),
    );
    expect(draft.members[0]?.name).toBe(kept);
    expect(draft.members[0]?.kana).toBe(kept);
  });

  it("reads dates typed with full-width digits as ISO dates", () => {
    const wide: Record<string, string> = {
      "event.date": "２０２６－０４－０６",
      "m0.birthDate": "１９９０－０１－０１",
    };
    const draft = draftFromForm(form(oneMember().map(([k, v]) => [k, wide[k] ?? v])));
    expect(draft.event.date).toBe("2026-04-06");
    expect(draft.members[0]?.birthDate).toBe("1990-01-01");
  });

  it.each([
    ["", 0],
    ["-3", 0],
    ["abc", 0],
    ["2", 2],
    ["999", MAX_MEMBERS],
  ])("reads memberCount %j as %i members", (count, members) => {
    expect(draftFromForm(form([["memberCount", count]])).members).toHaveLength(members);
  });

  it("treats an unticked moving box as a member who stays", () => {
    const fields = oneMember().filter(([k]) => k !== "m0.moving");
    expect(draftFromForm(form(fields)).members[0]?.moving).toBe(false);
  });
});

describe("the form field for a problem", () => {
  it.each([
    ["event.date", "event-date"],
    ["event.type", "event-type"],
    ["event.subject", "event-subject"],
    ["event.funeralHost", "event-funeralHost"],
    ["members[0].birthDate", "m0-birthDate"],
    ["members[1].birthDate", "m1-birthDate"],
    ["members[2].insurance", "m2-insurance"],
    ["members[10].pension", "m10-pension"],
    ["members[1]", "m1-relation"],
    ["members", "event-type"],
    ["", "event-type"],
  ])("%j is shown at #%s", (path, id) => {
    expect(fieldIdForPath(path)).toBe(id);
  });
});
