import { AppError, refusalCodes, refusals } from "../shared/errors";

/**
 * The hand-off's expected failures, each a stable code with text in locales/<lang>/handoff.json
 * (`handoff.<reason>`): staff read them on the hand-off page, operators at start and in the CLI.
 */
const refusalTable = {
  /** "Retry now" on a delivery that is done, pending or being delivered. */
  notRetryable: "CONFLICT",
  /** HANDOFF_DESTINATIONS_FILE cannot be read or is not JSON. */
  destinationsFileUnreadable: "VALIDATION",
} as const;

export const refuse = refusals("handoff", refusalTable);

/**
 * A destinations file that does not validate: one problem per finding, each with its path in the file
 * and the validator's own words (for the operator who wrote the file).
 */
export function invalidDestinations(
  file: string,
  issues: Array<{ path: string; message: string }>,
): AppError {
  return new AppError(
    "VALIDATION",
    issues.map((issue) => ({
      path: `${file}: ${issue.path}`,
      code: "handoff.destinationInvalid",
      params: { message: issue.message },
    })),
    "handoff.destinationsInvalid",
  );
}

/** Every message code this module reports, for the test that each has text. */
export const handoffMessageCodes: readonly string[] = [
  ...refusalCodes("handoff", refusalTable),
  "handoff.destinationInvalid",
];
