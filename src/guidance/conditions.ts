import type { HouseholdCondition, MemberCondition } from "../catalog/procedure.schema";
import { benefits, memberFlags, type PensionCategory, possessions } from "../catalog/vocabulary";
import { bitsOf, type HouseholdFacts, type MemberFacts } from "./facts";
import type { Household } from "./household.schema";

/** A member condition as a predicate; built once per catalogue and settings. */
export type MemberTest = (facts: MemberFacts) => boolean;

/** Equality for one allowed value (the usual case), a list scan otherwise. */
function oneOf<T>(wanted: readonly T[], read: (f: MemberFacts) => T): MemberTest {
  if (wanted.length === 1) {
    const only = wanted[0];
    return (f) => read(f) === only;
  }
  return (f) => wanted.includes(read(f));
}

export function compileMemberTest(condition: MemberCondition, childMedicalGradeLimit: number): MemberTest {
  switch (condition.fact) {
    case "age": {
      const min = condition.min ?? Number.NEGATIVE_INFINITY;
      const max = condition.max ?? Number.POSITIVE_INFINITY;
      return (f) => f.age >= min && f.age <= max;
    }
    case "legalAge": {
      const min = condition.min ?? Number.NEGATIVE_INFINITY;
      const max = condition.max ?? Number.POSITIVE_INFINITY;
      return (f) => f.legalAge >= min && f.legalAge <= max;
    }
    case "relation":
      return oneOf(condition.in, (f) => f.relation);
    case "insurance":
      return oneOf(condition.in, (f) => f.insurance);
    case "pension":
      return oneOf<PensionCategory | null>(condition.in, (f) => f.pension);
    case "previousInsurance":
      return oneOf(condition.in, (f) => f.previousInsurance);
    case "previousPension":
      return oneOf<PensionCategory | null>(condition.in, (f) => f.previousPension);
    case "careLevel":
      return (f) => f.hasCareLevel;
    case "flag": {
      const bit = bitsOf(memberFlags, [condition.name]);
      return (f) => (f.flags & bit) !== 0;
    }
    case "benefit": {
      const bits = bitsOf(benefits, condition.in);
      return (f) => (f.benefits & bits) !== 0;
    }
    case "owns": {
      const bits = bitsOf(possessions, condition.in);
      return (f) => (f.owns & bits) !== 0;
    }
    case "stage":
      switch (condition.is) {
        case "schoolAge":
          return (f) => f.schoolAge;
        case "preschool":
          return (f) => f.preschool;
        case "childAllowanceAge":
          return (f) => f.childAllowanceAge;
        case "childMedicalAge":
          return (f) => f.childMedicalAge;
      }
      break;
    case "anyOf": {
      const tests = condition.of.map((c) => compileMemberTest(c, childMedicalGradeLimit));
      return (f) => {
        for (const test of tests) if (test(f)) return true;
        return false;
      };
    }
    case "not": {
      const test = compileMemberTest(condition.of, childMedicalGradeLimit);
      return (f) => !test(f);
    }
  }
}

/** Every condition must hold; the common short lists get a direct function. */
export function compileAll(conditions: readonly MemberCondition[] | undefined, limit: number): MemberTest {
  const tests = (conditions ?? []).map((c) => compileMemberTest(c, limit));
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0] as MemberTest;
  return (f) => {
    for (const test of tests) if (!test(f)) return false;
    return true;
  };
}

export type HouseholdTest = (household: Household, facts: HouseholdFacts) => boolean;

/** Event defaults of household.schema.json are applied here, so the input need not carry them. */
export function compileHouseholdTest(condition: HouseholdCondition, limit: number): HouseholdTest {
  switch (condition.if) {
    case "origin": {
      const wanted = condition.in;
      return (h) => wanted.includes(h.event.origin ?? "other-municipality");
    }
    case "destination": {
      const wanted = condition.in;
      return (h) => wanted.includes(h.event.destination ?? "other-municipality");
    }
    case "eventFlag": {
      const { name, is } = condition;
      return (h) => (h.event[name] ?? false) === is;
    }
    case "request": {
      const name = condition.name;
      return (h) => h.requests?.includes(name) === true;
    }
    case "divorceType": {
      const wanted = condition.in;
      return (h) => wanted.includes(h.event.divorceType ?? "agreement");
    }
    case "count": {
      const { scope } = condition;
      const test = compileAll(condition.where, limit);
      const min = condition.min ?? 0;
      const max = condition.max ?? Number.POSITIVE_INFINITY;
      return (_, facts) => {
        let count = 0;
        for (const f of facts.scopes[scope]) {
          if (!test(f)) continue;
          count++;
          if (count > max) return false;
          if (count >= min && max === Number.POSITIVE_INFINITY) return true;
        }
        return count >= min;
      };
    }
  }
}
