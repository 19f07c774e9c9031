import { AppError, type ErrorCode, type Problem, refusalCodes, refusals } from "../shared/errors";

/**
 * The manual's expected refusals: each reason a stable code `manual.<reason>` and a message in
 * locales/<lang>/manual.json. The parser's problems (manual.badField, manual.unknownSection …) travel
 * inside `invalidEntry` as they are, each with its place in the file.
 */
const table = {
  entryNotFound: "NOT_FOUND",
  versionNotFound: "NOT_FOUND",
  /** The two-person rule: the author of a change cannot approve it. */
  ownChange: "FORBIDDEN",
  /** params: status. */
  notPending: "CONFLICT",
  /** params: id (the id the source gives), expected. */
  idChanged: "VALIDATION",
  entryExists: "CONFLICT",
  unchanged: "CONFLICT",
  invalidEntry: "VALIDATION",
  /** params: municipality. */
  municipalityUnknown: "NOT_FOUND",
} as const satisfies Record<string, ErrorCode>;

export type ManualRefusal = keyof typeof table;

export const refuse = refusals("manual", table);

/** A source the parser refused: its problems as they are (each a manual.* code with its place). */
export const invalidEntry = (problems: Problem[]): AppError =>
  new AppError("VALIDATION", problems, "manual.invalidEntry");

/** The parser's codes, which have text in the catalogues as well. */
export const parserCodes = [
  "manual.tooLarge",
  "manual.noFrontMatter",
  "manual.badYaml",
  "manual.badField",
  "manual.idMismatch",
  "manual.unknownProcedure",
  "manual.procedureMissing",
  "manual.unknownSection",
  "manual.duplicateSection",
  "manual.textOutsideSection",
  "manual.sectionMissing",
  "manual.duplicateId",
  "manual.badDate",
  "manual.badId",
] as const;

export const manualRefusalCodes: readonly string[] = [...refusalCodes("manual", table), ...parserCodes];

export function isManualRefusal(error: unknown): error is AppError {
  return error instanceof AppError && typeof error.reason === "string" && error.reason.startsWith("manual.");
}
