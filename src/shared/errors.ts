/**
 * Expected failures carry a stable code; the web layer's one mapper (src/web/error-mapper.ts) turns a
 * code into a status and text written for people. Modules throw these, never HTTP statuses.
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
  ja: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problems: Problem[] = [],
  ) {
    super(problems.length > 0 ? problems.map((p) => `${p.path}: ${p.en}`).join("; ") : code);
    this.name = "AppError";
  }
}

export const notFound = (): AppError => new AppError("NOT_FOUND");
