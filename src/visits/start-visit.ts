import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import { type VisitRow, visitRepository } from "./visit.repository";
import type { StaffScope } from "./visit-scope";

export interface StartVisitOptions {
  scope: StaffScope;
  counterId?: string | null;
  ticketId?: string | null;
  now: Date;
}

/** Opens a visit at reception, at the staff member's office (and counter, when one is chosen). */
export async function startVisit(
  db: Db,
  { scope, counterId, ticketId, now }: StartVisitOptions,
): Promise<VisitRow> {
  return db.transaction(async (tx) => {
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
  });
}
