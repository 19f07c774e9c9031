import type { BookingOffice, BookingPurpose, ReservationRepository } from "./reservation.repository";
import { refuse } from "./reservations.errors";
import type { SlotRules } from "./slot-rules";

export interface BookingTarget {
  office: BookingOffice;
  purpose: BookingPurpose & { rules: SlotRules };
}

/** The office and purpose by their codes, with bookable rules, or the refusal that names which is wrong. */
export async function resolveTarget(
  repo: ReservationRepository,
  municipalityId: string,
  officeCode: string,
  purposeCode: string,
): Promise<BookingTarget> {
  const found = await repo.findTarget(municipalityId, officeCode, purposeCode);
  if (!found) throw refuse("unknownOffice", undefined, "office");
  const { office, purpose } = found;
  if (!purpose) throw refuse("unknownPurpose", undefined, "purpose");
  const rules = purpose.rules;
  if (!rules?.enabled) throw refuse("purposeNotBookable", undefined, "purpose");
  return { office, purpose: { ...purpose, rules } };
}

/** The same by ids (a reservation's own office and purpose). */
export async function targetOf(
  repo: ReservationRepository,
  municipalityId: string,
  officeId: string,
  purposeId: string,
): Promise<{ office: BookingOffice; purpose: BookingPurpose } | undefined> {
  const office = await repo.findOfficeById(municipalityId, officeId);
  if (!office) return undefined;
  const purpose = (await repo.listPurposes(municipalityId, officeId)).find((p) => p.purposeId === purposeId);
  return purpose ? { office, purpose } : undefined;
}
