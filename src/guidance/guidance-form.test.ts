import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import {
  applyMemberAction,
  defaultFilerChoice,
  draftFromForm,
  draftFromHousehold,
  draftProblems,
  emptyDraft,
  emptyMember,
  type FormValues,
  fieldIdForPath,
  type GuidanceDraft,
  householdFromDraft,
  MAX_MEMBERS,
  type MemberDraft,
  newbornNationality,
  registryChanges,
} from "./guidance-form";
import { guideHousehold } from "./guide";

const folder = new URL("../../test/fixtures/examples/", import.meta.url);
const names = readdirSync(folder)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".expected.json"))
  .map((file) => file.slice(0, -".json".length));
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, folder), "utf8")) as T;

type Example = { event: Record<string, unknown>; members: Array<Record<string, unknown>> };
type Expected = {
  procedures: Array<{ id: string; members: string[]; deadline: string | null; due: string | null }>;
};

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
    [e.type === "birth" ? "event.newborn" : "event.subject", e.subject],
    ["event.mother", e.mother],
    ["event.partners", e.partners[0]],
    ["event.partners", e.partners[1]],
    ["event.divorceType", e.divorceType],
    ["event.custodian", e.custodian],
    ["event.leaving", e.leaving],
    ["event.funeralHost", e.funeralHost],
    ["event.funeralDate", e.funeralDate],
    ["filer", draft.filer.choice],
    ["filer.name", draft.filer.name],
    ["filer.kana", draft.filer.kana],
    ["filer.address", draft.filer.address],
    ["filer.phone", draft.filer.phone],
    ["filer.relation", draft.filer.relation],
    ["previousAddress.postalCode", draft.previousAddress.postalCode],
    ["previousAddress.householdHead", draft.previousAddress.householdHead],
    [
      e.origin === "abroad" ? "previousAddressAbroad" : "previousAddress.address",
      draft.previousAddress.address,
    ],
    ["previousCountry", draft.previousCountry],
    ["newAddress", draft.newAddress],
  ];
  if (e.crossPrefecture) out.push(["event.crossPrefecture", "on"]);
  if (e.schoolDistrictChanges) out.push(["event.schoolDistrictChanges", "on"]);
  if (e.deathRegistered) out.push(["event.deathRegistered", "on"]);
  for (const key of [
    "birthRegistered",
    "householdsMerge",
    "marriageRegistered",
    "divorceRegistered",
  ] as const)
    if (e[key]) out.push([`event.${key}`, "on"]);
  for (const id of e.surnameChanges) out.push(["event.surnameChanges", id]);
  for (const id of e.keepSurname) out.push(["event.keepSurname", id]);
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
      "nationality",
      "honseki",
      "hittousha",
      "residenceStatus",
      "residenceCardNumber",
      "residencePeriodEnd",
      "previousInsurance",
      "previousPension",
    ] as const)
      out.push([`${p}${key}`, m[key]]);
    if (m.fromRegistry) {
      out.push([`${p}registry`, "1"], [`${p}residentId`, m.residentId], [`${p}changeReason`, m.changeReason]);
      if (m.unlocked) out.push([`${p}unlocked`, "1"]);
    }
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
    const got = result.plan.procedures.map(({ id, members, deadline, due }) => ({
      id,
      members,
      deadline,
      due,
    }));
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
    ["members[2].residenceCardNumber", "m2-residenceCardNumber"],
    ["event.funeralDate", "event-funeralDate"],
    ["filer", "filer"],
    ["filer.member", "filer"],
    ["filer.name", "filer-name"],
    ["previousAddress.postalCode", "previousAddress-postalCode"],
    ["answers.newAddress", "newAddress"],
    ["members", "event-type"],
    ["", "event-type"],
  ])("%j is shown at #%s", (path, id) => {
    expect(fieldIdForPath(path)).toBe(id);
  });
});

/** A household of two as the form posts it, with `extra` fields added or replacing the defaults. */
function postedPair(extra: Record<string, string | readonly string[]> = {}): FormValues {
  const fields: Record<string, string | readonly string[]> = {
    memberCount: "2",
    "event.type": "move-in",
    "event.date": "2026-04-06",
    "m0.name": "山本 健二",
    "m0.relation": "head",
    "m0.birthDate": "1980-04-02",
    "m0.insurance": "employee",
    "m0.moving": "on",
    "m1.name": "山本 花子",
    "m1.relation": "spouse",
    "m1.birthDate": "1982-08-01",
    "m1.insurance": "employee",
    "m1.moving": "on",
    ...extra,
  };
  return (name) => {
    const value = fields[name];
    return value === undefined ? [] : typeof value === "string" ? [value] : [...value];
  };
}

