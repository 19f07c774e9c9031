import type { Db } from "../db/database";
import { formatMinute, japanTime } from "../queue/calendar";
import { type IssuedTicket, issueTicket } from "../queue/issue-ticket";
import { targetOf } from "./booking-target";
import {
  type ReservationRepository,
  type ReservationRow,
  reservationRepository,
} from "./reservation.repository";
import { CODE_PATTERN, normaliseCode } from "./reservation.schema";
import { reservationOfToken } from "./reservation-access";
import { refuse } from "./reservations.errors";

export interface CheckInOptions {
  /** The code typed or scanned at the kiosk, or the manage link's token on a phone. */
  code?: string;
  token?: string;
  /** At a kiosk: the kiosk's office (a reservation of another office is refused). */
  officeId?: string;
  now: Date;
}

export interface CheckedIn {
  reservation: ReservationRow;
  issued: IssuedTicket;
  /** Arrived after the grace period: the ticket is a walk-in's. */
  late: boolean;
  /** The mark shown beside the number for a reservation ("R-123"); null for a late arrival. */
  mark: string | null;
}

/** "R-123": a reservation's ticket number as the kiosk, the phone and the counter show it. */
export const reservationMark = (number: number): string => `R-${String(number).padStart(3, "0")}`;

async function locked(repo: ReservationRepository, options: CheckInOptions): Promise<ReservationRow> {
  if (options.token) return reservationOfToken(repo, options.token, { lock: true });
  const code = normaliseCode(options.code ?? "");
  if (!CODE_PATTERN.test(code)) throw refuse("codeUnknown", undefined, "code");
  const found = await repo.findByCode(code);
  const row = found ? await repo.lock(found.id) : undefined;
  if (!row) throw refuse("codeUnknown", undefined, "code");
  return row;
}

/**
 * Checks a reservation in, within its window (from `checkInEarlyMinutes` before the slot): a ticket of
 * its purpose through the queue's own issueTicket, in the same transaction. On time (up to the grace
 * period after the start) it is a reservation ticket that waits from its slot's start, so the call order
 * weighs its slot time against walk-ins' arrival; later it is a walk-in's ticket waiting from now.
 */
export async function checkInReservation(db: Db, options: CheckInOptions): Promise<CheckedIn> {
  return db.transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const r = await locked(repo, options);
    if (options.officeId && options.officeId !== r.officeId) throw refuse("checkInOtherOffice");
    if (r.status === "checked_in" || r.status === "walk_in") throw refuse("alreadyCheckedIn");
    if (r.status === "held") throw refuse("notConfirmed");
    if (r.status !== "booked") throw refuse("notActive");
    const rules = (await targetOf(repo, r.municipalityId, r.officeId, r.purposeId))?.purpose.rules;
    const early = rules?.checkInEarlyMinutes ?? 30;
    const grace = rules?.graceMinutes ?? 10;
    const opens = new Date(r.start.getTime() - early * 60_000);
    if (options.now.getTime() < opens.getTime()) {
      const t = japanTime(opens);
      throw refuse("checkInTooEarly", { opens: formatMinute(t.minute), date: t.date });
    }
    const late = options.now.getTime() > r.start.getTime() + grace * 60_000;
    // issueTicket runs in a savepoint of this transaction: the ticket and the check-in commit together.
    const issued = await issueTicket(tx as unknown as Db, {
      municipalityId: r.municipalityId,
      officeId: r.officeId,
      purposeId: r.purposeId,
      kind: late ? "normal" : "reservation",
      lang: r.lang,
      // On time, it waits from its slot's start: its place on the receipt is counted from then too.
      waitingSince: late ? undefined : r.start,
      now: options.now,
    });
    const reservation = await repo.update(r.id, {
      status: late ? "walk_in" : "checked_in",
      ticketId: issued.ticket.id,
      checkedInAt: options.now,
      updatedAt: options.now,
    });
    return { reservation, issued, late, mark: late ? null : reservationMark(issued.ticket.number) };
  });
}
