import type { DbOrTx } from "../db/database";
import { type AuditRecord, auditRepository } from "./audit.repository";
import { dummyPasswordHash, verifyPassword } from "./password";
import { startSession } from "./session";
import { staffRepository } from "./staff.repository";

export interface SignInOptions {
  username: string;
  password: string;
  now: Date;
  idleMinutes: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export type SignInResult =
  | { kind: "ok"; token: string; needsTotp: boolean; mustChangePassword: boolean }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date };

const rolesNeedingTotp = new Set(["supervisor", "admin"]);

/**
 * Checks a password and opens a session. Supervisors and admins get a session at the "password" (or
 * "totp-setup") stage that reaches nothing but the second step. Every outcome is audited; repeated
 * failures lock the account for a while.
 */
export async function signIn(db: DbOrTx, options: SignInOptions): Promise<SignInResult> {
  const staff = staffRepository(db);
  const audit = auditRepository(db);
  const member = await staff.findByUsernameForSignIn(options.username);
  const base: Omit<AuditRecord, "action" | "municipalityId"> = {
    actorUsername: options.username.slice(0, 100),
    requestId: options.requestId ?? null,
    ip: options.ip ?? null,
  };
  if (!member || member.disabled) {
    await verifyPassword(await dummyPasswordHash(), options.password);
    await audit.record({
      ...base,
      municipalityId: member?.municipalityId ?? null,
      action: "auth.sign-in",
      outcome: "failure",
      detail: { reason: member ? "disabled" : "unknown-user" },
    });
    return { kind: "invalid" };
  }
  const common = {
    ...base,
    municipalityId: member.municipalityId,
    actorStaffId: member.id,
    officeId: member.officeId,
  };
  const lockUntil = new Date(options.now.getTime() + options.lockoutMinutes * 60_000);
  const denyLocked = async (until: Date, newlyLocked: boolean): Promise<SignInResult> => {
    if (newlyLocked) {
      await audit.record({
        ...common,
        action: "auth.lock",
        outcome: "success",
        detail: { until: until.toISOString() },
      });
    }
    await audit.record({
      ...common,
      action: "auth.sign-in",
      outcome: "denied",
      detail: { reason: "locked" },
    });
    return { kind: "locked", until };
  };
  // The lock is checked, and this attempt counted, before the slow hash: parallel attempts cannot all
  // be evaluated against the same count.
  const reservation = await staff.reserveAttempt(member.id, options.lockoutThreshold, options.now, lockUntil);
  if (reservation.kind === "locked") return denyLocked(reservation.until, reservation.newlyLocked);
  if (!(await verifyPassword(member.passwordHash, options.password))) {
    const state = await staff.lockIfOverThreshold(
      member.id,
      options.lockoutThreshold,
      options.now,
      lockUntil,
    );
    const locked = state.lockedUntil !== null;
    await audit.record({
      ...common,
      action: "auth.sign-in",
      outcome: "failure",
      detail: { reason: "password", failedAttempts: state.failedAttempts, locked },
    });
    if (state.newlyLocked && state.lockedUntil) {
      await audit.record({
        ...common,
        action: "auth.lock",
        outcome: "success",
        detail: { until: state.lockedUntil.toISOString() },
      });
    }
    if (state.lockedUntil) return { kind: "locked", until: state.lockedUntil };
    return { kind: "invalid" };
  }
  // ...and checked again after it: a lock that came into force meanwhile keeps even the right password
  // out. Clearing the count, opening the session and its audit entry are one transaction.
  const needsTotp = rolesNeedingTotp.has(member.role);
  const stage = needsTotp
    ? member.totpEnabled
      ? "password"
      : "totp-setup"
    : member.mustChangePassword
      ? "password-change"
      : "active";
  const opened = await db.transaction(async (tx) => {
    const cleared = await staffRepository(tx).resetFailuresUnlessLocked(member.id, options.now);
    if (!cleared.ok) return cleared;
    const token = await startSession(tx, {
      municipalityId: member.municipalityId,
      staffId: member.id,
      officeId: member.officeId,
      stage,
      idleMinutes: options.idleMinutes,
      now: options.now,
      ip: options.ip ?? null,
      userAgent: options.userAgent ?? null,
    });
    await auditRepository(tx).record({
      ...common,
      action: "auth.sign-in",
      outcome: "success",
      detail: { stage },
    });
    return { ok: true as const, token };
  });
  if (!opened.ok) return denyLocked(opened.until, false);
  return { kind: "ok", token: opened.token, needsTotp, mustChangePassword: member.mustChangePassword };
}
