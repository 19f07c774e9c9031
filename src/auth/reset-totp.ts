import type { DbOrTx } from "../db/database";
import { recoveryCodeRepository } from "./recovery-code.repository";
import { sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

/**
 * Forgets the account's TOTP key and recovery codes and ends its sessions: a supervisor or admin who
 * lost their authenticator enrols a new one at their next sign-in (the "totp-setup" stage).
 */
export function resetTotp(db: DbOrTx, options: StaffActionOptions): Promise<{ sessionsEnded: number }> {
  return runStaffAction(db, "staff.reset-totp", options, async (tx, member) => {
    await staffRepository(tx).clearTotp(options.municipalityId, member.id);
    const recoveryCodesDeleted = await recoveryCodeRepository(tx).deleteAll(
      options.municipalityId,
      member.id,
    );
    const sessionsEnded = await sessionRepository(tx).deleteForStaff(options.municipalityId, member.id);
    return {
      result: { sessionsEnded },
      detail: { wasEnrolled: member.totpEnabled, recoveryCodesDeleted, sessionsEnded },
    };
  });
}
