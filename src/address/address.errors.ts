import { type ErrorCode, refusalCodes, refusals } from "../shared/errors";

/**
 * The address module's refusals: a code that is not a code at all (422, with the field it came from) and a
 * well-formed code that the data does not have (404). Each reason is a message id `address.<reason>`.
 */
const table = {
  postalCodeMalformed: "VALIDATION",
  /** params: postalCode ("860-0000"). */
  postalCodeUnknown: "NOT_FOUND",
  bankCodeMalformed: "VALIDATION",
  /** params: bankCode. */
  bankUnknown: "NOT_FOUND",
  branchCodeMalformed: "VALIDATION",
  /** params: bank (its name), branchCode. */
  branchUnknown: "NOT_FOUND",
} as const satisfies Record<string, ErrorCode>;

export type AddressRefusal = keyof typeof table;

export const refuse = refusals("address", table);

/** Every code this module refuses with, for the test that each has text in Japanese and English. */
export const ADDRESS_REFUSAL_CODES = refusalCodes("address", table);
