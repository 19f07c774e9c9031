import { and, eq, gte } from "drizzle-orm";
import { auditLog } from "../auth/auth.table";
import type { DbOrTx } from "../db/database";

export const OPEN_ACTION = "registry.household.open";

/**
 * Whether a staff member opened a household with a reason recently. The audit entry written when a
 * household is opened is itself the permission to view it for a while: nothing else to keep in step,
 * and it holds across processes.
 */
export function registryAccessRepository(db: DbOrTx) {
  return {
    async openedSince(options: {
      municipalityId: string;
      staffId: string;
      householdId: string;
      since: Date;
    }): Promise<boolean> {
      const rows = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.municipalityId, options.municipalityId),
            eq(auditLog.targetType, "household"),
            eq(auditLog.targetId, options.householdId),
            eq(auditLog.action, OPEN_ACTION),
            eq(auditLog.actorStaffId, options.staffId),
            eq(auditLog.outcome, "success"),
            gte(auditLog.occurredAt, options.since),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },
  };
}
