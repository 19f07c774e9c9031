import type { DbOrTx } from "../db/database";
import { refuse } from "./auth.errors";
import { sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

/**
 * Disables an account and deletes its sessions in the same transaction. Session lookup refuses a
 * disabled account's session as well (`resolveSession`), so no process can serve it once its cached
 * copy lapses. An administrator cannot disable their own account.
 */
export function disableStaff(db: DbOrTx, options: StaffActionOptions): Promise<{ sessionsEnded: number }> {
  return runStaffAction(db, "staff.disable", options, async (tx, member) => {
    if (member.id === options.actor.staffId) throw refuse("cannotDisableSelf");
    await staffRepository(tx).setDisabled(options.municipalityId, member.id, true);
    const sessionsEnded = await sessionRepository(tx).deleteForStaff(options.municipalityId, member.id);
    return { result: { sessionsEnded }, detail: { sessionsEnded, wasDisabled: member.disabled } };
  });
}
