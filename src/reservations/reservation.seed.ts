import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { reservationRepository } from "./reservation.repository";
import { reservationRules } from "./reservation.table";
import { defaultSlotRules, type SlotRules } from "./slot-rules";

/**
 * The demo's booking rules by purpose code: the one-stop purposes take bookings (moving in 30-minute
 * slots, one seat on Mondays, the walk-in peak; a bereavement an hour, one seat), moving out in
 * 15-minute slots with half the seats kept for walk-ins; certificates stay walk-in only.
 */
export const demoRules: Record<string, SlotRules> = {
  move: { ...defaultSlotRules },
  bereavement: {
    ...defaultSlotRules,
    startMinute: 9 * 60,
    endMinute: 16 * 60,
    slotMinutes: 60,
    capacityByWeekday: [0, 1, 1, 1, 1, 1, 0],
  },
  moveout: {
    ...defaultSlotRules,
    slotMinutes: 15,
    capacityByWeekday: [0, 2, 2, 2, 2, 2, 0],
    walkInSharePercent: 50,
    cancelCutoffHours: 2,
  },
  certificate: { ...defaultSlotRules, enabled: false },
};

/**
 * Writes version 1 of the demo rules for every office purpose of a municipality that has none yet;
 * a municipality with any rules is left alone (one indexed query).
 */
export async function seedReservationRules(
  db: DbOrTx,
  municipalityId: string,
  rulesByCode: Record<string, SlotRules> = demoRules,
  now: Date = new Date(),
): Promise<number> {
  const [any] = await db
    .select({ id: reservationRules.id })
    .from(reservationRules)
    .where(eq(reservationRules.municipalityId, municipalityId))
    .limit(1);
  if (any) return 0;
  const repo = reservationRepository(db);
  let written = 0;
  for (const office of await repo.listOffices(municipalityId)) {
    for (const purpose of await repo.listPurposes(municipalityId, office.officeId)) {
      const rules = rulesByCode[purpose.code];
      if (!rules) continue;
      await repo.insertRules({
        municipalityId,
        officeId: office.officeId,
        purposeId: purpose.purposeId,
        version: 1,
        rules,
        createdBy: null,
        createdAt: now,
      });
      written++;
    }
  }
  return written;
}
