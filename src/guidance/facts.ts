import {
  benefits,
  type Insurance,
  type MemberFlag,
  memberFlags,
  moveEvents,
  type PensionCategory,
  possessions,
  type Relation,
  type Scope,
} from "../catalog/vocabulary";
import { type CalendarDate, parseIsoDate } from "./calendar";
import type { Household, Member } from "./household.schema";

/**
 * Age in completed years on `on`, counting the birthday itself as completed.
 *
 * Legally (年齢計算ニ関スル法律 with 民法 §143) a year of age is completed at the end of the day
 * before the birthday, so on the birthday the new age already holds. A person born on 29 February
 * completes a year, in a common year, at the end of 28 February (the month has no corresponding
 * day, so the period ends on its last day): the new age holds from 1 March. Comparing (month, day)
 * pairs gives exactly that, because (2, 28) < (2, 29) ≤ (3, 1).
 */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const before = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (before ? 1 : 0);
}

/**
 * School grade (学年) on `on`: 1–6 elementary, 7–9 junior high, 10–12 high-school age, ≤ 0 before
 * school. A child born from 2 April of year Y to 1 April of Y+1 starts grade 1 on 1 April of Y+7,
 * because school starts in the first April after the sixth birthday is completed (and a child born
 * on 1 April completes it at the end of 31 March). The school year runs 1 April – 31 March.
 */
export function gradeOn(birth: CalendarDate, on: CalendarDate): number {
  const lateInYear = birth.month > 4 || (birth.month === 4 && birth.day >= 2);
  const entryYear = birth.year + (lateInYear ? 7 : 6);
  const schoolYear = on.month >= 4 ? on.year : on.year - 1;
  return schoolYear - entryYear + 1;
}

/** 義務教育 age: elementary or junior-high grade. */
export const isSchoolAge = (grade: number): boolean => grade >= 1 && grade <= 9;
export const isPreschool = (grade: number): boolean => grade <= 0;
/** 児童手当 is paid until the first 31 March after the 18th birthday: up to grade 12. */
export const isChildAllowanceAge = (grade: number): boolean => grade <= 12;
export const isChildMedicalAge = (grade: number, gradeLimit: number): boolean => grade <= gradeLimit;

export const adultAge = 18;

/** Bit `1 << i` stands for `list[i]`: rules test sets of flags, benefits or possessions in one step. */
export function bitsOf<T>(list: readonly T[], items: readonly T[] | undefined): number {
  let bits = 0;
  if (items) for (const item of items) bits |= 1 << list.indexOf(item);
  return bits;
}

/**
 * What the rules read about one member, computed once per plan. Every member gets the same
 * object shape whatever optional fields the input had, which keeps the rule predicates fast.
 */
export interface MemberFacts {
  readonly member: Member;
  readonly id: string;
  /** Position in the input, which is also the order of every member list in the plan. */
  readonly index: number;
  readonly relation: Relation;
  readonly insurance: Insurance;
  readonly pension: PensionCategory | null;
  readonly hasCareLevel: boolean;
  /** Bits over `memberFlags`, `benefits` and `possessions` (see {@link bitsOf}). */
  readonly flags: number;
  readonly benefits: number;
  readonly owns: number;
  readonly age: number;
  readonly grade: number;
  readonly schoolAge: boolean;
  readonly preschool: boolean;
  readonly childAllowanceAge: boolean;
  readonly childMedicalAge: boolean;
  /** Moves with a move event (`moving` defaults to true); false for every other event. */
  readonly moving: boolean;
  readonly adult: boolean;
}

export interface HouseholdFacts {
  readonly eventDate: CalendarDate;
  readonly members: readonly MemberFacts[];
  /** The members each rule scope looks at (catalogue section 2: moving, subject, remaining). */
  readonly scopes: Readonly<Record<Scope, readonly MemberFacts[]>>;
  /** Members other than the deceased (death) or the movers (moves), aged 18 or over. */
  readonly remainingAdults: number;
}

function unparsableDate(text: string): never {
  throw new RangeError(`not a calendar date: ${text} (the household must pass parseHousehold first)`);
}

function flagBits(member: Member): number {
  let bits = 0;
  for (let i = 0; i < memberFlags.length; i++)
    if (member[memberFlags[i] as MemberFlag] === true) bits |= 1 << i;
  return bits;
}

/**
 * Derives every member's facts at the event date. Expects a household that passed
 * `parseHousehold`; a date that does not parse is a programming error and throws.
 */
export function deriveFacts(household: Household, childMedicalGradeLimit: number): HouseholdFacts {
  const { event } = household;
  const on = parseIsoDate(event.date) ?? unparsableDate(event.date);
  const isMove = moveEvents.includes(event.type);
  const subjectId = event.type === "death" ? event.subject : undefined;
  const members: MemberFacts[] = [];
  const moving: MemberFacts[] = [];
  const subject: MemberFacts[] = [];
  const remaining: MemberFacts[] = [];
  let remainingAdults = 0;
  for (let index = 0; index < household.members.length; index++) {
    const member = household.members[index] as Member;
    const birth = parseIsoDate(member.birthDate) ?? unparsableDate(member.birthDate);
    const age = ageOn(birth, on);
    const grade = gradeOn(birth, on);
    const facts: MemberFacts = {
      member,
      id: member.id,
      index,
      relation: member.relation,
      insurance: member.insurance,
      pension: member.pension ?? null,
      hasCareLevel: member.careLevel !== undefined,
      flags: flagBits(member),
      benefits: bitsOf(benefits, member.benefits),
      owns: bitsOf(possessions, member.owns),
      age,
      grade,
      schoolAge: isSchoolAge(grade),
      preschool: isPreschool(grade),
      childAllowanceAge: isChildAllowanceAge(grade),
      childMedicalAge: isChildMedicalAge(grade, childMedicalGradeLimit),
      moving: isMove && member.moving !== false,
      adult: age >= adultAge,
    };
    members.push(facts);
    if (facts.moving) moving.push(facts);
    if (member.id === subjectId) subject.push(facts);
    else if (subjectId !== undefined || (isMove && !facts.moving)) {
      remaining.push(facts);
      if (facts.adult) remainingAdults++;
    }
  }
  return {
    eventDate: on,
    members,
    scopes: { moving, subject, remaining, household: members },
    remainingAdults,
  };
}
