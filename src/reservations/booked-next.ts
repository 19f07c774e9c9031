import type { DbOrTx } from "../db/database";
import { japanTime } from "../queue/calendar";
import type { LocaleMap } from "../shared/locale";
import { reservationMark } from "./check-in-reservation";
import { reservationRepository } from "./reservation.repository";
import { addDaysIso, japanInstant } from "./slots";

/** A booking the counter will see soon: its slot, purpose, and its ticket's mark once checked in. */
export interface BookedNextItem {
  start: Date;
  end: Date;
  purpose: LocaleMap;
  /** "R-123" once checked in; null while not arrived yet. */
  mark: string | null;
}

/**
 * The office's next bookings today (from 15 minutes ago, so a late arrival still shows), for the
 * counter screen. No names: the counter learns who it is when the ticket is called.
 */
export async function bookedNext(
  db: DbOrTx,
  p: { municipalityId: string; officeId: string; now: Date; limit?: number },
): Promise<BookedNextItem[]> {
  const repo = reservationRepository(db);
  const today = japanTime(p.now).date;
  const rows = await repo.listForOffice({
    municipalityId: p.municipalityId,
    officeId: p.officeId,
    from: new Date(p.now.getTime() - 15 * 60_000),
    to: japanInstant(addDaysIso(today, 1), 0),
    statuses: ["booked", "checked_in"],
    limit: p.limit ?? 5,
  });
  if (rows.length === 0) return [];
  const purposes = new Map(
    (await repo.listPurposes(p.municipalityId, p.officeId)).map((x) => [x.purposeId, x.labels]),
  );
  const numbers = await repo.ticketNumbers(
    p.municipalityId,
    rows.flatMap((r) => (r.status === "checked_in" && r.ticketId ? [r.ticketId] : [])),
  );
  return rows.map((r) => {
    const number = r.ticketId ? numbers.get(r.ticketId) : undefined;
    return {
      start: r.start,
      end: r.end,
      purpose: purposes.get(r.purposeId) ?? { ja: "" },
      mark: number === undefined ? null : reservationMark(number),
    };
  });
}
