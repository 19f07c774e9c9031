import type { MessageParams } from "./locale";

/**
 * Expected failures carry a stable code; the web layer's one mapper (src/web/error-mapper.ts) turns a
 * code into a status, and the catalogues (locales/) turn each problem's message code into text for
 * people. Modules throw these, never HTTP statuses and never sentences.
 */
export const errorCodes = [
  "NOT_FOUND",
  "VALIDATION",
  "MALFORMED_JSON",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHENTICATED",
  "SESSION_EXPIRED",
  "FORBIDDEN",
  "CSRF",
  "CONFLICT",
  "DATABASE_UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface Problem {
  /** Where the problem is: a field path such as "members[1].birthDate", or "" for the whole input. */
  path: string;
  /** A message id in the catalogues ("queue.refusalClosedDay", "common.requiredField"). */
  code: string;
  params?: MessageParams;
}

export class AppError extends Error {
  /**
   * @param code the generic class of failure, which decides the HTTP status
   * @param problems what is wrong, each as a message code
   * @param reason the stable, specific code a client can match ("visits.notSigned"); by default the
   *   code of the only problem, if there is one
   */
  constructor(
    readonly code: ErrorCode,
    readonly problems: Problem[] = [],
    readonly reason: string | undefined = problems.length === 1 ? problems[0]?.code : undefined,
  ) {
    super(problems.length > 0 ? problems.map((p) => `${p.path}: ${p.code}`).join("; ") : code);
    this.name = "AppError";
  }
}

export const notFound = (): AppError => new AppError("NOT_FOUND");

/**
 * A module's expected refusals as one table: each reason has the generic code that decides its status
 * and a message id `<module>.<reason>` in locales/<lang>/<module>.json (the module's `*.errors.ts`
 * declares the table; see src/queue/queue.errors.ts).
 *
 *   const refuse = refusals("visits", { notSigned: "CONFLICT" });
 *   throw refuse("notSigned");            // AppError CONFLICT, reason "visits.notSigned"
 */
export function refusals<const R extends string>(module: string, table: Record<R, ErrorCode>) {
  return (reason: R, params?: MessageParams, path = ""): AppError =>
    new AppError(table[reason], [{ path, code: `${module}.${reason}`, ...(params ? { params } : {}) }]);
}

/** Every message code a refusal table can produce, for the test that each has text in Japanese. */
export const refusalCodes = (module: string, table: Record<string, ErrorCode>): string[] =>
  Object.keys(table).map((reason) => `${module}.${reason}`);
