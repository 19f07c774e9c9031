import fc from "fast-check";
import {
  benefits,
  careLevels,
  divorceTypes,
  type EventType,
  eventTypes,
  type Insurance,
  insurances,
  memberFlags,
  type PensionCategory,
  pensionCategories,
  possessions,
  relations,
  sexes,
} from "../catalog/vocabulary";
import { addDays, daysInMonth, formatIsoDate, fromDayNumber, toDayNumber } from "./calendar";
import { ageOn, pensionAges } from "./facts";
import { filerRelations, type Household, type Member } from "./household.schema";

/**
 * Random households that pass `parseHousehold`, for property tests and the benchmark. Test support
 * only: nothing in the running application imports it.
 *
 * Birth dates are drawn relative to the event so that ages cluster where the rules change
 * (0–3, school grades, 15, 18, 20, 60, 65, 75) and birthdays fall on, just before or just after
 * the event day; event days favour 28/29 February, 1 March and 1/2 April.
 */

const firstDay = toDayNumber(2020, 1, 1);
const lastDay = toDayNumber(2032, 12, 31);
const specialDays = [
  [2024, 2, 29],
  [2025, 2, 28],
  [2025, 3, 1],
  [2026, 4, 1],
  [2026, 4, 2],
  [2028, 2, 29],
  [2027, 3, 31],
].map(([y, m, d]) => toDayNumber(y as number, m as number, d as number));

const eventDay = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: firstDay, max: lastDay }) },
  { weight: 1, arbitrary: fc.constantFrom(...specialDays) },
);

/** Ages where a rule changes; a member is this old give or take one day. */
const boundaryAges = [0, 1, 2, 3, 6, 7, 12, 15, 17, 18, 19, 20, 59, 60, 64, 65, 74, 75, 90];

const birth = fc.oneof(
  fc.record({ kind: fc.constant("days" as const), days: fc.integer({ min: 0, max: 365 * 20 }) }),
  fc.record({ kind: fc.constant("days" as const), days: fc.integer({ min: 0, max: 365 * 100 }) }),
  fc.record({
    kind: fc.constant("years" as const),
    years: fc.constantFrom(...boundaryAges),
    shift: fc.integer({ min: -1, max: 1 }),
  }),
);

const names = [
  "熊本 太郎",
  "髙橋 一郎",
  "山﨑 美咲",
  "𠮷田 葵",
  "渡邉 葛󠄀子",
  "ﾀﾅｶ ｲﾁﾛｳ",
  "Ａｌｉｃｅ Ｓｍｉｔｈ",
];
/** 本籍 and 筆頭者 as a 戸籍 writes them, with a compatibility ideograph and an IVS among them. */
const registers = [
  { honseki: "熊本県熊本市中央区手取本町1番", hittousha: "熊本 太郎" },
  { honseki: "福岡県福岡市中央区天神一丁目8番", hittousha: "山﨑 健" },
  { honseki: "東京都千代田区千代田1番", hittousha: "渡邉 葛󠄀子" },
];

const optionalFlag = fc.option(fc.boolean(), { nil: undefined, freq: 2 });

