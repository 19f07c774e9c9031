import { type ErrorCode, refusalCodes, refusals } from "../shared/errors";

/**
 * The pre-application's expected refusals: each a stable code `preapply.<reason>` (the message id in
 * locales/<lang>/preapply.json) and the generic class that decides its HTTP status. The clerk is told
 * which of unknown, expired, used or withdrawn a code is — never whose it is.
 */
const table = {
  /** The field holds neither a QR's token nor a short code. */
  codeUnreadable: "VALIDATION",
  /** No pre-application of this municipality has this code (also another municipality's). */
  codeUnknown: "NOT_FOUND",
  /** params: expiresAt (ISO date). */
  codeExpired: "CONFLICT",
  codeUsed: "CONFLICT",
  codeWithdrawn: "CONFLICT",
  /** A code is taken at reception, before the identity check. */
  notAtReception: "CONFLICT",
  /** The municipality named is none this service serves. */
  municipalityUnknown: "VALIDATION",
  /** params: max (bytes). */
  householdTooLarge: "PAYLOAD_TOO_LARGE",
  /** The resident's entry can no longer be withdrawn (used, expired or already withdrawn). */
  notWithdrawable: "CONFLICT",
} as const satisfies Record<string, ErrorCode>;

export type PreApplyRefusal = keyof typeof table;

export const refuse = refusals("preapply", table);

export const preapplyRefusalCodes: readonly string[] = refusalCodes("preapply", table);
