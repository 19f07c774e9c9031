import { AppError, type ErrorCode, refusalCodes, refusals } from "../shared/errors";

/**
 * Reservations' expected refusals: each reason is a stable code `reservations.<reason>` (the message
 * id in locales/<lang>/reservations.json) and the generic class that decides its HTTP status.
 */
const table = {
  /** The slot has no seat left. */
  slotFull: "CONFLICT",
  /** The slot starts before the lead time (or has passed). */
  slotPast: "CONFLICT",
  /** The time is not a slot of this office and purpose (a closed day, outside hours, off the grid). */
  slotNotOffered: "VALIDATION",
  unknownOffice: "VALIDATION",
  unknownPurpose: "VALIDATION",
  /** The purpose takes no bookings. */
  purposeNotBookable: "VALIDATION",
  /** The 10-minute hold ran out and the seat was taken meanwhile. */
  holdExpired: "CONFLICT",
  /** params: cutoff (a date and time text) — too late to move or cancel. */
  afterCutoff: "CONFLICT",
  /** The reservation was cancelled, used or missed. */
  notActive: "CONFLICT",
  tokenInvalid: "NOT_FOUND",
  codeUnknown: "NOT_FOUND",
  /** params: opens ("09:30") — check-in opens later. */
  checkInTooEarly: "CONFLICT",
  /** The reservation is for another office. */
  checkInOtherOffice: "CONFLICT",
  /** params: number — checked in already, with this ticket. */
  alreadyCheckedIn: "CONFLICT",
  /** The reservation is not yet confirmed (held only). */
  notConfirmed: "CONFLICT",
} as const satisfies Record<string, ErrorCode>;

export type ReservationRefusal = keyof typeof table;

export const refuse = refusals("reservations", table);

export const reservationRefusalCodes: readonly string[] = refusalCodes("reservations", table);

export function isReservationRefusal(error: unknown): error is AppError {
  return (
    error instanceof AppError && typeof error.reason === "string" && error.reason.startsWith("reservations.")
  );
}
