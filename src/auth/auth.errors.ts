import { refusalCodes, refusals } from "../shared/errors";

/**
 * The account lifecycle's expected refusals, each with text in locales/<lang>/auth.json
 * (`auth.<reason>`), shown on the admin pages and by the CLI.
 */
const refusalTable = {
  /** No account of this sign-in name in the municipality (the CLI names accounts by sign-in name). */
  unknownStaff: "NOT_FOUND",
  /** An administrator would lock themselves out. */
  cannotDisableSelf: "CONFLICT",
  /** Recovery codes replace the authenticator; an account without one has nothing to recover. */
  recoveryCodesNeedTotp: "CONFLICT",
} as const;

export const refuse = refusals("auth", refusalTable);

/** Every message code this table produces, for the test that each has text. */
export const authRefusalCodes: readonly string[] = refusalCodes("auth", refusalTable);
