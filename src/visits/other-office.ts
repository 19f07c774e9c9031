import { and, eq, sql } from "drizzle-orm";
import { auditRepository } from "../auth/audit.repository";
import { auditLog } from "../auth/auth.table";
import type { DbOrTx } from "../db/database";
import { AppError, type Problem } from "../shared/errors";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import type { VisitRow } from "./visit.repository";
import { visitRepository } from "./visit.repository";
import type { StaffScope } from "./visit-scope";

/**
 * Staff see their own office's visits; a visit of another office of the same municipality opens only
 * by an explicit choice with a reason, written to the audit log, which then allows that visit for the
 * rest of the session (the entry carries the session's start, so a new session asks again).
 */
export const OPEN_OTHER_OFFICE_ACTION = "visit.open-other-office";
export const OTHER_OFFICE_REASON_MAX = 200;

/** The refusal of a visit of another office (403); the page offers the choice instead. */
export const otherOfficeRefusal = (): AppError =>
  new AppError("FORBIDDEN", [{ path: "", code: "visits.otherOfficeVisit" }]);

const sessionKey = (scope: StaffScope): string | undefined => scope.sessionStartedAt?.toISOString();

/** Whether this staff member chose, with a reason, to open this visit in this session. */
export async function otherOfficeAllowed(db: DbOrTx, scope: StaffScope, visitId: string): Promise<boolean> {
  const session = sessionKey(scope);
  if (!session) return false;
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.municipalityId, scope.municipalityId),
        eq(auditLog.targetType, "visit"),
        eq(auditLog.targetId, visitId),
        eq(auditLog.action, OPEN_OTHER_OFFICE_ACTION),
        eq(auditLog.actorStaffId, scope.staffId),
        eq(auditLog.outcome, "success"),
        sql`${auditLog.detail}->>'session' = ${session}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** A visit of the municipality whatever its office (for the choice page); another tenant's is "not found". */
export async function visitForChoice(db: DbOrTx, scope: StaffScope, visitId: string): Promise<VisitRow> {
  const visit = await visitRepository(db).find(scope.municipalityId, visitId);
  if (!visit) throw new AppError("NOT_FOUND");
  return visit;
}

/** Problems of the reason typed for opening another office's visit. */
export function otherOfficeReasonProblems(reason: string): Problem[] {
  if (!reason) return [{ path: "reason", code: "visits.otherOfficeReasonRequired" }];
  if (reason.length > OTHER_OFFICE_REASON_MAX) {
    return [
      { path: "reason", code: "visits.otherOfficeReasonTooLong", params: { max: OTHER_OFFICE_REASON_MAX } },
    ];
  }
  if (containsMyNumber(reason)) return [{ path: "reason", code: myNumberRefused }];
  return [];
}

export interface OpenOtherOfficeOptions {
  db: DbOrTx;
  scope: StaffScope;
  visitId: string;
  reason: string;
  actor: { username: string; requestId?: string | null; ip?: string | null };
}

/**
 * Records the choice to open another office's visit, with its reason, and so allows the visit for this
 * session. A visit of the staff member's own office needs no choice and records nothing.
 */
export async function openOtherOfficeVisit(options: OpenOtherOfficeOptions): Promise<VisitRow> {
  const { db, scope } = options;
  const visit = await visitForChoice(db, scope, options.visitId);
  if (visit.officeId === scope.officeId) return visit;
  const problems = otherOfficeReasonProblems(options.reason);
  if (problems.length > 0) throw new AppError("VALIDATION", problems);
  const session = sessionKey(scope);
  if (!session) throw new AppError("UNAUTHENTICATED");
  await auditRepository(db).record({
    municipalityId: scope.municipalityId,
    action: OPEN_OTHER_OFFICE_ACTION,
    actorStaffId: scope.staffId,
    actorUsername: options.actor.username,
    officeId: scope.officeId,
    targetType: "visit",
    targetId: visit.id,
    reason: options.reason,
    detail: { visitOfficeId: visit.officeId, session },
    requestId: options.actor.requestId ?? null,
    ip: options.actor.ip ?? null,
  });
  return visit;
}
