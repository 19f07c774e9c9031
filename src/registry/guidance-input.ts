import type { HouseholdEvent, Member } from "../guidance/household.schema";
import { JAPAN } from "./domicile";
import { ageOn, type HouseholdRecord, type ResidentRecord } from "./resident";

/**
 * A registry resident as a member of the guidance input. The fields are the same names with the same
 * codes, so this only drops what the guidance does not read (numbers, versions), leaves out unset
 * optional facts, and applies the two changes the law makes by age alone between the last update and
 * the event day: at 75 everyone but a welfare recipient moves to 後期高齢者医療 (高齢者医療確保法 §50,
 * automatically, without a filing), and a national pension category ends at 60 (国民年金法 §7).
 * The 戸籍 and 在留 facts pass as registered: `nationality` only for a foreign resident (absent means
 * JP), `honseki` and `hittousha` only for a Japanese national, the residence facts only when known.
 */
export function memberFromResident(resident: ResidentRecord, eventDate: string): Member {
  const age = ageOn(resident.birthDate, eventDate);
  const insurance = age >= 75 && resident.insurance !== "welfare" ? "kouki" : resident.insurance;
  const member: Member = {
    id: resident.id,
    relation: resident.relation,
    name: resident.name,
    kana: resident.kana,
    birthDate: resident.birthDate,
    sex: resident.sex,
    insurance,
  };
  if (resident.pension && age >= 20 && age <= 59) member.pension = resident.pension;
  if (resident.pensionRecipient) member.pensionRecipient = true;
  if (resident.myNumberCard) member.myNumberCard = true;
  if (resident.careLevel) member.careLevel = resident.careLevel;
  if (resident.disabilityCertificate) member.disabilityCertificate = true;
  if (resident.sealRegistered) member.sealRegistered = true;
  if (resident.pregnant) member.pregnant = true;
  if (resident.needsDaycare) member.needsDaycare = true;
  if (resident.publicServant) member.publicServant = true;
  if (resident.benefits.length > 0) member.benefits = [...resident.benefits];
  if (resident.owns.length > 0) member.owns = [...resident.owns];
  if (resident.nationality !== JAPAN) {
    member.nationality = resident.nationality;
    if (resident.residenceStatus) member.residenceStatus = resident.residenceStatus;
    if (resident.residenceCardNumber) member.residenceCardNumber = resident.residenceCardNumber;
    if (resident.residencePeriodEnd) member.residencePeriodEnd = resident.residencePeriodEnd;
  } else {
    if (resident.honseki) member.honseki = resident.honseki;
    if (resident.hittousha) member.hittousha = resident.hittousha;
  }
  return member;
}

/**
 * The household's members as guidance input on the event day, in the registry's order (head first).
 * Members born after that day (a birth registered since) are left out: they were not members then.
 */
export function membersFromHousehold(household: HouseholdRecord, eventDate: string): Member[] {
  return household.members
    .filter((resident) => resident.birthDate <= eventDate)
    .map((resident) => memberFromResident(resident, eventDate));
}

/**
 * A registry household with the event at the counter: the input `householdSchema` accepts and the
 * guidance engine plans from.
 */
export function householdToGuidanceInput(
  household: HouseholdRecord,
  event: HouseholdEvent,
): { event: HouseholdEvent; members: Member[] } {
  return { event, members: membersFromHousehold(household, event.date) };
}
