import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./calendar";
import {
  ageOn,
  deriveFacts,
  gradeOn,
  isChildAllowanceAge,
  isChildMedicalAge,
  isPreschool,
  isSchoolAge,
} from "./facts";
import type { Household, Member } from "./household.schema";

const date = (text: string) => {
  const parsed = parseIsoDate(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed;
};

describe("age on the event day", () => {
  it.each([
    ["1990-04-06", "2026-04-06", 36, "the birthday itself counts as completed"],
    ["1990-04-07", "2026-04-06", 35, "the day before the birthday does not"],
    ["2026-04-06", "2026-04-06", 0, "a baby born that day is 0"],
    ["2008-02-29", "2026-02-28", 17, "a 29 February birthday is not reached on 28 February of a common year"],
    ["2008-02-29", "2026-03-01", 18, "it is reached on 1 March of a common year"],
    ["2008-02-29", "2028-02-29", 20, "and on 29 February itself in a leap year"],
    ["2008-02-29", "2028-02-28", 19, "but not on 28 February of a leap year"],
    ["1951-04-06", "2026-04-06", 75, "the 75th birthday on the event day is 75"],
  ])("born %s, on %s is %i: %s", (birth, on, age) => {
    expect(ageOn(date(birth), date(on))).toBe(age);
  });
});

describe("school grade on the event day", () => {
  it.each([
    ["2019-04-02", "2026-04-01", 1, "born 2 April starts the cohort"],
    ["2020-04-01", "2026-04-01", 1, "born 1 April ends the same cohort"],
    ["2019-04-01", "2026-04-01", 2, "born a day earlier belongs to the year above"],
    ["2020-04-02", "2026-04-01", 0, "born a day later belongs to the year below"],
    ["2019-04-02", "2026-03-31", 0, "31 March is still the previous school year"],
    ["2020-02-29", "2026-04-01", 1, "a 29 February birthday counts in the January–1 April part"],
    ["2013-04-02", "2026-10-01", 7, "first year of junior high"],
    ["2007-04-02", "2026-03-31", 12, "last day of the high-school cohort"],
    ["2007-04-02", "2026-04-01", 13, "the next day it is past"],
  ])("born %s, on %s is grade %i: %s", (birth, on, grade) => {
    expect(gradeOn(date(birth), date(on))).toBe(grade);
  });

  it.each([
    [0, { schoolAge: false, preschool: true, childAllowanceAge: true }],
    [1, { schoolAge: true, preschool: false, childAllowanceAge: true }],
    [9, { schoolAge: true, preschool: false, childAllowanceAge: true }],
    [10, { schoolAge: false, preschool: false, childAllowanceAge: true }],
    [12, { schoolAge: false, preschool: false, childAllowanceAge: true }],
    [13, { schoolAge: false, preschool: false, childAllowanceAge: false }],
  ])("grade %i gives the stages %o", (grade, stages) => {
    expect({
      schoolAge: isSchoolAge(grade),
      preschool: isPreschool(grade),
      childAllowanceAge: isChildAllowanceAge(grade),
    }).toEqual(stages);
  });

  it("measures child-medical age against the municipality's limit", () => {
    expect(isChildMedicalAge(12, 12)).toBe(true);
    expect(isChildMedicalAge(13, 12)).toBe(false);
    expect(isChildMedicalAge(10, 9)).toBe(false);
    expect(isChildMedicalAge(9, 9)).toBe(true);
  });
});

const member = (id: string, birthDate: string, extra: Partial<Member> = {}): Member => ({
  id,
  relation: "other",
  birthDate,
  insurance: "employee",
  ...extra,
});

describe("household facts", () => {
  it("count everyone who does not say moving: false as moving, in input order", () => {
    const household: Household = {
      event: { type: "move-out", date: "2026-04-06" },
      members: [
        member("a", "1980-01-01"),
        member("b", "1981-01-01", { moving: false }),
        member("c", "2010-01-01"),
      ],
    };
    const facts = deriveFacts(household, 12);
    expect(facts.scopes.moving.map((f) => f.id)).toEqual(["a", "c"]);
    expect(facts.scopes.remaining.map((f) => f.id)).toEqual(["b"]);
    expect(facts.remainingAdults).toBe(1);
  });

  it("treat everyone but the deceased as remaining, and count an 18th birthday on the day as adult", () => {
    const household: Household = {
      event: { type: "death", date: "2026-04-06", subject: "b" },
      members: [member("a", "2008-04-06"), member("b", "1950-01-01"), member("c", "2008-04-07")],
    };
    const facts = deriveFacts(household, 12);
    expect(facts.scopes.subject.map((f) => f.id)).toEqual(["b"]);
    expect(facts.scopes.remaining.map((f) => f.id)).toEqual(["a", "c"]);
    expect(facts.scopes.moving).toEqual([]);
    expect(facts.remainingAdults).toBe(1);
  });

  it("record flags, benefits and possessions the same way whatever fields the input had", () => {
    const household: Household = {
      event: { type: "move-in", date: "2026-04-06" },
      members: [
        member("a", "1980-01-01", { myNumberCard: true, benefits: ["childMedical"], owns: ["dog"] }),
        member("b", "1980-01-01"),
      ],
    };
    const [a, b] = deriveFacts(household, 12).members;
    expect(a?.flags).not.toBe(0);
    expect(a?.benefits).not.toBe(0);
    expect(a?.owns).not.toBe(0);
    expect([b?.flags, b?.benefits, b?.owns, b?.pension, b?.hasCareLevel]).toEqual([0, 0, 0, null, false]);
    expect(Object.keys(a ?? {})).toEqual(Object.keys(b ?? {}));
  });
});