const settings = getMunicipalitySettings("kumamoto");
const kumamoto = { municipalityId: "kumamoto" };

describe("the filer (届出人)", () => {
  it("is a member when one is chosen, and comes back as the same choice", () => {
    const household = householdFromDraft(draftFromForm(postedPair({ filer: "m2" })));
    expect(household.filer).toEqual({ member: "m2" });
    expect(draftFromHousehold(household as never, TODAY).filer.choice).toBe("m2");
    expect(guideHousehold(household, settings).ok).toBe(true);
  });

  it("is someone outside the household, with name, kana, address, phone and relation, and comes back whole", () => {
    const draft = draftFromForm(
      postedPair({
        filer: "other",
        "filer.name": "中村 太郎",
        "filer.kana": "ナカムラ タロウ",
        "filer.address": "福岡県北九州市小倉北区城内1番1号",
        "filer.phone": "093-000-0000",
        "filer.relation": "proxy",
      }),
    );
    const household = householdFromDraft(draft);
    expect(household.filer).toEqual({
      name: "中村 太郎",
      kana: "ナカムラ タロウ",
      address: "福岡県北九州市小倉北区城内1番1号",
      phone: "093-000-0000",
      relation: "proxy",
    });
    expect(draftFromHousehold(household as never, TODAY).filer).toEqual(draft.filer);
    expect(guideHousehold(household, settings).ok).toBe(true);
  });

  it.each([
    ["a member who does not exist", "m9"],
    ["an unknown value", "everyone"],
  ])("takes %s as no choice, so the default applies", (_, posted) => {
    const draft = draftFromForm(postedPair({ filer: posted }));
    expect(draft.filer.choice).toBe("");
    expect(householdFromDraft(draft).filer).toEqual({ member: "m1" });
  });

  it("reads an unknown relation of someone outside the household as a relative", () => {
    const draft = draftFromForm(
      postedPair({ filer: "other", "filer.name": "中村 太郎", "filer.relation": "boss" }),
    );
    expect(draft.filer.relation).toBe("other-relative");
  });

  it("is nobody yet when someone outside is chosen and nothing about them is typed", () => {
    const draft = draftFromForm(postedPair({ filer: "other" }));
    expect(householdFromDraft(draft).filer).toBeUndefined();
    expect(draftProblems(draft)).toEqual([]);
  });

  it("asks for the name when something else about someone outside the household is typed", () => {
    const draft = draftFromForm(postedPair({ filer: "other", "filer.phone": "093-000-0000" }));
    expect(draftProblems(draft)).toEqual([
      { path: "filer-name", code: "guidance.form.problem.filerNameRequired" },
    ]);
  });

  it.each([
    ["the head for a move", "move-in", "", [["head"], ["spouse"]], "m1"],
    ["the head for a death of someone else", "death", "m2", [["head"], ["spouse"]], "m1"],
    ["nobody for the death of the head with a spouse", "death", "m1", [["head"], ["spouse"]], ""],
    ["someone from outside for a person who lived alone", "death", "m1", [["head"]], "other"],
    ["nobody when no member is the head", "move-in", "", [["child"], ["other"]], ""],
  ])("defaults to %s", (_, type, subject, relations, expected) => {
    const draft = emptyDraft(TODAY);
    draft.event.type = type;
    draft.event.subject = subject;
    draft.members = relations.map(([relation]) => emptyMember(relation));
    expect(defaultFilerChoice(draft)).toBe(expected);
  });

  it("follows its person when a member before them is removed, and is cleared when they are", () => {
    const draft = draftFromForm(postedPair({ memberCount: "2", filer: "m2" }));
    draft.members.unshift(emptyMember("head"));
    draft.filer.choice = "m3";
    applyMemberAction(draft, "remove:0");
    expect(draft.filer.choice).toBe("m2");
    applyMemberAction(draft, "remove:1");
    expect(draft.filer.choice).toBe("");
  });
});

