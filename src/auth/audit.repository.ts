import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { auditLog } from "./auth.table";

export type AuditEntry = typeof auditLog.$inferSelect;

export interface AuditRecord {
  municipalityId: string | null;
  action: string;
  outcome?: "success" | "failure" | "denied";
  actorStaffId?: string | null;
  actorUsername?: string | null;
  officeId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  requestId?: string | null;
  ip?: string | null;
}

/**
 * Who did what to which record, when, from which office. Append-only: the database refuses UPDATE,
 * DELETE and TRUNCATE (migration 0001), so this module only ever inserts and reads.
 */
export function auditRepository(db: DbOrTx) {
  return {
    async record(entry: AuditRecord): Promise<void> {
      await db.insert(auditLog).values({
        municipalityId: entry.municipalityId,
        action: entry.action,
        outcome: entry.outcome ?? "success",
        actorStaffId: entry.actorStaffId ?? null,
        actorUsername: entry.actorUsername ?? null,
        officeId: entry.officeId ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        reason: entry.reason ?? null,
        detail: entry.detail ?? {},
        requestId: entry.requestId ?? null,
        ip: entry.ip ?? null,
      });
    },
    list(municipalityId: string, options: { action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
      const where = options.action
        ? and(eq(auditLog.municipalityId, municipalityId), eq(auditLog.action, options.action))
        : eq(auditLog.municipalityId, municipalityId);
      return db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(options.limit ?? 100);
    },
  };
}
