import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "../i18n/catalogues";
import { translator } from "../i18n/translate";
import { type HouseholdProblem, problemCodes, problemMessageId } from "./problems";
import { parseHousehold } from "./validate";

type Raw = Record<string, unknown>;
const adult = (id: string, extra: Raw = {}): Raw => ({
  id,
  relation: "head",
  birthDate: "1980-05-05",
  insurance: "kokuho",
  ...extra,
});
const input = (event: Raw, members: Raw[]): Raw => ({ event: { date: "2026-04-06", ...event }, members });

function problems(raw: unknown): HouseholdProblem[] {
  const result = parseHousehold(raw);
  if (result.ok) throw new Error("the household was accepted");
  return result.problems;
}
const summary = (list: HouseholdProblem[]) =>
  list.map((p) => ({ code: p.code, path: p.path, member: p.member }));

describe("a household that contradicts itself is refused", () => {
  it.each([
    [
      "kouki under 65",
      input({ type: "move-in" }, [adult("m1", { birthDate: "1961-04-07", insurance: "kouki" })]),
      { code: "guidance.problem.member.kouki-under-65", path: "members[0].insurance", member: "m1" },
    ],
    [
      "kokuho at 75",
      input({ type: "move-in" }, [adult("m1", { birthDate: "1951-04-06", insurance: "kokuho" })]),
      { code: "guidance.problem.member.insurance-over-75", path: "members[0].insurance", member: "m1" },
    ],
    [
      "employee insurance at 80",
      input({ type: "move-in" }, [adult("m1", { birthDate: "1946-01-01", insurance: "employee" })]),
      { code: "guidance.problem.member.insurance-over-75", path: "members[0].insurance", member: "m1" },
    ],
    [
      "cat1 at 19 by law (the 20th birthday is two days away)",
      input({ type: "move-in" }, [adult("m1", { birthDate: "2006-04-08", pension: "cat1" })]),
      { code: "guidance.problem.member.pension-age", path: "members[0].pension", member: "m1" },
    ],
    [
      "cat1 at 70 (voluntary membership ends at 69)",
      input({ type: "move-in" }, [
        adult("m1", { birthDate: "1956-04-07", insurance: "kouki", pension: "cat1" }),
      ]),
      { code: "guidance.problem.member.pension-age", path: "members[0].pension", member: "m1" },
    ],
    [
      "cat3 at 60 by law (the 60th birthday is the day after)",
      input({ type: "move-in" }, [adult("m1", { birthDate: "1966-04-07", pension: "cat3" })]),
      { code: "guidance.problem.member.pension-age", path: "members[0].pension", member: "m1" },
    ],
    [
      "cat2 at 14",
      input({ type: "move-in" }, [adult("m1", { birthDate: "2011-04-08", pension: "cat2" })]),
      { code: "guidance.problem.member.pension-age", path: "members[0].pension", member: "m1" },
    ],
    [
      "a previous pension category outside its ages",
      input({ type: "marriage", partners: ["m1", "m2"] }, [
        adult("m1"),
        adult("m2", { relation: "spouse", birthDate: "1960-01-01", previousPension: "cat3" }),
      ]),
      { code: "guidance.problem.member.pension-age", path: "members[1].previousPension", member: "m2" },
    ],
    [
      "a death without a subject",
      input({ type: "death" }, [adult("m1")]),
      { code: "guidance.problem.event.subject-missing", path: "event.subject", member: undefined },
    ],
    [
      "a subject who is not a member",
      input({ type: "death", subject: "m9" }, [adult("m1")]),
      { code: "guidance.problem.event.subject-unknown", path: "event.subject", member: undefined },
    ],
    [
      "a funeral host who is not a member",
      input({ type: "death", subject: "m1", funeralHost: "m7" }, [adult("m1")]),
      { code: "guidance.problem.event.funeral-host-unknown", path: "event.funeralHost", member: undefined },
    ],
    [
      "the deceased as funeral host",
      input({ type: "death", subject: "m1", funeralHost: "m1" }, [adult("m1"), adult("m2")]),
      {
        code: "guidance.problem.event.funeral-host-is-subject",
        path: "event.funeralHost",
        member: undefined,
      },
    ],
    [
      "two members with one id",
      input({ type: "move-in" }, [adult("m1"), adult("m1", { relation: "spouse" })]),
      { code: "guidance.problem.member.duplicate-id", path: "members[1].id", member: "m1" },
    ],
    [
      "a member born after the event",
      input({ type: "move-in" }, [adult("m1"), adult("m2", { relation: "child", birthDate: "2026-04-07" })]),
      { code: "guidance.problem.member.born-after-event", path: "members[1].birthDate", member: "m2" },
    ],
    [
      "an event date that does not exist",
      input({ type: "move-in", date: "2026-02-29" }, [adult("m1")]),
      { code: "guidance.problem.date.invalid", path: "event.date", member: undefined },
    ],
    [
      "a birth date that does not exist",
      input({ type: "move-in" }, [adult("m1", { birthDate: "1980-04-31" })]),
      { code: "guidance.problem.date.invalid", path: "members[0].birthDate", member: "m1" },
    ],
    [
      "a filer who is not a member",
      { ...input({ type: "move-in" }, [adult("m1")]), filer: { member: "m9" } },
      { code: "guidance.problem.filer.member-unknown", path: "filer.member", member: undefined },
    ],
    [
      "the deceased as filer",
      {
        ...input({ type: "death", subject: "m1" }, [adult("m1"), adult("m2", { relation: "spouse" })]),
        filer: { member: "m1" },
      },
      { code: "guidance.problem.filer.is-deceased", path: "filer.member", member: undefined },
    ],
    [
      "a funeral before the death",
      input({ type: "death", subject: "m1", funeralDate: "2026-04-05" }, [adult("m1"), adult("m2")]),
      {
        code: "guidance.problem.event.funeral-date-before-death",
        path: "event.funeralDate",
        member: undefined,
      },
    ],
    [
      "a nationality that is not a two-letter code",
      input({ type: "move-in" }, [adult("m1", { nationality: "Vietnam" })]),
      { code: "guidance.problem.schema.format", path: "members[0].nationality", member: "m1" },
    ],
    [
      "a residence card number of the wrong shape",
      input({ type: "move-in" }, [adult("m1", { nationality: "VN", residenceCardNumber: "AB1234567CD" })]),
      { code: "guidance.problem.schema.format", path: "members[0].residenceCardNumber", member: "m1" },
    ],
    [
      "a residence period end that is not a date",
      input({ type: "move-in" }, [adult("m1", { nationality: "VN", residencePeriodEnd: "2027-02-30" })]),
      { code: "guidance.problem.date.invalid", path: "members[0].residencePeriodEnd", member: "m1" },
    ],
    [
      "a filer who is someone else without a relation",
      { ...input({ type: "move-in" }, [adult("m1")]), filer: { name: "中村 太郎" } },
      { code: "guidance.problem.schema.required", path: "filer.relation", member: undefined },
    ],
    [
      "a filer with an unknown relation",
      { ...input({ type: "move-in" }, [adult("m1")]), filer: { name: "中村 太郎", relation: "son" } },
      { code: "guidance.problem.schema.value", path: "filer.relation", member: undefined },
    ],
    [
      "a previous address with an unknown field",
      { ...input({ type: "move-in" }, [adult("m1")]), previousAddress: { address: "福岡市", head: "x" } },
      { code: "guidance.problem.schema.unknown-field", path: "previousAddress.head", member: undefined },
    ],
    [
      "a birth without the newborn",
      input({ type: "birth" }, [adult("m1")]),
      { code: "guidance.problem.event.newborn-missing", path: "event.subject", member: undefined },
    ],
    [
      "a birth whose newborn was not born on the day of the birth",
      input({ type: "birth", subject: "m2" }, [
        adult("m1"),
        adult("m2", { relation: "child", birthDate: "2026-04-05" }),
      ]),
      { code: "guidance.problem.event.newborn-birth-date", path: "members[1].birthDate", member: "m2" },
    ],
    [
      "a newborn who is the head",
      input({ type: "birth", subject: "m1" }, [adult("m1", { birthDate: "2026-04-06" })]),
      { code: "guidance.problem.event.newborn-relation", path: "members[0].relation", member: "m1" },
    ],
    [
      "a mother who is not a member",
      input({ type: "birth", subject: "m2", mother: "m9" }, [
        adult("m1"),
        adult("m2", { relation: "child", birthDate: "2026-04-06" }),
      ]),
      { code: "guidance.problem.event.member-unknown", path: "event.mother", member: undefined },
    ],
    [
      "a marriage without partners",
      input({ type: "marriage" }, [adult("m1"), adult("m2")]),
      { code: "guidance.problem.event.partners-missing", path: "event.partners", member: undefined },
    ],
    [
      "a marriage with the same partner twice",
      input({ type: "marriage", partners: ["m1", "m1"] }, [adult("m1"), adult("m2")]),
      { code: "guidance.problem.event.partners-not-two", path: "event.partners", member: undefined },
    ],
    [
      "a marriage with three partners",
      input({ type: "marriage", partners: ["m1", "m2", "m3"] }, [adult("m1"), adult("m2"), adult("m3")]),
      { code: "guidance.problem.event.partners-not-two", path: "event.partners", member: undefined },
    ],
    [
      "a partner who is not a member",
      input({ type: "divorce", partners: ["m1", "m9"] }, [adult("m1"), adult("m2")]),
      { code: "guidance.problem.event.member-unknown", path: "event.partners[1]", member: undefined },
    ],
    [
      "a marriage partner under 18 (民法 §731)",
      input({ type: "marriage", partners: ["m1", "m2"] }, [
        adult("m1"),
        adult("m2", { relation: "spouse", birthDate: "2008-04-07" }),
      ]),
      { code: "guidance.problem.event.partner-under-18", path: "members[1].birthDate", member: "m2" },
    ],
    [
      "a custodian who is not a partner",
      input({ type: "divorce", partners: ["m1", "m2"], custodian: "m3" }, [
        adult("m1"),
        adult("m2"),
        adult("m3", { relation: "child", birthDate: "2015-01-01" }),
      ]),
      { code: "guidance.problem.event.custodian-not-partner", path: "event.custodian", member: "m3" },
    ],
    [
      "a member leaving who is not a partner",
      input({ type: "divorce", partners: ["m1", "m2"], leaving: "m3" }, [
        adult("m1"),
        adult("m2"),
        adult("m3"),
      ]),
      { code: "guidance.problem.event.leaving-not-partner", path: "event.leaving", member: "m3" },
    ],
    [
      "one member both changing and keeping a surname",
      input({ type: "divorce", partners: ["m1", "m2"], surnameChanges: ["m2"], keepSurname: ["m2"] }, [
        adult("m1"),
        adult("m2"),
      ]),
      { code: "guidance.problem.event.surname-both", path: "event.keepSurname", member: "m2" },
    ],
    [
      "a surname change of someone not in the household",
      input({ type: "marriage", partners: ["m1", "m2"], surnameChanges: ["m7"] }, [adult("m1"), adult("m2")]),
      { code: "guidance.problem.event.member-unknown", path: "event.surnameChanges[0]", member: undefined },
    ],
    [
      "an unknown kind of divorce",
      input({ type: "divorce", partners: ["m1", "m2"], divorceType: "mutual" }, [adult("m1"), adult("m2")]),
      { code: "guidance.problem.schema.value", path: "event.divorceType", member: undefined },
    ],
  ])("%s", (_, raw, expected) => {
    expect(summary(problems(raw))).toEqual([expected]);
  });

  it.each([
    ["kouki from the 65th birthday", { birthDate: "1961-04-06", insurance: "kouki" }],
    ["kokuho up to the day before the 75th birthday", { birthDate: "1951-04-07", insurance: "kokuho" }],
    ["welfare at any age", { birthDate: "1930-01-01", insurance: "welfare" }],
    ["a pension category from the 20th birthday", { birthDate: "2006-04-06", pension: "cat1" }],
    [
      "cat1 from the day before the 20th birthday (年齢計算ニ関スル法律)",
      { birthDate: "2006-04-07", pension: "cat1" },
    ],
    ["cat3 up to two days before the 60th birthday", { birthDate: "1966-04-08", pension: "cat3" }],
    ["cat1 at 65 as a voluntary member", { birthDate: "1961-01-01", pension: "cat1" }],
    [
      "cat2 at 15 and at 69",
      { birthDate: "2011-04-07", relation: "child", insurance: "employee", pension: "cat2" },
    ],
    ["a member born on the event day", { relation: "child", birthDate: "2026-04-06", insurance: "employee" }],
    [
      "a foreign resident with status, card and period",
      {
        nationality: "VN",
        residenceStatus: "技能実習",
        residenceCardNumber: "AB12345678CD",
        residencePeriodEnd: "2027-03-31",
      },
    ],
    [
      "a nationality and card number typed in lower case or full width",
      { nationality: "ｖｎ", residenceCardNumber: "ab 12345678-cd" },
    ],
    [
      "a Japanese national with 本籍 and 筆頭者",
      { honseki: "熊本県熊本市中央区手取本町1番", hittousha: "熊本 太郎" },
    ],
  ])("accepts %s", (_, extra) => {
    expect(parseHousehold(input({ type: "move-in" }, [adult("m1", extra)])).ok).toBe(true);
  });

  it("accepts a filer who is a member, or someone else with a relation, and a previous address", () => {
    const members = [adult("m1"), adult("m2", { relation: "spouse" })];
    const spouse = parseHousehold({ ...input({ type: "move-in" }, members), filer: { member: "m2" } });
    expect(spouse.ok && spouse.household.filer).toEqual({ member: "m2" });
    const son = parseHousehold({
      ...input({ type: "death", subject: "m1", funeralDate: "2026-04-06" }, [adult("m1")]),
      filer: {
        name: "中村 太郎",
        kana: "ナカムラ タロウ",
        address: "福岡県福岡市",
        relation: "other-relative",
      },
    });
    expect(son.ok && son.household.filer).toMatchObject({ name: "中村 太郎", relation: "other-relative" });
    const moved = parseHousehold({
      ...input({ type: "move-in" }, members),
      previousAddress: {
        postalCode: "810-0001",
        address: "福岡県福岡市中央区天神1丁目",
        householdHead: "山﨑 健",
      },
    });
    expect(moved.ok && moved.household.previousAddress?.householdHead).toBe("山﨑 健");
  });

  it("lists every problem at once, schema and contradictions alike, event first then members in order", () => {
    const raw = {
      event: { type: "death", date: "2026-04-06", funeralHost: "m9", colour: "blue" },
      members: [
        adult("m1", { insurance: "kouki", pension: "cat1", birthDate: "1990-01-01" }),
        adult("m2", { relation: "cousin", sealRegistered: "yes" }),
        adult("m2", { birthDate: "2027-01-01" }),
        { id: "m4", relation: "child", insurance: "employee" },
      ],
    };
    expect(summary(problems(raw))).toEqual([
      { code: "guidance.problem.schema.unknown-field", path: "event.colour", member: undefined },
      { code: "guidance.problem.event.subject-missing", path: "event.subject", member: undefined },
      { code: "guidance.problem.event.funeral-host-unknown", path: "event.funeralHost", member: undefined },
      { code: "guidance.problem.member.kouki-under-65", path: "members[0].insurance", member: "m1" },
      { code: "guidance.problem.schema.value", path: "members[1].relation", member: "m2" },
      { code: "guidance.problem.schema.type", path: "members[1].sealRegistered", member: "m2" },
      { code: "guidance.problem.member.duplicate-id", path: "members[2].id", member: "m2" },
      { code: "guidance.problem.member.born-after-event", path: "members[2].birthDate", member: "m2" },
      { code: "guidance.problem.schema.required", path: "members[3].birthDate", member: "m4" },
    ]);
  });

  it("gives every problem a catalogue code with its data, worded in Japanese and English, and names the field", () => {
    const list = problems(
      input({ type: "move-in" }, [adult("m1", { name: "山本 健二", insurance: "kouki" })]),
    );
    expect(list).toEqual([
      {
        code: "guidance.problem.member.kouki-under-65",
        params: { age: 45, hasMember: "yes", member: { ja: "山本 健二", en: "山本 健二" } },
        path: "members[0].insurance",
        member: "m1",
        field: "insurance",
      },
    ]);
    const [p] = list as [HouseholdProblem];
    expect(translator("ja").message(p)).toBe(
      "山本 健二: 後期高齢者医療は65歳以上の方の保険です。この方は45歳です。",
    );
    expect(translator("en").message(p)).toBe(
      "山本 健二: Late-stage elderly medical care starts at 65 at the earliest; this member is 45.",
    );
  });

  it("names a member by name, or by position when unnamed, and a field by its label, never by id or key", () => {
    const [p] = problems(input({ type: "move-in" }, [{ id: "m1", relation: "head", insurance: "kokuho" }]));
    expect(translator("ja").message(p as HouseholdProblem)).toBe("1人目の方: 生年月日がありません。");
    expect(translator("en").message(p as HouseholdProblem)).toBe("Member 1: Date of birth is required.");
    const [o] = problems(
      input({ type: "move-in" }, [adult("m1", { name: "山本 健二" }), adult("m2", { insurance: "kouki" })]),
    );
    expect(translator("ja").message(o as HouseholdProblem)).toMatch(/^2人目の方: /);
    const [i] = problems(input({ type: "move-in" }, [adult("m1", { birthDate: "1940-01-01" })]));
    expect(translator("ja").message(i as HouseholdProblem)).toContain("（国民健康保険ではありません）");
    for (const q of [p, o, i]) {
      const text =
        translator("ja").message(q as HouseholdProblem) + translator("en").message(q as HouseholdProblem);
      expect(text).not.toMatch(/\bm[12]\b|birthDate|kouki|kokuho/);
    }
    const [n] = problems(null);
    expect(translator("ja").message(n as HouseholdProblem)).toBe("入力の形式が違います（object）。");
    expect(translator("en").message(n as HouseholdProblem)).toBe("The input must be of type object.");
  });

  it("has text in every staff language for every problem code", () => {
    for (const code of problemCodes) {
      expect(translator("ja").has(problemMessageId(code)), code).toBe(true);
      expect(OWN_CATALOGUES.en?.[problemMessageId(code)], code).toBeTruthy();
    }
  });

  it("refuses what is not a household object at all", () => {
    expect(summary(problems(null))).toEqual([
      { code: "guidance.problem.schema.type", path: "", member: undefined },
    ]);
    expect(problems([]).length).toBe(1);
    expect(summary(problems({}))).toEqual([
      { code: "guidance.problem.schema.required", path: "event", member: undefined },
      { code: "guidance.problem.schema.required", path: "members", member: undefined },
    ]);
  });
});

describe("an accepted household", () => {
  it("comes back with its names normalised and every optional field in one fixed shape", () => {
    const result = parseHousehold(input({ type: "move-in" }, [adult("m1", { name: "ﾀﾛｳ" }), adult("m2")]));
    if (!result.ok) throw new Error("refused");
    expect(result.household.members[0]?.name).toBe("タロウ");
    expect(Object.keys(result.household.members[0] ?? {})).toEqual(
      Object.keys(result.household.members[1] ?? {}),
    );
  });
});
