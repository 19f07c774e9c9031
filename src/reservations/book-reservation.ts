import type { Db, DbOrTx } from "../db/database";
import { DEFAULT_LOCALE, type Locale } from "../shared/locale";
import { type BookingTarget, resolveTarget } from "./booking-target";
import { preApplicationToLink } from "./link-pre-application";
import {
  type ReservationRepository,
  type ReservationRow,
  reservationRepository,
} from "./reservation.repository";
import { hashToken, newCode, newToken, type Person } from "./reservation.schema";
import { refuse } from "./reservations.errors";
import { slotAt } from "./slots";

/** A provisional hold lasts 10 minutes (e-tumo's): long enough to type a name, short enough to free the seat. */
export const HOLD_MINUTES = 10;

export interface BookReservationOptions {
  municipalityId: string;
  officeCode: string;
  purposeCode: string;
  start: Date;
  /** Without a person the seat is held for HOLD_MINUTES, to be confirmed with a name. */
  person?: Person;
  lang?: Locale;
  /** A submitted pre-application's short code or link, as typed (a booking with a person only). */
  preApplication?: string;
  now: Date;
}

export interface BookedReservation {
  reservation: ReservationRow;
  /** The manage link's token, shown once: only its hash is stored. */
  token: string;
  target: BookingTarget;
}

/**
 * Takes a seat of a slot under the slot's lock: the slot must be offered and not past, and the seats
 * taken (bookings, check-ins, live holds) are counted with the lock held, so concurrent bookings of the
 * last seat queue on the lock and all but one are refused as full. The rules are those current in the
 * same transaction.
 */
export async function takeSeat(
  repo: ReservationRepository,
  target: BookingTarget,
  start: Date,
  now: Date,
  exceptId?: string,
): Promise<{ end: Date }> {
  const { rules } = target.purpose;
  const slot = slotAt(rules, target.office.hours, start, now);
  if (!slot.ok)
    throw slot.why === "past"
      ? refuse("slotPast", undefined, "start")
      : refuse("slotNotOffered", undefined, "start");
  await repo.lockSlot(target.office.municipalityId, target.purpose.purposeId, start);
  const taken = await repo.countTaken(target.purpose.purposeId, start, now, exceptId);
  if (taken >= slot.seats) throw refuse("slotFull", undefined, "start");
  return { end: slot.end };
}

async function freshCode(repo: ReservationRepository): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const code = newCode();
    if (!(await repo.codeExists(code))) return code;
  }
  throw new Error("no free reservation code after 8 tries");
}

/** Books (with a person) or holds (without) a seat, in one transaction. */
export async function bookReservation(
  db: Db | DbOrTx,
  options: BookReservationOptions,
): Promise<BookedReservation> {
  return (db as Db).transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const target = await resolveTarget(repo, options.municipalityId, options.officeCode, options.purposeCode);
    // Checked before the seat is taken: a refused code leaves the slot as it was (the transaction).
    const preApplicationId =
      options.person && options.preApplication
        ? await preApplicationToLink(tx, options.municipalityId, options.preApplication, options.now)
        : null;
    const { end } = await takeSeat(repo, target, options.start, options.now);
    const token = newToken();
    const person = options.person;
    const reservation = await repo.insert({
      municipalityId: options.municipalityId,
      officeId: target.office.officeId,
      purposeId: target.purpose.purposeId,
      code: await freshCode(repo),
      status: person ? "booked" : "held",
      start: options.start,
      end,
      holdExpiresAt: person ? null : new Date(options.now.getTime() + HOLD_MINUTES * 60_000),
      name: person?.name ?? null,
      kana: person?.kana ?? null,
      phone: person?.phone ?? null,
      email: person?.email ?? null,
      preApplicationId,
      lang: options.lang ?? DEFAULT_LOCALE,
      tokenHash: hashToken(token),
      createdAt: options.now,
      updatedAt: options.now,
    });
    return { reservation, token, target };
  });
}
