import type { DbOrTx } from "../db/database";
import { sessionRepository } from "./session.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

/** Ends every session of an account (it signs in again); the account itself is unchanged. */
export function endSessions(db: DbOrTx, options: StaffActionOptions): Promise<{ sessionsEnded: number }> {
  return runStaffAction(db, "staff.end-sessions", options, async (tx, member) => {
    const sessionsEnded = await sessionRepository(tx).deleteForStaff(options.municipalityId, member.id);
    return { result: { sessionsEnded }, detail: { sessionsEnded } };
  });
}
