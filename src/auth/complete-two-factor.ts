import type { DbOrTx } from "../db/database";
import { auditRepository } from "./audit.repository";
import { recoveryCodeRepository } from "./recovery-code.repository";
import { hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { type SessionContext, startSession } from "./session";
import { sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";
import { createTotpSecret, totpStep } from "./totp";

export interface CompleteTwoFactorOptions {
  session: SessionContext;
  code: string;
  now: Date;
  /** Idle lifetime of the new, active session. */
  idleMinutes: number;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
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
 * Checks the 6-digit code for a session at the "password" or "totp-setup" stage; on success the
 * password-step session ends and a new "active" session takes its place (a new token, so a cookie seen
 * before the second factor is worth nothing after it), and a new enrolment is switched on. A code is
 * good once: its time step is recorded and that step, or an earlier one, is refused afterwards. A wrong
 * or reused code counts towards the lock-out. Once enrolled, a recovery code may stand in for the
 * 6-digit code: each is spent by the one statement that marks it used, so it passes once.
 */
export async function completeTwoFactor(
  db: DbOrTx,
  options: CompleteTwoFactorOptions & { lockoutThreshold: number; lockoutMinutes: number },
): Promise<
  | { kind: "ok"; token: string; enrolled: boolean; mustChangePassword: boolean }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date }
> {
  const { session } = options;
  const common = {
    municipalityId: session.municipalityId,
    actorStaffId: session.staff.id,
    actorUsername: session.staff.username,
    officeId: session.officeId,
    requestId: options.requestId ?? null,
    ip: options.ip ?? null,
  };
  return db.transaction(async (tx) => {
    const staff = staffRepository(tx);
    const audit = auditRepository(tx);
    const member = await staff.findById(session.municipalityId, session.staff.id);
    if (!member?.totpSecret) return { kind: "invalid" as const };
    if (member.lockedUntil && member.lockedUntil > options.now) {
      await sessionRepository(tx).delete(session.idHash);
      return { kind: "locked" as const, until: member.lockedUntil };
    }
    const recovery = member.totpEnabled ? normaliseRecoveryCode(options.code) : null;
    const recoveryCodes = recoveryCodeRepository(tx);
    const step = recovery ? null : totpStep(member.totpSecret, options.code, options.now.getTime());
    const fresh = recovery
      ? await recoveryCodes.spend(session.municipalityId, member.id, hashRecoveryCode(recovery), options.now)
      : step !== null && (await staff.claimTotpStep(member.id, step));
    if (!fresh) {
      const lockUntil = new Date(options.now.getTime() + options.lockoutMinutes * 60_000);
      const state = await staff.recordFailure(member.id, options.lockoutThreshold, lockUntil);
      await audit.record({
        ...common,
        action: "auth.totp",
        outcome: "failure",
        detail: {
          failedAttempts: state.failedAttempts,
          reason: recovery ? "recovery-code" : step === null ? "wrong" : "reused",
        },
      });
      if (state.lockedUntil && state.lockedUntil > options.now) {
        await sessionRepository(tx).delete(session.idHash);
        return { kind: "locked" as const, until: state.lockedUntil };
      }
      return { kind: "invalid" as const };
    }
    if (!member.totpEnabled) await staff.enableTotp(session.municipalityId, member.id);
    await staff.resetFailures(member.id);
    await sessionRepository(tx).delete(session.idHash);
    const token = await startSession(tx, {
      municipalityId: session.municipalityId,
      staffId: member.id,
      officeId: session.officeId,
      stage: member.mustChangePassword ? "password-change" : "active",
      idleMinutes: options.idleMinutes,
      now: options.now,
      ip: options.ip ?? null,
      userAgent: options.userAgent ?? null,
    });
    await audit.record({
      ...common,
      action: recovery ? "auth.recovery-code" : member.totpEnabled ? "auth.totp" : "auth.totp-enrol",
      outcome: "success",
      ...(recovery
        ? { detail: { remaining: await recoveryCodes.countUnused(session.municipalityId, member.id) } }
        : {}),
    });
    return {
      kind: "ok" as const,
      token,
      enrolled: !member.totpEnabled,
      mustChangePassword: member.mustChangePassword,
    };
  });
}