const memberDraw = fc.record({
  birth,
  relation: fc.constantFrom(...relations),
  insurancePick: fc.nat(),
  pension: fc.option(fc.constantFrom(...pensionCategories), { nil: undefined }),
  flags: fc.record(
    Object.fromEntries(memberFlags.map((flag) => [flag, optionalFlag])) as Record<
      (typeof memberFlags)[number],
      fc.Arbitrary<boolean | undefined>
    >,
  ),
  moving: fc.option(fc.boolean(), { nil: undefined, freq: 3 }),
  careLevel: fc.option(fc.constantFrom(...careLevels), { nil: undefined, freq: 3 }),
  benefits: fc.option(fc.subarray([...benefits]), { nil: undefined }),
  owns: fc.option(fc.subarray([...possessions]), { nil: undefined }),
  name: fc.option(fc.constantFrom(...names), { nil: undefined }),
  sex: fc.option(fc.constantFrom(...sexes), { nil: undefined }),
  origin: fc.record({
    nationality: fc.option(fc.constantFrom("JP", "VN", "CN", "KR", "PH", "BR", "US"), {
      nil: undefined,
      freq: 2,
    }),
    register: fc.option(fc.constantFrom(...registers), { nil: undefined }),
    residence: fc.option(
      fc.record({
        status: fc.constantFrom("技能実習", "永住者", "特別永住者", "留学", "日本人の配偶者等"),
        card: fc.stringMatching(/^[A-Z]{2}[0-9]{8}[A-Z]{2}$/),
        periodDays: fc.option(fc.integer({ min: 1, max: 365 * 5 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    previousInsurance: fc.option(fc.constantFrom(...insurances), { nil: undefined, freq: 4 }),
    previousPension: fc.option(fc.constantFrom(...pensionCategories), { nil: undefined, freq: 4 }),
  }),
});

const eventDraw = fc.record({
  type: fc.constantFrom<EventType>(...eventTypes),
  day: eventDay,
  origin: fc.option(fc.constantFrom("other-municipality" as const, "abroad" as const), { nil: undefined }),
  destination: fc.option(fc.constantFrom("other-municipality" as const, "abroad" as const), {
    nil: undefined,
  }),
  crossPrefecture: optionalFlag,
  deathRegistered: optionalFlag,
  schoolDistrictChanges: optionalFlag,
  subjectPick: fc.nat(),
  hostPick: fc.option(fc.nat(), { nil: undefined }),
  funeralAfter: fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }),
  certificate: fc.boolean(),
  // Phase 2: the newborn's mother, the partners and the lists of a marriage or divorce.
  motherPick: fc.option(fc.nat(), { nil: undefined }),
  registered: optionalFlag,
  partnerPicks: fc.tuple(fc.nat(), fc.nat()),
  partnerAges: fc.tuple(fc.integer({ min: 18, max: 80 }), fc.integer({ min: 18, max: 80 })),
  surnameMask: fc.nat({ max: 63 }),
  keepMask: fc.nat({ max: 63 }),
  custodianPick: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
  leavingPick: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
  householdsMerge: optionalFlag,
  divorceType: fc.option(fc.constantFrom(...divorceTypes), { nil: undefined }),
  filer: fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant("member" as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant("other" as const),
        name: fc.constantFrom(...names),
        kana: fc.option(fc.constant("クマモト タロウ"), { nil: undefined }),
        address: fc.option(fc.constant("福岡県福岡市中央区天神1丁目8番1号"), { nil: undefined }),
        phone: fc.option(fc.constant("092-000-0000"), { nil: undefined }),
        relation: fc.constantFrom(...filerRelations),
      }),
    ),
    { nil: undefined },
  ),
  previousAddress: fc.option(
    fc.record({
      postalCode: fc.option(fc.constantFrom("810-0001", "8600806"), { nil: undefined }),
      address: fc.option(fc.constant("福岡県福岡市中央区天神1丁目8番1号"), { nil: undefined }),
      householdHead: fc.option(fc.constantFrom(...names), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});

function insuranceFor(age: number, pick: number): Insurance {
  const allowed: Insurance[] =
    age >= 75
      ? ["kouki", "welfare"]
      : age >= 65
        ? ["employee", "kokuho", "kouki", "welfare"]
        : ["employee", "kokuho", "welfare"];
  return allowed[pick % allowed.length] as Insurance;
}

/** The categories a member of this legal age may have, the draw's own when allowed. */
function pensionFor(legalAge: number, wanted: PensionCategory | undefined): PensionCategory | undefined {
  if (wanted === undefined) return undefined;
  const [min, max] = pensionAges[wanted];
  return legalAge >= min && legalAge <= max ? wanted : undefined;
}

function birthDay(draw: MemberDraw["birth"], event: number): number {
  if (draw.kind === "days") return event - draw.days;
  const on = fromDayNumber(event);
  const year = on.year - draw.years;
  const day = Math.min(on.day, daysInMonth(year, on.month));
  // Never after the event: a member born after it is (rightly) refused.
  return Math.min(event, toDayNumber(year, on.month, day) + draw.shift);
}

type MemberDraw = typeof memberDraw extends fc.Arbitrary<infer T> ? T : never;
type EventDraw = typeof eventDraw extends fc.Arbitrary<infer T> ? T : never;

/** The two partners of a marriage or divorce: distinct positions among `count` (≥ 2) members. */
function partnersOf(draw: EventDraw, count: number): [number, number] {
  const first = draw.partnerPicks[0] % count;
  const second = (first + 1 + (draw.partnerPicks[1] % (count - 1))) % count;
  return [first, second];
}

function buildHousehold(eventDrawn: EventDraw, drawnMembers: MemberDraw[]): Household {
  const on = fromDayNumber(eventDrawn.day);
  const type = eventDrawn.type;
  const couple = type === "marriage" || type === "divorce";
  // A marriage or divorce needs two members: the first draw stands in for the missing partner.
  const drawn =
    couple && drawnMembers.length < 2 ? [...drawnMembers, drawnMembers[0] as MemberDraw] : drawnMembers;
  const partners = couple ? partnersOf(eventDrawn, drawn.length) : null;
  const newborn = type === "birth" ? eventDrawn.subjectPick % drawn.length : -1;
  const legalDay = addDays(on, 1);
  const members: Member[] = drawn.map((d, index) => {
    const partnerAt = partners ? partners.indexOf(index) : -1;
    let day = birthDay(d.birth, eventDrawn.day);
    if (index === newborn) day = eventDrawn.day;
    // Partners are adults: a marriage under 18 is (rightly) refused.
    else if (partnerAt >= 0 && ageOn(fromDayNumber(day), on) < 18)
      day = toDayNumber(on.year - (eventDrawn.partnerAges[partnerAt] as number), 1, 1);
    const born = fromDayNumber(day);
    const age = ageOn(born, on);
    const legalAge = ageOn(born, legalDay);
    const member: Member = {
      id: `m${index + 1}`,
      relation:
        index === newborn ? (d.relation === "other" ? "other" : "child") : index === 0 ? "head" : d.relation,
      birthDate: formatIsoDate(born),
      insurance: insuranceFor(age, d.insurancePick),
    };
    if (d.name !== undefined) member.name = d.name;
    if (d.sex !== undefined) member.sex = d.sex;
    if (d.moving !== undefined) member.moving = d.moving;
    const pension = pensionFor(legalAge, d.pension);
    if (pension !== undefined) member.pension = pension;
    for (const flag of memberFlags) {
      const value = d.flags[flag];
      if (value !== undefined) member[flag] = value;
    }
    if (d.careLevel !== undefined) member.careLevel = d.careLevel;
    if (d.benefits !== undefined) member.benefits = d.benefits;
    if (d.owns !== undefined) member.owns = d.owns;
    const o = d.origin;
    if (o.nationality !== undefined) member.nationality = o.nationality;
    if ((o.nationality ?? "JP") === "JP") {
      if (o.register !== undefined) Object.assign(member, o.register);
    } else if (o.residence !== undefined) {
      member.residenceStatus = o.residence.status;
      member.residenceCardNumber = o.residence.card;
      if (o.residence.periodDays !== undefined)
        member.residencePeriodEnd = formatIsoDate(fromDayNumber(eventDrawn.day + o.residence.periodDays));
    }
    if (o.previousInsurance !== undefined) member.previousInsurance = o.previousInsurance;
    const previousPension = pensionFor(legalAge, o.previousPension);
    if (previousPension !== undefined) member.previousPension = previousPension;
    return member;
  });
  const event: Household["event"] = { type: eventDrawn.type, date: formatIsoDate(on) };
  if (eventDrawn.type === "move-in" && eventDrawn.origin) event.origin = eventDrawn.origin;
  if (eventDrawn.type === "move-out" && eventDrawn.destination) event.destination = eventDrawn.destination;
  if (eventDrawn.crossPrefecture !== undefined) event.crossPrefecture = eventDrawn.crossPrefecture;
  if (eventDrawn.schoolDistrictChanges !== undefined)
    event.schoolDistrictChanges = eventDrawn.schoolDistrictChanges;
  if (eventDrawn.type === "death") {
    const subject = eventDrawn.subjectPick % members.length;
    event.subject = `m${subject + 1}`;
    if (eventDrawn.deathRegistered !== undefined) event.deathRegistered = eventDrawn.deathRegistered;
    if (eventDrawn.hostPick !== undefined && members.length > 1) {
      const host = (subject + 1 + (eventDrawn.hostPick % (members.length - 1))) % members.length;
      event.funeralHost = `m${host + 1}`;
    }
    if (eventDrawn.funeralAfter !== undefined)
      event.funeralDate = formatIsoDate(fromDayNumber(eventDrawn.day + eventDrawn.funeralAfter));
  }
  if (type === "birth") {
    event.subject = `m${newborn + 1}`;
    if (eventDrawn.motherPick !== undefined && members.length > 1)
      event.mother = `m${((newborn + 1 + (eventDrawn.motherPick % (members.length - 1))) % members.length) + 1}`;
    if (eventDrawn.registered !== undefined) event.birthRegistered = eventDrawn.registered;
  }
  if (partners) {
    const ids = partners.map((i) => `m${i + 1}`);
    event.partners = ids;
    const picked = (mask: number) => members.filter((_, i) => (mask & (1 << i)) !== 0).map((m) => m.id);
    const changes = picked(eventDrawn.surnameMask);
    if (changes.length > 0) event.surnameChanges = changes;
    if (type === "marriage") {
      if (eventDrawn.householdsMerge !== undefined) event.householdsMerge = eventDrawn.householdsMerge;
      if (eventDrawn.registered !== undefined) event.marriageRegistered = eventDrawn.registered;
    } else {
      const keeps = picked(eventDrawn.keepMask).filter((id) => !changes.includes(id));
      if (keeps.length > 0) event.keepSurname = keeps;
      if (eventDrawn.custodianPick !== undefined) event.custodian = ids[eventDrawn.custodianPick];
      if (eventDrawn.leavingPick !== undefined) event.leaving = ids[eventDrawn.leavingPick];
      if (eventDrawn.divorceType !== undefined) event.divorceType = eventDrawn.divorceType;
      if (eventDrawn.registered !== undefined) event.divorceRegistered = eventDrawn.registered;
    }
  }
  const household: Household = { event, members };
  if (eventDrawn.certificate) household.requests = ["residenceCertificate"];
  const filer = eventDrawn.filer;
  if (filer?.kind === "member") {
    // Anyone but the deceased; a household of one who died is filed by someone else or nobody.
    const candidates = members.filter((m) => m.id !== event.subject);
    const chosen = candidates[filer.pick % Math.max(1, candidates.length)];
    if (chosen) household.filer = { member: chosen.id };
  } else if (filer?.kind === "other") {
    const { kind: _, ...other } = filer;
    household.filer = Object.fromEntries(
      Object.entries(other).filter(([, v]) => v !== undefined),
    ) as Household["filer"];
  }
  if (eventDrawn.type === "move-in" && eventDrawn.previousAddress) {
    household.previousAddress = Object.fromEntries(
      Object.entries(eventDrawn.previousAddress).filter(([, v]) => v !== undefined),
    );
  }
  return household;
}

/** A valid household for any of the eight events, with 1–6 members (2–6 for a marriage or divorce). */
export const validHousehold: fc.Arbitrary<Household> = fc
  .tuple(eventDraw, fc.array(memberDraw, { minLength: 1, maxLength: 6 }))
  .map(([event, members]) => buildHousehold(event, members));
