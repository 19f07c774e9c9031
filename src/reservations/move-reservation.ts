import type { Db } from "../db/database";
import { formatMinute, japanTime } from "../queue/calendar";
import { takeSeat } from "./book-reservation";
import { targetOf } from "./booking-target";
import { type ReservationRow, reservationRepository } from "./reservation.repository";
import { cutoffOf, reservationOfToken } from "./reservation-access";
import { refuse } from "./reservations.errors";

/** "2026-12-08 09:30" in Japan time, for the cut-off refusal's text. */
export const japanText = (at: Date): string => {
  const t = japanTime(at);
  return `${t.date} ${formatMinute(t.minute)}`;
};

/**
 * Moves a booking to another slot of the same office and purpose, atomically: both slots are locked in
 * time order (no deadlock between two opposite moves), the new one must have a seat, and the old seat is
 * given back in the same transaction. The calendar file's SEQUENCE goes up.
 */
export async function moveReservation(
  db: Db,
  options: { token: string; start: Date; now: Date },
): Promise<ReservationRow> {
  return db.transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const r = await reservationOfToken(repo, options.token, { lock: true });
    if (r.status !== "booked") throw refuse("notActive");
    const target = await targetOf(repo, r.municipalityId, r.officeId, r.purposeId);
    const rules = target?.purpose.rules;
    if (!target || !rules?.enabled) throw refuse("purposeNotBookable");
    const cutoff = cutoffOf(r.start, rules);
    if (options.now.getTime() >= cutoff.getTime()) throw refuse("afterCutoff", { cutoff: japanText(cutoff) });
    if (options.start.getTime() === r.start.getTime()) return r;
    for (const s of [r.start, options.start].sort((a, b) => a.getTime() - b.getTime()))
      await repo.lockSlot(r.municipalityId, r.purposeId, s);
    const { end } = await takeSeat(
      repo,
      { office: target.office, purpose: { ...target.purpose, rules } },
      options.start,
      options.now,
      r.id,
    );
    return repo.update(r.id, {
      start: options.start,
      end,
      sequence: r.sequence + 1,
      reminderKey: null,
      remindedAt: null,
      updatedAt: options.now,
    });
  });
}
