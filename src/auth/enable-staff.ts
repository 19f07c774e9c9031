import type { DbOrTx } from "../db/database";
import { staffRepository } from "./staff.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

/** Lets a disabled account sign in again, with the password, TOTP and lock-out it had. */
export function enableStaff(db: DbOrTx, options: StaffActionOptions): Promise<void> {
  return runStaffAction(db, "staff.enable", options, async (tx, member) => {
    await staffRepository(tx).setDisabled(options.municipalityId, member.id, false);
    return { result: undefined, detail: { wasDisabled: member.disabled } };
  });
}
