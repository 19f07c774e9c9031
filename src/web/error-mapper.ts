import type { ErrorCode, Problem } from "../shared/errors";
import { AppError } from "../shared/errors";
import type { MessageKey } from "./i18n";

export interface MappedError {
  code: ErrorCode;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 503;
  title: MessageKey;
  lead: MessageKey;
  problems: Problem[];
  /** The stable specific code ("visits.notSigned"), when the failure has one. */
  reason?: string;
}

const table: Record<ErrorCode, Omit<MappedError, "code" | "problems">> = {
  NOT_FOUND: { status: 404, title: "common.notFoundTitle", lead: "common.notFoundLead" },
  VALIDATION: { status: 422, title: "common.errorSummaryTitle", lead: "common.errorSummaryTitle" },
  MALFORMED_JSON: { status: 400, title: "common.badRequestTitle", lead: "common.badRequestLead" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "common.tooLargeTitle", lead: "common.tooLargeLead" },
  UNAUTHENTICATED: { status: 401, title: "auth.signInTitle", lead: "auth.signInLead" },
  SESSION_EXPIRED: { status: 401, title: "auth.signInTitle", lead: "auth.sessionExpired" },
  FORBIDDEN: { status: 403, title: "common.forbiddenTitle", lead: "common.forbiddenLead" },
  CSRF: { status: 403, title: "common.csrfTitle", lead: "common.csrfLead" },
  CONFLICT: { status: 409, title: "common.conflictTitle", lead: "common.conflictLead" },
  DATABASE_UNAVAILABLE: { status: 503, title: "common.dbDownTitle", lead: "common.dbDownLead" },
  INTERNAL: { status: 500, title: "common.errorTitle", lead: "common.errorLead" },
};

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
]);

/** True when an error (or any of its causes) says the database cannot be reached, not that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (typeof current !== "object") return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === "DATABASE_UNAVAILABLE") return true;
    if (typeof code === "string" && connectionErrorCodes.has(code)) return true;
    if (
      typeof message === "string" &&
      /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|PGlite is closed|Cannot use a pool after calling end/i.test(
        message,
      )
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Refusals that mean the page the person acted on no longer matches what is stored: someone saved
 * first (the optimistic lock), or the record moved on to a step where the button pressed no longer
 * applies. Each reads as "this screen is out of date", never as a problem with what was typed.
 */
const staleReasons = new Set([
  "visits.staleVersion",
  "visits.transitionRefused",
  "visits.identityAlreadyVerified",
  "visits.householdLocked",
  "visits.declineOnlyAtPlan",
  "visits.notAtInterview",
  "visits.signOnlyAtReview",
  "visits.notSigned",
  "registry.staleVersion",
]);

/** Refusals because the office is closed: a closed day or outside the hours (queue tickets). */
const closedReasons = new Set(["queue.closedDay", "queue.outsideHours"]);

/** What kind of problem a list of problems is: a stale page, a closed office, or input to correct. */
export type ProblemKind = "stale" | "closed" | "input";

export function problemKind(problems: readonly Problem[]): ProblemKind {
  if (problems.some((p) => staleReasons.has(p.code))) return "stale";
  if (problems.some((p) => closedReasons.has(p.code))) return "closed";
  return "input";
}

/** The heading of an error summary: "入力内容に問題があります" only when the input is what is wrong. */
export function summaryTitle(problems: readonly Problem[]): MessageKey {
  const kind = problemKind(problems);
  return kind === "stale"
    ? "common.staleTitle"
    : kind === "closed"
      ? "common.closedTitle"
      : "common.errorSummaryTitle";
}

/** The guidance under that heading, when the problems themselves do not say what to do. */
export function summaryLead(problems: readonly Problem[]): MessageKey | undefined {
  const kind = problemKind(problems);
  return kind === "stale" ? "common.staleLead" : kind === "closed" ? "common.closedLead" : undefined;
}

/** The one place where a failure becomes a status and text for people. */
export function mapError(error: unknown): MappedError {
  if (error instanceof AppError) {
    const lead = summaryLead(error.problems);
    // A stale page or a closed office has its own heading and guidance, whatever its generic code.
    const specific = lead ? { title: summaryTitle(error.problems), lead } : {};
    return {
      code: error.code,
      problems: error.problems,
      ...(error.reason ? { reason: error.reason } : {}),
      ...table[error.code],
      ...specific,
    };
  }
  if (isDatabaseUnavailable(error))
    return { code: "DATABASE_UNAVAILABLE", problems: [], ...table.DATABASE_UNAVAILABLE };
  return { code: "INTERNAL", problems: [], ...table.INTERNAL };
}

export function statusFor(code: ErrorCode): MappedError["status"] {
  return table[code].status;
}