describe("addresses of a move", () => {
  it("carries the 前住所 with its postal code and head into the household of a move-in, and back", () => {
    const draft = draftFromForm(
      postedPair({
        "previousAddress.postalCode": "810-0001",
        "previousAddress.address": "福岡県福岡市中央区天神1丁目1番1号",
        "previousAddress.householdHead": "山本 健二",
      }),
    );
    const household = householdFromDraft(draft, kumamoto);
    expect(household.previousAddress).toEqual({
      postalCode: "810-0001",
      address: "福岡県福岡市中央区天神1丁目1番1号",
      householdHead: "山本 健二",
    });
    expect(draftFromHousehold(household as never, TODAY).previousAddress).toEqual(draft.previousAddress);
    expect(guideHousehold(household, settings).ok).toBe(true);
  });

  it("keeps a move-out's new address as the household's answer newAddress, and no 前住所", () => {
    const draft = draftFromForm(
      postedPair({
        "event.type": "move-out",
        newAddress: "福岡県福岡市中央区天神1丁目1番1号",
        "previousAddress.address": "typed before the event was changed",
      }),
    );
    const household = householdFromDraft(draft, kumamoto);
    expect(household.answers).toEqual({ newAddress: "福岡県福岡市中央区天神1丁目1番1号" });
    expect(household.previousAddress).toBeUndefined();
    expect(draftFromHousehold(household as never, TODAY).newAddress).toBe(
      "福岡県福岡市中央区天神1丁目1番1号",
    );
  });

  it.each([
    ["move-in", "previousAddress.address", "福岡県福岡市中央区天神1丁目1番1号", false, true],
    ["move-in", "previousAddress.address", "熊本県熊本市中央区手取本町1番1号", true, false],
    ["move-in", "previousAddress.address", "福岡市中央区天神1丁目1番1号", false, true],
    ["move-in", "previousAddress.address", "東京都千代田区霞が関1丁目", false, true],
    ["move-out", "newAddress", "大阪府大阪市北区梅田1丁目", false, true],
    ["move-out", "newAddress", "熊本県八代市松江城町1番25号", true, false],
    ["move-in", "previousAddress.address", "", true, true],
    ["move-in", "previousAddress.address", "", false, false],
    ["move-in", "previousAddress.address", "中央区天神1丁目", true, true],
  ] as const)(
    "for a %s from Kumamoto with %s %j (box ticked: %s), says crossPrefecture: %s",
    (type, field, address, ticked, expected) => {
      const draft = draftFromForm(
        postedPair({
          "event.type": type,
          [field]: address,
          ...(ticked ? { "event.crossPrefecture": "on" } : {}),
        }),
      );
      expect(householdFromDraft(draft, kumamoto).event).toHaveProperty("crossPrefecture", expected);
    },
  );

  it("takes the box as ticked where the municipality's prefecture is unknown (the national baseline)", () => {
    const draft = draftFromForm(
      postedPair({ "previousAddress.address": "福岡県福岡市中央区天神1丁目1番1号" }),
    );
    expect(householdFromDraft(draft, { municipalityId: "national" }).event).toHaveProperty(
      "crossPrefecture",
      false,
    );
  });

  it("never crosses a prefecture from abroad, and writes the country as the 前住所, then the address there", () => {
    const draft = draftFromForm(
      postedPair({
        "event.origin": "abroad",
        "event.crossPrefecture": "on",
        previousCountry: "us",
        previousAddressAbroad: "1600 Pennsylvania Avenue NW, Washington, DC",
        "previousAddress.address": "福岡県福岡市中央区天神1丁目1番1号",
        "previousAddress.householdHead": "山本 健二",
      }),
    );
    const household = householdFromDraft(draft, kumamoto);
    expect(household.event).toEqual({
      type: "move-in",
      date: "2026-04-06",
      origin: "abroad",
      crossPrefecture: false,
    });
    expect(household.previousAddress).toEqual({
      address: "アメリカ合衆国 1600 Pennsylvania Avenue NW, Washington, DC",
    });
    const back = draftFromHousehold(household as never, TODAY);
    expect(back.previousCountry).toBe("US");
    expect(back.previousAddress.address).toBe("1600 Pennsylvania Avenue NW, Washington, DC");
  });
});

