import { AppError, type ErrorCode, refusalCodes, refusals } from "../shared/errors";

/**
 * The queue's expected refusals: each reason is a stable code `queue.<reason>` (the message id in
 * locales/<lang>/queue.json) and the generic class that decides its HTTP status. The kiosk, phone and
 * counter pages show the same text in place; the one error mapper answers everything else.
 *
 * Parameters are plain values or locale maps (a holiday's name); `why` and `status` are select keys
 * that each catalogue words in its own language.
 */
const table = {
  /** params: why (holiday | yearEnd | weekday | local), name (the holiday's LocaleMap, for holiday). */
  closedDay: "CONFLICT",
  /** params: opens, closes ("08:30"). */
  outsideHours: "CONFLICT",
  /** params: purpose (the purpose's LocaleMap). */
  bandExhausted: "CONFLICT",
  nothingWaiting: "CONFLICT",
  /** params: number. */
  ticketFinished: "CONFLICT",
  /** params: number, status (a ticket status). */
  invalidTransition: "CONFLICT",
  /** params: number. */
  counterBusy: "CONFLICT",
  /** params: number. */
  otherCounter: "CONFLICT",
  noCounter: "CONFLICT",
  tokenInvalid: "NOT_FOUND",
  tokenExpired: "NOT_FOUND",
  /** The office lets only its registered kiosk devices issue tickets, and this browser is none. */
  kioskDeviceRequired: "FORBIDDEN",
  /** params: max. */
  pauseReasonRequired: "VALIDATION",
  transferTargetRequired: "VALIDATION",
} as const satisfies Record<string, ErrorCode>;

export type RefusalReason = keyof typeof table;

/** `refuse("ticketFinished", { number: "100" })` → AppError CONFLICT with reason "queue.ticketFinished". */
export const refuse = refusals("queue", table);

/** Every code the queue refuses with, for the test that each has text in every catalogue it must. */
export const queueRefusalCodes: readonly string[] = refusalCodes("queue", table);

/** Whether an error is one of the queue's refusals (optionally a given one). */
export function isQueueRefusal(error: unknown, reason?: RefusalReason): error is AppError {
  if (!(error instanceof AppError) || typeof error.reason !== "string") return false;
  return reason ? error.reason === `queue.${reason}` : error.reason.startsWith("queue.");
}

/**
 * `error instanceof QueueRefusal` for callers written before refusals became a table
 * (src/kpi/simulate-demo.ts); new code uses isQueueRefusal.
 */
export const QueueRefusal: { [Symbol.hasInstance](value: unknown): value is AppError } = {
  [Symbol.hasInstance]: (value: unknown): value is AppError => isQueueRefusal(value),
};
