import { createEvent } from "ics";
import type { ReservationRow } from "./reservation.repository";

export interface CalendarText {
  /** The event's title: the purpose and the office, in the reservation's language. */
  title: string;
  /** Where: the office's name. */
  location: string;
  /** What to do on the day (check in at the kiosk with the code). */
  description: string;
}

/**
 * The reservation as an RFC 5545 calendar file: times in UTC, one UID per reservation for its whole
 * life, SEQUENCE raised on every move and on cancelling (STATUS:CANCELLED), and no personal data —
 * no name, phone, e-mail or manage link, only the purpose, the office and the check-in code.
 */
export function calendarFile(
  r: Pick<ReservationRow, "id" | "start" | "end" | "status" | "sequence">,
  text: CalendarText,
): string {
  const { error, value } = createEvent({
    productId: "madoguchi/reservations",
    uid: `${r.id}@madoguchi`,
    sequence: r.sequence,
    start: r.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: r.end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: text.title,
    location: text.location,
    description: text.description,
    status: r.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: r.status === "cancelled" ? "FREE" : "BUSY",
  });
  if (error || !value) throw error ?? new Error("calendar file not made");
  return value;
}
