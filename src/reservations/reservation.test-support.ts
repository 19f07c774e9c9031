import type { Db } from "../db/database";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../queue/queue.seed";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { seedReservationRules } from "./reservation.seed";
import { defaultSlotRules, type SlotRules } from "./slot-rules";

/** 15-minute slots of 5 seats around the clock, checked in up to an hour early: booked and checked in at once. */
export const checkInNowRules: SlotRules = {
  ...defaultSlotRules,
  startMinute: 0,
  endMinute: 24 * 60,
  capacityByWeekday: [5, 5, 5, 5, 5, 5, 5],
  slotMinutes: 15,
  leadMinutes: 0,
  checkInEarlyMinutes: 60,
};

/**
 * Kumamoto with 中央区役所's queue open around the clock (the tests run at any hour) and its booking
 * rules: the given ones per purpose code, else the demo's.
 */
export async function seedBookableOffice(db: Db, rules?: Record<string, SlotRules>): Promise<void> {
  await seedMunicipality(db, kumamotoSeed);
  await seedQueue(db, "kumamoto", {
    officeCodes: ["chuo"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  await seedReservationRules(db, "kumamoto", rules);
}
