// 代筆: when the filer cannot sign (a motor or visual impairment, or cannot write), a staff member or a
// companion writes for them. The counter records who wrote, why, and a second staff member's
// confirmation (their own password, checked here), and every form prints that in its signature box.
import { auditRepository } from "../auth/audit.repository";
import { verifyPassword } from "../auth/password";
import { staffRepository } from "../auth/staff.repository";
import type { DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import type { StaffScope } from "./visit-scope";
import { refuse } from "./visits.errors";

export const proxyWriters = ["staff", "companion"] as const;
export const proxyReasons = ["motor", "visual", "literacy", "other"] as const;
export type ProxyWriter = (typeof proxyWriters)[number];
export type ProxyReason = (typeof proxyReasons)[number];

/** Kept with the signature: no image, the names of who wrote and who confirmed, and why. */
export interface ProxyWriting {
  writer: ProxyWriter;
  /** The person who wrote: the staff member's display name, or the companion's name as given. */
  writerName: string;
  reason: ProxyReason;
  /** The staff member at the counter who took the signing. */
  takenBy: string;
  confirmedBy: { staffId: string; name: string };
}

// The forms are Japanese legal documents: what the signature box says is part of the form, like the
// templates' own words (src/forms/templates.ts), not page text.
const writerLabels: Record<ProxyWriter, string> = { staff: "窓口職員", companion: "同行者" };
const reasonLabels: Record<ProxyReason, string> = {
  motor: "手や腕が不自由で署名が難しいため",
  visual: "目が不自由で署名が難しいため",
  literacy: "文字を書くことが難しいため",
  other: "本人が署名できないため",
};

/** The lines the signature box of every form prints instead of a drawn signature. */
export function signatureNoteOf(writing: ProxyWriting): string[] {
  return [
    `代筆　${writerLabels[writing.writer]} ${writing.writerName}`,
    `理由　${reasonLabels[writing.reason]}`,
    `確認　職員 ${writing.confirmedBy.name}`,
  ];
}

export interface ConfirmProxyWritingOptions {
  scope: StaffScope;
  visitId: string;
  writer: string;
  writerName: string;
  reason: string;
  /** The second staff member, who confirms with their own username and password. */
  confirmer: { username: string; password: string };
  /** The signing staff member's display name (for a staff writer). */
  staffName: string;
  lockout: { threshold: number; minutes: number };
  now: Date;
}

/**
 * Checks a 代筆 before it is stamped on the forms: the writer and reason are known, a companion's
 * name is given, and a DIFFERENT active staff member of the same municipality confirmed with their
 * password (a wrong password counts towards their lock-out, like a sign-in). Audited either way: call
 * it outside the signing transaction, so a refused confirmation stays recorded.
 */
export async function confirmProxyWriting(
  db: DbOrTx,
  options: ConfirmProxyWritingOptions,
): Promise<ProxyWriting> {
  const writer = proxyWriters.find((w) => w === options.writer);
  const reason = proxyReasons.find((r) => r === options.reason);
  if (!writer) throw refuse("proxyWriterRequired", undefined, "proxyWriter");
  if (!reason) throw refuse("proxyReasonRequired", undefined, "proxyReason");
  const writerName = writer === "staff" ? options.staffName : options.writerName.normalize("NFKC").trim();
  if (writerName === "" || writerName.length > 40 || /\p{Cc}/u.test(writerName)) {
    throw refuse("proxyWriterNameRequired", undefined, "proxyWriterName");
  }
  // The companion's name is printed on the forms and kept with the signature: never a 個人番号.
  if (containsMyNumber(writerName)) {
    throw new AppError("VALIDATION", [{ path: "proxyWriterName", code: myNumberRefused }]);
  }
  const staff = staffRepository(db);
  const confirmer = await staff.findByUsernameForSignIn(options.confirmer.username.normalize("NFKC").trim());
  const audit = {
    municipalityId: options.scope.municipalityId,
    action: "visit.proxy-writing.confirm",
    actorStaffId: options.scope.staffId,
    officeId: options.scope.officeId,
    targetType: "visit",
    targetId: options.visitId,
  };
  const refused = async (): Promise<never> => {
    await auditRepository(db).record({ ...audit, outcome: "failure", detail: { writer, reason } });
    throw refuse("proxyConfirmationFailed", undefined, "confirmerUsername");
  };
  const usable =
    confirmer &&
    confirmer.municipalityId === options.scope.municipalityId &&
    confirmer.id !== options.scope.staffId &&
    !confirmer.disabled;
  if (!usable || !confirmer) return refused();
  // As at sign-in (src/auth/sign-in.ts): the attempt is counted before the slow hash, in one statement
  // that also refuses while a lock is in force, and the count is cleared after it only if no lock came
  // into force meanwhile — parallel guesses cannot get past the lock-out.
  const lockUntil = new Date(options.now.getTime() + options.lockout.minutes * 60_000);
  const attempt = await staff.reserveAttempt(confirmer.id, options.lockout.threshold, options.now, lockUntil);
  if (attempt.kind === "locked") return refused();
  if (!(await verifyPassword(confirmer.passwordHash, options.confirmer.password))) {
    await staff.lockIfOverThreshold(confirmer.id, options.lockout.threshold, options.now, lockUntil);
    return refused();
  }
  if (!(await staff.resetFailuresUnlessLocked(confirmer.id, options.now)).ok) return refused();
  await auditRepository(db).record({
    ...audit,
    outcome: "success",
    detail: { writer, reason, confirmedBy: confirmer.id },
  });
  return {
    writer,
    writerName,
    reason,
    takenBy: options.scope.staffId,
    confirmedBy: { staffId: confirmer.id, name: confirmer.displayName },
  };
}