describe("members' nationality, 本籍 and residence", () => {
  it("keeps 本籍 and 筆頭者 of a Japanese national and leaves the nationality out (JP by default)", () => {
    const household = householdFromDraft(
      draftFromForm(
        postedPair({ "m0.honseki": "熊本県熊本市中央区手取本町1番", "m0.hittousha": "山本 健二" }),
      ),
    );
    expect((household.members as Array<Record<string, unknown>>)[0]).toMatchObject({
      honseki: "熊本県熊本市中央区手取本町1番",
      hittousha: "山本 健二",
    });
    expect((household.members as Array<Record<string, unknown>>)[0]).not.toHaveProperty("nationality");
  });

  it("keeps a foreign resident's status, card number (as typed, folded) and period end (和暦), and not a 本籍", () => {
    const draft = draftFromForm(
      postedPair({
        "m1.nationality": "vn",
        "m1.residenceStatus": "技術・人文知識・国際業務",
        "m1.residenceCardNumber": "ａｂ 1234 5678-cd",
        "m1.residencePeriodEnd": "R9.3.31",
        "m1.honseki": "typed before the nationality was changed",
      }),
    );
    const household = householdFromDraft(draft);
    expect((household.members as Array<Record<string, unknown>>)[1]).toEqual({
      id: "m2",
      relation: "spouse",
      name: "山本 花子",
      birthDate: "1982-08-01",
      insurance: "employee",
      nationality: "VN",
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "AB12345678CD",
      residencePeriodEnd: "2027-03-31",
    });
    expect(guideHousehold(household, settings).ok).toBe(true);
    const back = draftFromHousehold(household as never, TODAY).members[1];
    expect(back).toMatchObject({ nationality: "VN", residenceCardNumber: "AB12345678CD" });
  });

  it("reads a nationality that is not an ISO code as Japanese", () => {
    expect(draftFromForm(postedPair({ "m0.nationality": "Atlantis" })).members[0]?.nationality).toBe("JP");
  });
});

describe("dates as people type them", () => {
  it.each([
    ["S55.4.2", "1980-04-02"],
    ["S55-04-02", "1980-04-02"],
    ["昭和55年4月2日", "1980-04-02"],
    ["１９８０－０４－０２", "1980-04-02"],
    ["1980/4/2", "1980-04-02"],
  ])("reads the birth date %s as %s and keeps it as typed in the form", (typed, iso) => {
    const draft = draftFromForm(postedPair({ "m0.birthDate": typed, "event.date": "R8.4.6" }));
    expect(draftProblems(draft)).toEqual([]);
    const household = householdFromDraft(draft);
    expect((household.members as Array<Record<string, unknown>>)[0]?.birthDate).toBe(iso);
    expect(household.event).toHaveProperty("date", "2026-04-06");
    expect(draft.members[0]?.birthDate).toBe(typed.normalize("NFKC"));
  });

  it("reads a death's funeral date in 和暦 into event.funeralDate", () => {
    const draft = draftFromForm(
      postedPair({ "event.type": "death", "event.subject": "m1", "event.funeralDate": "令和8年4月10日" }),
    );
    expect(householdFromDraft(draft).event).toHaveProperty("funeralDate", "2026-04-10");
    expect(draftFromHousehold(householdFromDraft(draft) as never, TODAY).event.funeralDate).toBe(
      "2026-04-10",
    );
  });

  it.each([
    ["2026-02-30", "guidance.form.problem.dateNotExist"],
    ["S55.2.30", "guidance.form.problem.dateNotExist"],
    ["H32.1.1", "guidance.form.problem.dateOutsideEra"],
    ["yesterday", "guidance.form.problem.dateInvalid"],
  ])("refuses the birth date %s at its field with %s, naming the member", (typed, code) => {
    const draft = draftFromForm(postedPair({ "m1.birthDate": typed }));
    expect(draftProblems(draft)).toEqual([
      {
        path: "m1-birthDate",
        code,
        params: {
          field: "birthDate",
          given: typed,
          hasMember: "yes",
          member: { ja: "山本 花子", en: "山本 花子" },
        },
      },
    ]);
  });

  it("names an unnamed member by position in a date problem, never by id", () => {
    const draft = draftFromForm(postedPair({ "m1.name": "", "m1.birthDate": "2026-02-30" }));
    expect(draftProblems(draft)[0]?.params?.member).toMatchObject({ ja: "2人目の方" });
  });

  it("checks the event date, and the funeral date only for a death", () => {
    const move = draftFromForm(postedPair({ "event.date": "R8.2.30", "event.funeralDate": "nonsense" }));
    expect(draftProblems(move).map((p) => p.path)).toEqual(["event-date"]);
    const death = draftFromForm(postedPair({ "event.type": "death", "event.funeralDate": "nonsense" }));
    expect(draftProblems(death).map((p) => p.path)).toEqual(["event-funeralDate"]);
  });
});

