import type { DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { generatePassword, hashPassword } from "./password";
import { sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

export interface ResetPasswordOptions extends StaffActionOptions {
  /** When absent a random one-time password is made and returned once; it is never stored in clear. */
  password?: string;
}

/**
 * Sets a new password (argon2id) and ends the account's sessions, so whoever knew the old one is out.
 * The owner must replace it at the next sign-in (the "password-change" stage, `changePassword`).
 * The hash is computed before the transaction; the lock-out is left as it is (`unlockStaff` clears it).
 */
export async function resetPassword(
  db: DbOrTx,
  options: ResetPasswordOptions,
): Promise<{ username: string; password: string; sessionsEnded: number }> {
  if (options.password !== undefined && options.password.length < 12) {
    throw new AppError("VALIDATION", [{ path: "password", code: "auth.passwordTooShort" }]);
  }
  const password = options.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return runStaffAction(db, "staff.reset-password", options, async (tx, member) => {
    await staffRepository(tx).setPasswordHash(options.municipalityId, member.id, passwordHash, true);
    const sessionsEnded = await sessionRepository(tx).deleteForStaff(options.municipalityId, member.id);
    return {
      result: { username: member.username, password, sessionsEnded },
      detail: { generated: options.password === undefined, sessionsEnded },
    };
  });
}
