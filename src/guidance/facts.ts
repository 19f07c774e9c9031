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
import { addDays, type CalendarDate, parseIsoDate } from "./calendar";
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

/**
 * The ages (legal age, see {@link MemberFacts.legalAge}) at which each 国民年金 category exists:
 * 第1号 20–59, or 60–69 as a voluntary member (任意加入); 第2号 (employees) 15–69; 第3号 20–59.
 */
export const pensionAges: Readonly<Record<PensionCategory, readonly [number, number]>> = {
  cat1: [20, 69],
  cat2: [15, 69],
  cat3: [20, 59],
};

/** The head-change rule counts remaining members of this age or over (住基法 §25, 施行令). */
export const headChangeAge = 15;

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
  /** Before the event: the input's `previousInsurance`/`previousPension`, else unchanged. */
  readonly previousInsurance: Insurance;
  readonly previousPension: PensionCategory | null;
  readonly hasCareLevel: boolean;
  /** Bits over `memberFlags`, `benefits` and `possessions` (see {@link bitsOf}). */
  readonly flags: number;
  readonly benefits: number;
  readonly owns: number;
  readonly age: number;
  /**
   * The age the 国民年金 and 介護保険 laws use: an age is reached the day before the birthday
   * ("…歳に達した日", 年齢計算ニ関スル法律), so it is the plain age on the day after the event.
   */
  readonly legalAge: number;
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
  /** Members other than the deceased (death), the movers (moves) or the leaver (divorce), aged 18 or over. */
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
  const legalDay = addDays(on, 1);
  const isMove = moveEvents.includes(event.type);
  const subjectId = event.type === "death" || event.type === "birth" ? event.subject : undefined;
  // Who stays behind: the others of a death, the non-movers of a move, all but the leaver of a divorce.
  const leavingId = event.type === "divorce" ? event.leaving : undefined;
  const hasRemaining = event.type === "death" || isMove || event.type === "divorce";
  const couple = event.type === "marriage" || event.type === "divorce";
  const partnerIds = couple ? (event.partners ?? []) : [];
  const custodianId = event.type === "divorce" ? event.custodian : undefined;
  const members: MemberFacts[] = [];
  const moving: MemberFacts[] = [];
  const subject: MemberFacts[] = [];
  const remaining: MemberFacts[] = [];
  const phase2 = phase2Scopes();
  let remainingAdults = 0;
  for (let index = 0; index < household.members.length; index++) {
    const member = household.members[index] as Member;
    const birth = parseIsoDate(member.birthDate) ?? unparsableDate(member.birthDate);
    const age = ageOn(birth, on);
    const grade = gradeOn(birth, on);
    const pension = member.pension ?? null;
    const facts: MemberFacts = {
      member,
      id: member.id,
      index,
      relation: member.relation,
      insurance: member.insurance,
      pension,
      previousInsurance: member.previousInsurance ?? member.insurance,
      previousPension: member.previousPension ?? pension,
      hasCareLevel: member.careLevel !== undefined,
      flags: flagBits(member),
      benefits: bitsOf(benefits, member.benefits),
      owns: bitsOf(possessions, member.owns),
      age,
      legalAge: ageOn(birth, legalDay),
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
    else if (member.id === leavingId) phase2.leaving.push(facts);
    else if (hasRemaining && (!isMove || !facts.moving)) {
      remaining.push(facts);
      if (facts.adult) remainingAdults++;
      if (event.type === "divorce" && facts.relation === "child" && facts.childAllowanceAge)
        phase2.children.push(facts);
    }
    const id = member.id;
    if (event.type === "birth" && id === event.mother) phase2.mother.push(facts);
    if (partnerIds.includes(id)) {
      phase2.partners.push(facts);
      if (custodianId !== undefined)
        (id === custodianId ? phase2.custodian : phase2.otherPartner).push(facts);
    }
    if (couple && event.surnameChanges?.includes(id)) phase2.surnameChanges.push(facts);
    if (event.type === "divorce" && event.keepSurname?.includes(id)) phase2.keepSurname.push(facts);
  }
  return {
    eventDate: on,
    members,
    scopes: { moving, subject, remaining, household: members, ...phase2 },
    remainingAdults,
  };
}

/** Fresh lists for the phase-2 scopes; the events that have no such people leave them empty. */
function phase2Scopes() {
  return {
    mother: [] as MemberFacts[],
    partners: [] as MemberFacts[],
    surnameChanges: [] as MemberFacts[],
    keepSurname: [] as MemberFacts[],
    custodian: [] as MemberFacts[],
    otherPartner: [] as MemberFacts[],
    children: [] as MemberFacts[],
    leaving: [] as MemberFacts[],
  };
}
