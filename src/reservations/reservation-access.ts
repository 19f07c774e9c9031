import type { ReservationRepository, ReservationRow } from "./reservation.repository";
import { hashToken, TOKEN_PATTERN } from "./reservation.schema";
import { refuse } from "./reservations.errors";
import type { SlotRules } from "./slot-rules";

/** The reservation of a manage token, locked when in a transaction that changes it. */
export async function reservationOfToken(
  repo: ReservationRepository,
  token: string,
  options: { lock?: boolean } = {},
): Promise<ReservationRow> {
  if (!TOKEN_PATTERN.test(token)) throw refuse("tokenInvalid");
  const found = await repo.findByTokenHash(hashToken(token));
  if (!found) throw refuse("tokenInvalid");
  if (!options.lock) return found;
  const locked = await repo.lock(found.id);
  if (!locked) throw refuse("tokenInvalid");
  return locked;
}

/** The last instant a booking may be moved or cancelled. */
export const cutoffOf = (start: Date, rules: Pick<SlotRules, "cancelCutoffHours">): Date =>
  new Date(start.getTime() - rules.cancelCutoffHours * 3_600_000);

/** A held seat whose hold has run out no longer counts. */
export const holdLapsed = (r: ReservationRow, now: Date): boolean =>
  r.status === "held" && (r.holdExpiresAt === null || r.holdExpiresAt.getTime() <= now.getTime());

/** What a resident may still do with a reservation now. */
export function allowedActions(r: ReservationRow, rules: SlotRules | undefined, now: Date) {
  const beforeCutoff = rules ? now.getTime() < cutoffOf(r.start, rules).getTime() : false;
  const checkInFrom = rules
    ? r.start.getTime() - rules.checkInEarlyMinutes * 60_000
    : Number.POSITIVE_INFINITY;
  const checkInTo = rules ? r.start.getTime() + rules.graceMinutes * 60_000 : 0;
  return {
    // A lapsed hold may still be confirmed: the seat is taken again if it is still free.
    confirm: r.status === "held",
    move: r.status === "booked" && beforeCutoff,
    cancel: r.status === "held" || (r.status === "booked" && beforeCutoff),
    checkIn: r.status === "booked" && now.getTime() >= checkInFrom && now.getTime() <= checkInTo,
    calendar: r.status === "booked" || r.status === "cancelled" || r.status === "checked_in",
  };
}
