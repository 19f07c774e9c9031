import type { DbOrTx } from "../db/database";
import { auditRepository } from "./audit.repository";
import type { SessionContext } from "./session";
import { sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";
import { createTotpSecret, verifyTotp } from "./totp";

export interface CompleteTwoFactorOptions {
  session: SessionContext;
  code: string;
  now: Date;
  requestId?: string;
  ip?: string | null;
}

/** The secret a supervisor or admin is asked to enrol; made once and kept until enrolment succeeds. */
export async function pendingTotpSecret(db: DbOrTx, session: SessionContext): Promise<string> {
  const staff = staffRepository(db);
  const member = await staff.findById(session.municipalityId, session.staff.id);
  if (member?.totpSecret && !member.totpEnabled) return member.totpSecret;
  const secret = createTotpSecret();
  await staff.setTotpSecret(session.municipalityId, session.staff.id, secret);
  return secret;
}

/**
 * Checks the 6-digit code for a session at the "password" or "totp-setup" stage; on success the session
 * becomes "active" (and a new enrolment is switched on). A wrong code counts towards the lock-out.
 */
export async function completeTwoFactor(
  db: DbOrTx,
  options: CompleteTwoFactorOptions & { lockoutThreshold: number; lockoutMinutes: number },
): Promise<{ kind: "ok" } | { kind: "invalid" } | { kind: "locked"; until: Date }> {
  const { session } = options;
  const staff = staffRepository(db);
  const member = await staff.findById(session.municipalityId, session.staff.id);
  const audit = auditRepository(db);
  const common = {
    municipalityId: session.municipalityId,
    actorStaffId: session.staff.id,
    actorUsername: session.staff.username,
    officeId: session.officeId,
    requestId: options.requestId ?? null,
    ip: options.ip ?? null,
  };
  if (!member?.totpSecret) return { kind: "invalid" };
  if (member.lockedUntil && member.lockedUntil > options.now) {
    await sessionRepository(db).delete(session.idHash);
    return { kind: "locked", until: member.lockedUntil };
  }
  if (!verifyTotp(member.totpSecret, options.code, options.now.getTime())) {
    const lockUntil = new Date(options.now.getTime() + options.lockoutMinutes * 60_000);
    const state = await staff.recordFailure(member.id, options.lockoutThreshold, lockUntil);
    await audit.record({
      ...common,
      action: "auth.totp",
      outcome: "failure",
      detail: { failedAttempts: state.failedAttempts },
    });
    if (state.lockedUntil && state.lockedUntil > options.now) {
      await sessionRepository(db).delete(session.idHash);
      return { kind: "locked", until: state.lockedUntil };
    }
    return { kind: "invalid" };
  }
  if (!member.totpEnabled) await staff.enableTotp(session.municipalityId, member.id);
  await staff.resetFailures(member.id);
  await sessionRepository(db).update(session.idHash, { stage: "active" });
  await audit.record({
    ...common,
    action: member.totpEnabled ? "auth.totp" : "auth.totp-enrol",
    outcome: "success",
  });
  return { kind: "ok" };
}