describe("facts from the resident registry", () => {
  const fromRegistry = () =>
    draftFromHousehold(
      {
        event: { type: "death", date: "2026-04-03", subject: "r-2" },
        members: [
          { id: "r-1", relation: "head", name: "中村 一郎", birthDate: "1950-01-01", insurance: "kokuho" },
          { id: "r-2", relation: "spouse", name: "中村 キヨ", birthDate: "1926-01-01", insurance: "kouki" },
        ],
        filer: { member: "r-1" },
      },
      TODAY,
      { fromRegistry: true },
    );

  it("marks the members as read from the registry and points choices at their positions, not residents' ids", () => {
    const draft = fromRegistry();
    expect(draft.members.map((m) => [m.fromRegistry, m.residentId, m.unlocked])).toEqual([
      [true, "r-1", false],
      [true, "r-2", false],
    ]);
    expect(draft.event.subject).toBe("m2");
    expect(draft.filer.choice).toBe("m1");
  });

  it("survives the trip through the submitted form, locked or opened with a reason", () => {
    const draft = fromRegistry();
    expect(draftFromForm(form(fieldsOf(draft)))).toEqual(draft);
    applyMemberAction(draft, "unlock:1");
    draft.members[1] = {
      ...(draft.members[1] as (typeof draft.members)[number]),
      changeReason: "本人の申出",
    };
    expect(draftFromForm(form(fieldsOf(draft)))).toEqual(draft);
  });

  it("asks for a reason when a member's facts are opened for change, and lists the change with it", () => {
    const draft = fromRegistry();
    expect(applyMemberAction(draft, "unlock:0")).toBe(true);
    expect(draftProblems(draft)).toEqual([
      {
        path: "m0-changeReason",
        code: "guidance.form.problem.changeReasonRequired",
        params: { member: { ja: "中村 一郎", en: "中村 一郎" } },
      },
    ]);
    draft.members[0] = {
      ...(draft.members[0] as (typeof draft.members)[number]),
      changeReason: "転記の誤り",
    };
    expect(draftProblems(draft)).toEqual([]);
    expect(registryChanges(draft)).toEqual([{ member: "m1", residentId: "r-1", reason: "転記の誤り" }]);
  });

  it("ignores a registry mark, resident id or reason posted for a member typed in", () => {
    const draft = draftFromForm(
      postedPair({ "m0.unlocked": "1", "m0.residentId": "r-9", "m0.changeReason": "x" }),
    );
    expect(draft.members[0]).toMatchObject({
      fromRegistry: false,
      residentId: "",
      unlocked: false,
      changeReason: "",
    });
    expect(applyMemberAction(draft, "unlock:0")).toBe(true);
    expect(draft.members[0]?.unlocked).toBe(false);
    expect(registryChanges(draft)).toEqual([]);
  });
});

