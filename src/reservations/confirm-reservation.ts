import type { Db } from "../db/database";
import { takeSeat } from "./book-reservation";
import { targetOf } from "./booking-target";
import { preApplicationToLink } from "./link-pre-application";
import { type ReservationRow, reservationRepository } from "./reservation.repository";
import type { Person } from "./reservation.schema";
import { holdLapsed, reservationOfToken } from "./reservation-access";
import { refuse } from "./reservations.errors";

/**
 * Turns a held seat into a booking with the person's name (and contact). A hold that has run out is
 * confirmed only if its seat is still free, taken again under the slot's lock.
 */
export async function confirmReservation(
  db: Db,
  options: {
    token: string;
    person: Person;
    /** A pre-application's short code or link, as typed (optional): stored as a reference only. */
    preApplication?: string | undefined;
    now: Date;
  },
): Promise<ReservationRow> {
  return db.transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const r = await reservationOfToken(repo, options.token, { lock: true });
    if (r.status === "booked") return r;
    if (r.status !== "held") throw refuse("notActive");
    const typed = options.preApplication?.trim();
    const preApplicationId = typed
      ? await preApplicationToLink(tx, r.municipalityId, typed, options.now)
      : null;
    if (holdLapsed(r, options.now)) {
      const target = await targetOf(repo, r.municipalityId, r.officeId, r.purposeId);
      const rules = target?.purpose.rules;
      if (!target || !rules?.enabled) throw refuse("holdExpired");
      try {
        await takeSeat(
          repo,
          { office: target.office, purpose: { ...target.purpose, rules } },
          r.start,
          options.now,
          r.id,
        );
      } catch {
        throw refuse("holdExpired");
      }
    }
    return repo.update(r.id, {
      status: "booked",
      holdExpiresAt: null,
      name: options.person.name,
      kana: options.person.kana ?? null,
      phone: options.person.phone ?? null,
      email: options.person.email ?? null,
      preApplicationId,
      updatedAt: options.now,
    });
  });
}
