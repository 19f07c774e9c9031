import { createHash, randomInt } from "node:crypto";
import type { DbOrTx } from "../db/database";
import { refuse } from "./auth.errors";
import { recoveryCodeRepository } from "./recovery-code.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

export const RECOVERY_CODE_COUNT = 10;

// 32 symbols without look-alikes (0/O, 1/I): 16 of them are 80 random bits.
const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 16;

/** A new code as shown to its owner: four groups of four, e.g. "K7QM-2XWD-H9PA-RT3E". */
export function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += alphabet[randomInt(alphabet.length)];
  return code.match(/.{4}/g)?.join("-") ?? code;
}

/** A typed code in its canonical form (upper case, no spaces or dashes), or null if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.normalize("NFKC").toUpperCase().replace(/[\s-]/g, "");
  return code.length === CODE_LENGTH && [...code].every((ch) => alphabet.includes(ch)) ? code : null;
}

/**
 * SHA-256 rather than argon2: a code is 80 random bits, so no dictionary or brute force reaches it
 * from its hash, and a plain hash lets one UPDATE find and spend it atomically.
 */
export const hashRecoveryCode = (canonical: string): string =>
  createHash("sha256").update(`madoguchi-recovery:${canonical}`).digest("hex");

export type CreateRecoveryCodesOptions = StaffActionOptions;

/**
 * Makes a new set of ten codes for an account with TOTP, replacing any earlier set, and returns them
 * once; only their hashes are kept. Each code stands in for one TOTP code at sign-in.
 */
export function createRecoveryCodes(db: DbOrTx, options: CreateRecoveryCodesOptions): Promise<string[]> {
  return runStaffAction(db, "auth.recovery-codes.create", options, async (tx, member) => {
    if (!member.totpEnabled) throw refuse("recoveryCodesNeedTotp");
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = codes.map((code) => hashRecoveryCode(normaliseRecoveryCode(code) ?? code));
    await recoveryCodeRepository(tx).replace(options.municipalityId, member.id, hashes);
    return { result: codes, detail: { count: codes.length } };
  });
}