describe("births, marriages and divorces (phase 2)", () => {
  const couple = (type: string, extra: Record<string, string | readonly string[]> = {}) =>
    draftFromForm(postedPair({ "event.type": type, "event.date": "2027-02-10", ...extra }));

  it.each([
    [
      "birth",
      { "event.newborn": "m2", "event.mother": "m1" },
      { subject: "m2", mother: "m1", birthRegistered: false },
    ],
    [
      "marriage",
      { "event.partners": ["m1", "m2"], "event.surnameChanges": "m2", "event.householdsMerge": "on" },
      { partners: ["m1", "m2"], surnameChanges: ["m2"], householdsMerge: true, marriageRegistered: false },
    ],
    [
      "divorce",
      {
        "event.partners": ["m1", "m2"],
        "event.divorceType": "court",
        "event.custodian": "m2",
        "event.leaving": "m1",
        "event.keepSurname": "m2",
        "event.divorceRegistered": "on",
      },
      {
        partners: ["m1", "m2"],
        divorceType: "court",
        custodian: "m2",
        leaving: "m1",
        keepSurname: ["m2"],
        divorceRegistered: true,
      },
    ],
  ] as const)("for a %s, carries only that event's facts", (type, posted, facts) => {
    // Fields of the other events are on the page without its script: they are posted and ignored.
    const draft = couple(type, {
      ...posted,
      "event.subject": "m1",
      "event.funeralHost": "m2",
      ...(type === "birth" ? { "event.partners": ["m1", "m2"], "event.custodian": "m1" } : {}),
      ...(type !== "birth" ? { "event.mother": "m2" } : {}),
    });
    expect(householdFromDraft(draft).event).toEqual({ type, date: "2027-02-10", ...facts });
  });

  it("drops member choices that name nobody in the household, and a second tick of the same member", () => {
    const draft = couple("divorce", {
      "event.partners": ["m1", "m7"],
      "event.custodian": "x",
      "event.leaving": "__proto__",
      "event.surnameChanges": ["m2", "m2", "m3"],
      "event.divorceType": "arbitration",
    });
    expect(draft.event).toMatchObject({
      partners: ["m1", ""],
      custodian: "",
      leaving: "",
      surnameChanges: ["m2"],
      divorceType: "agreement",
    });
    expect(householdFromDraft(draft).event).toMatchObject({ partners: ["m1"], divorceType: "agreement" });
  });

  it("leaves the partners out while none is chosen, so that the engine asks for them at their field", () => {
    const result = guideHousehold(householdFromDraft(couple("marriage")), settings);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.problems.map((p) => [p.code, fieldIdForPath(p.path, "marriage")])).toEqual([
        ["guidance.problem.event.partners-missing", "event-partners"],
      ]);
  });

  it.each([
    ["move-in", true],
    ["marriage", true],
    ["divorce", true],
    ["birth", false],
    ["death", false],
    ["move-out", false],
  ])("for a %s, keeps the insurance and pension before the event (%s)", (type, kept) => {
    const draft = couple(type, {
      "event.partners": ["m1", "m2"],
      "m1.previousInsurance": "kokuho",
      "m1.previousPension": "cat1",
      "m0.previousInsurance": "private",
    });
    expect(draft.members[0]?.previousInsurance).toBe("");
    const member = (householdFromDraft(draft).members as Array<Record<string, unknown>>)[1];
    if (kept) expect(member).toMatchObject({ previousInsurance: "kokuho", previousPension: "cat1" });
    else expect(member).not.toHaveProperty("previousInsurance");
  });

  it("adds the newborn as a child born on the event's day and chooses them as the newborn", () => {
    const draft = couple("birth", { "event.date": "R9.1.15" });
    expect(applyMemberAction(draft, "add-newborn")).toBe(true);
    expect(draft.members).toHaveLength(3);
    expect(draft.members[2]).toMatchObject({ relation: "child", birthDate: "R9.1.15", fromRegistry: false });
    expect(draft.event.subject).toBe("m3");
    draft.event.mother = "m2";
    const result = guideHousehold(householdFromDraft(draft), settings);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.procedures[0]).toMatchObject({ id: "koseki.birth", members: ["m3"] });
  });

  it.each([
    ["both parents Vietnamese", "VN", "VN", "VN"],
    ["a Japanese father", "JP", "VN", "JP"],
    ["a Japanese mother", "VN", "JP", "JP"],
    ["parents of two other countries (the mother's, for staff to confirm)", "PH", "VN", "VN"],
  ])("starts a newborn's nationality from the parents: %s", (_case, head, mother, expected) => {
    const draft = couple("birth");
    (draft.members[0] as MemberDraft).nationality = head;
    (draft.members[1] as MemberDraft).nationality = mother;
    draft.event.mother = "m2";
    applyMemberAction(draft, "add-newborn");
    expect(draft.members[2]?.nationality).toBe(expected);
    expect(newbornNationality(draft)).toBe(expected);
  });

  it("makes every choice follow its person when a member before them is removed, and clears the removed one's", () => {
    const draft = couple("divorce");
    draft.members.push(emptyMember("child"), emptyMember("child"));
    Object.assign(draft.event, {
      mother: "m3",
      partners: ["m2", "m4"],
      custodian: "m4",
      leaving: "m2",
      surnameChanges: ["m1", "m4"],
      keepSurname: ["m3"],
    });
    applyMemberAction(draft, "remove:0");
    expect(draft.event).toMatchObject({
      mother: "m2",
      partners: ["m1", "m3"],
      custodian: "m3",
      leaving: "m1",
      surnameChanges: ["m3"],
      keepSurname: ["m2"],
    });
  });

  it.each([
    ["event.subject", "birth", "event-newborn"],
    ["event.subject", "death", "event-subject"],
    ["event.mother", "birth", "event-mother"],
    ["event.partners", "marriage", "event-partners"],
    ["event.partners[0]", "marriage", "event-partners"],
    ["event.partners[1]", "divorce", "event-partners-1"],
    ["event.custodian", "divorce", "event-custodian"],
    ["event.leaving", "divorce", "event-leaving"],
    ["event.keepSurname", "divorce", "event-keepSurname"],
    ["event.surnameChanges[1]", "divorce", "event-surnameChanges"],
  ])("%j of a %s is shown at #%s", (path, type, id) => {
    expect(fieldIdForPath(path, type)).toBe(id);
  });
});
