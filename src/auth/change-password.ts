import type { DbOrTx } from "../db/database";
import { AppError, type Problem } from "../shared/errors";
import { auditRepository } from "./audit.repository";
import { hashPassword, verifyPassword } from "./password";
import { type SessionContext, startSession } from "./session";
import { sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";

export interface ChangePasswordOptions {
  /** A session at the "password-change" stage: its owner signed in with a password an admin set. */
  session: SessionContext;
  password: string;
  confirmation: string;
  now: Date;
  idleMinutes: number;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * The owner of a reset password chooses their own: at least 12 characters, typed twice, not the one
 * they were given. The new hash, the cleared flag, a new "active" session in place of this one and the
 * audit entry are one transaction; the hash is computed before it.
 */
export async function changePassword(db: DbOrTx, options: ChangePasswordOptions): Promise<{ token: string }> {
  const { session } = options;
  const member = await staffRepository(db).findById(session.municipalityId, session.staff.id);
  if (!member || member.disabled) throw new AppError("UNAUTHENTICATED");
  const problems: Problem[] = [];
  if (options.password.length < 12) problems.push({ path: "password", code: "auth.passwordTooShort" });
  else if (options.password !== options.confirmation)
    problems.push({ path: "confirmation", code: "auth.passwordsDiffer" });
  else if (await verifyPassword(member.passwordHash, options.password))
    problems.push({ path: "password", code: "auth.passwordSameAsGiven" });
  if (problems.length > 0) throw new AppError("VALIDATION", problems);
  const passwordHash = await hashPassword(options.password);
  return db.transaction(async (tx) => {
    await staffRepository(tx).setPasswordHash(session.municipalityId, member.id, passwordHash, false);
    await sessionRepository(tx).delete(session.idHash);
    const token = await startSession(tx, {
      municipalityId: session.municipalityId,
      staffId: member.id,
      officeId: session.officeId,
      stage: "active",
      idleMinutes: options.idleMinutes,
      now: options.now,
      ip: options.ip ?? null,
      userAgent: options.userAgent ?? null,
    });
    await auditRepository(tx).record({
      municipalityId: session.municipalityId,
      action: "auth.password-change",
      actorStaffId: member.id,
      actorUsername: member.username,
      officeId: session.officeId,
      targetType: "staff",
      targetId: member.id,
      requestId: options.requestId ?? null,
      ip: options.ip ?? null,
    });
    return { token };
  });
}
