import { auditRepository } from "../auth/audit.repository";
import type { Db, DbOrTx } from "../db/database";
import { prefillFromReservation } from "../reservations/prefill-called-visit";
import { AppError } from "../shared/errors";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import { type VisitRow, visitRepository } from "./visit.repository";
import { type StaffScope, saveVisit } from "./visit-scope";

export interface StartVisitOptions {
  scope: StaffScope;
  counterId?: string | null;
  ticketId?: string | null;
  now: Date;
}

/**
 * Opens a visit at reception inside the caller's transaction and audits it. The counter, when given,
 * must be one of the staff member's office.
 */
export async function openVisit(
  tx: DbOrTx,
  { scope, counterId, ticketId, now }: StartVisitOptions,
): Promise<VisitRow> {
  if (counterId) {
    const counter = await tenancyRepository(tx).findCounter(scope.municipalityId, counterId);
    if (!counter || counter.officeId !== scope.officeId) throw new AppError("NOT_FOUND");
  }
  const visit = await visitRepository(tx).insert({
    municipalityId: scope.municipalityId,
    officeId: scope.officeId,
    counterId: counterId ?? null,
    ticketId: ticketId ?? null,
    state: "reception",
    createdBy: scope.staffId,
    createdAt: now,
    updatedAt: now,
  });
  await auditRepository(tx).record({
    municipalityId: scope.municipalityId,
    action: "visit.start",
    actorStaffId: scope.staffId,
    officeId: scope.officeId,
    targetType: "visit",
    targetId: visit.id,
  });
  return visit;
}

/** Opens a visit at reception, at the staff member's office (and counter, when one is chosen). */
export function startVisit(db: Db, options: StartVisitOptions): Promise<VisitRow> {
  return db.transaction((tx) => openVisit(tx, options));
}

/**
 * The visit for a ticket just called to a one-stop counter: the one the ticket already has (a ticket
 * transferred back, or recalled), else a new one at reception at the calling counter. Runs inside the
 * call's transaction, so a refused call leaves no visit behind.
 */
export async function visitForCalledTicket(
  tx: DbOrTx,
  call: { scope: StaffScope; ticketId: string; counterId: string; visitId: string | null; now: Date },
): Promise<VisitRow> {
  const kept = call.visitId
    ? await visitRepository(tx).find(call.scope.municipalityId, call.visitId)
    : undefined;
  if (kept && kept.state !== "cancelled") return kept;
  const visit = await openVisit(tx, {
    scope: call.scope,
    counterId: call.counterId,
    ticketId: call.ticketId,
    now: call.now,
  });
  // A reservation's ticket that carries a pre-application opens its visit prefilled from it.
  return prefillFromReservation(tx, call.scope, visit, call.now);
}

/**
 * The resident did not come when called: a visit nobody has started (still at reception) is cancelled,
 * so it does not linger among the open visits. One already under way is left for staff to decide.
 */
export async function cancelUnstartedVisit(
  tx: DbOrTx,
  scope: StaffScope,
  visitId: string,
  now: Date,
): Promise<void> {
  const visit = await visitRepository(tx).find(scope.municipalityId, visitId);
  if (visit?.state === "reception") await saveVisit(tx, scope, visit, visit.version, "cancelled", {}, now);
}
