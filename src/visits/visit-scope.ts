import type { DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { otherOfficeAllowed, otherOfficeRefusal } from "./other-office";
import { transition, type VisitState } from "./visit";
import { type VisitPatch, type VisitRow, visitRepository } from "./visit.repository";
import { refuse } from "./visits.errors";

/** Who acts on a visit: every visit use case is scoped to the staff member's municipality. */
export interface StaffScope {
  municipalityId: string;
  staffId: string;
  officeId: string;
  /** When the session began: a choice to open another office's visit counts for this session only. */
  sessionStartedAt?: Date;
}

/** Another staff member saved the visit first (its version moved on). */
/** The scope of a signed-in staff member's session; without one, the request is unauthenticated. */
export function staffScope(
  session: { municipalityId: string; officeId: string; staff: { id: string }; createdAt?: Date } | undefined,
): StaffScope {
  if (!session) throw new AppError("UNAUTHENTICATED");
  return {
    municipalityId: session.municipalityId,
    staffId: session.staff.id,
    officeId: session.officeId,
    ...(session.createdAt ? { sessionStartedAt: session.createdAt } : {}),
  };
}

export const visitConflict = (): AppError => refuse("staleVersion");

/**
 * Reads a visit of the scope's municipality or answers "not found" (also for other tenants' ids). A visit
 * of another office of the municipality is refused (`visits.otherOfficeVisit`) unless the staff member
 * chose to open it, with a reason, in this session (src/visits/other-office.ts).
 */
export async function loadVisit(db: DbOrTx, scope: StaffScope, visitId: string): Promise<VisitRow> {
  const visit = await visitRepository(db).find(scope.municipalityId, visitId);
  if (!visit) throw new AppError("NOT_FOUND");
  if (visit.officeId !== scope.officeId && !(await otherOfficeAllowed(db, scope, visit.id))) {
    throw otherOfficeRefusal();
  }
  return visit;
}

/**
 * Saves a change to a visit under the optimistic lock and, when `to` differs from the current state,
 * records the timestamped, attributed transition. Call inside a transaction.
 */
export async function saveVisit(
  db: DbOrTx,
  scope: StaffScope,
  visit: VisitRow,
  expectedVersion: number,
  to: VisitState,
  patch: VisitPatch,
  now: Date,
): Promise<VisitRow> {
  if (visit.version !== expectedVersion) throw visitConflict();
  const repo = visitRepository(db);
  if (to !== visit.state) {
    const moved = transition(visit.state, to, scope.staffId, now);
    if (!moved.ok) throw refuse("transitionRefused", { from: moved.from, to: moved.to });
    await repo.insertTransition({
      municipalityId: scope.municipalityId,
      visitId: visit.id,
      fromState: visit.state,
      toState: to,
      staffId: scope.staffId,
      at: now,
    });
  }
  const updated = await repo.update(
    scope.municipalityId,
    visit.id,
    expectedVersion,
    { ...patch, state: to },
    now,
  );
  if (!updated) throw visitConflict();
  return updated;
}
