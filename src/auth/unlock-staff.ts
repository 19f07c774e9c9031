import type { DbOrTx } from "../db/database";
import { staffRepository } from "./staff.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

/** Lifts a lock-out and clears the count of failed attempts. */
export function unlockStaff(db: DbOrTx, options: StaffActionOptions): Promise<void> {
  return runStaffAction(db, "staff.unlock", options, async (tx, member) => {
    await staffRepository(tx).unlock(options.municipalityId, member.id);
    return {
      result: undefined,
      detail: {
        failedAttempts: member.failedAttempts,
        lockedUntil: member.lockedUntil?.toISOString() ?? null,
      },
    };
  });
}
