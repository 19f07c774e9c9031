import type { Db } from "../db/database";
import { targetOf } from "./booking-target";
import { japanText } from "./move-reservation";
import { type ReservationRow, reservationRepository } from "./reservation.repository";
import { cutoffOf, reservationOfToken } from "./reservation-access";
import { refuse } from "./reservations.errors";

/**
 * Cancels a booking until the cut-off (a hold at any time): the seat is free at once, and the calendar
 * file turns to STATUS:CANCELLED with a higher SEQUENCE. Cancelling twice is not an error.
 */
export async function cancelReservation(
  db: Db,
  options: { token: string; now: Date },
): Promise<ReservationRow> {
  return db.transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const r = await reservationOfToken(repo, options.token, { lock: true });
    if (r.status === "cancelled") return r;
    if (r.status !== "booked" && r.status !== "held") throw refuse("notActive");
    if (r.status === "booked") {
      const rules = (await targetOf(repo, r.municipalityId, r.officeId, r.purposeId))?.purpose.rules;
      const cutoff = rules ? cutoffOf(r.start, rules) : r.start;
      if (options.now.getTime() >= cutoff.getTime())
        throw refuse("afterCutoff", { cutoff: japanText(cutoff) });
    }
    return repo.update(r.id, {
      status: "cancelled",
      cancelledAt: options.now,
      holdExpiresAt: null,
      sequence: r.sequence + 1,
      updatedAt: options.now,
    });
  });
}
