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
      "a pension category at 19",
      input({ type: "move-in" }, [adult("m1", { birthDate: "2006-04-07", pension: "cat1" })]),
      { code: "guidance.problem.member.pension-age", path: "members[0].pension", member: "m1" },
    ],
    [
      "a pension category at 60",
      input({ type: "move-in" }, [adult("m1", { birthDate: "1966-04-06", pension: "cat2" })]),
      { code: "guidance.problem.member.pension-age", path: "members[0].pension", member: "m1" },
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
      "a phase-2 event",
      input({ type: "birth", subject: "m1" }, [adult("m1")]),
      { code: "guidance.problem.event.unsupported", path: "event.type", member: undefined },
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
      "a pension category up to the day before the 60th birthday",
      { birthDate: "1966-04-07", pension: "cat3" },
    ],
    ["a member born on the event day", { relation: "child", birthDate: "2026-04-06", insurance: "employee" }],
  ])("accepts %s", (_, extra) => {
    expect(parseHousehold(input({ type: "move-in" }, [adult("m1", extra)])).ok).toBe(true);
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
    const list = problems(input({ type: "move-in" }, [adult("m1", { insurance: "kouki" })]));
    expect(list).toEqual([
      {
        code: "guidance.problem.member.kouki-under-65",
        params: { age: 45, hasMember: "yes", member: "m1" },
        path: "members[0].insurance",
        member: "m1",
        field: "insurance",
      },
    ]);
    const [p] = list as [HouseholdProblem];
    expect(translator("ja").message(p)).toBe(
      "m1: 後期高齢者医療（kouki）は65歳以上の方の保険です。この方は45歳です。",
    );
    expect(translator("en").message(p)).toBe(
      "m1: kouki (late-stage elderly medical care) starts at 65 at the earliest; this member is 45.",
    );
  });

  it("words schema problems with the field's Japanese label in Japanese and its key in English", () => {
    const [p] = problems(input({ type: "move-in" }, [{ id: "m1", relation: "head", insurance: "kokuho" }]));
    expect(translator("ja").message(p as HouseholdProblem)).toBe("m1: 生年月日（birthDate）がありません。");
    expect(translator("en").message(p as HouseholdProblem)).toBe("m1: birthDate is required.");
    const [q] = problems(null);
    expect(translator("ja").message(q as HouseholdProblem)).toBe("入力の形式が違います（object）。");
    expect(translator("en").message(q as HouseholdProblem)).toBe("The input must be of type object.");
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
