import type { DbOrTx } from "../db/database";
import { resolveTarget } from "./booking-target";
import { reservationRepository } from "./reservation.repository";
import { addDaysIso, computeSlots, japanInstant, type Slot } from "./slots";

export interface ListSlotsOptions {
  municipalityId: string;
  officeCode: string;
  purposeCode: string;
  from: string;
  days: number;
  now: Date;
  includeFull?: boolean;
}

/** The slots of an office's purpose over some days with the seats left: one query for the seats taken. */
export async function listSlots(db: DbOrTx, options: ListSlotsOptions): Promise<Slot[]> {
  const repo = reservationRepository(db);
  const { purpose, office } = await resolveTarget(
    repo,
    options.municipalityId,
    options.officeCode,
    options.purposeCode,
  );
  const taken = await repo.takenBetween(
    purpose.purposeId,
    japanInstant(options.from, 0),
    japanInstant(addDaysIso(options.from, options.days), 0),
    options.now,
  );
  return computeSlots({
    rules: purpose.rules,
    hours: office.hours,
    from: options.from,
    days: options.days,
    now: options.now,
    taken,
    includeFull: options.includeFull ?? true,
  });
}
