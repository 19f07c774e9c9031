import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { refuse } from "./handoff.errors";
import { type DeliveryRow, handoffRepository } from "./handoff.repository";

export interface RetryDeliveryOptions {
  scope: { municipalityId: string; staffId: string; username: string; officeId: string };
  deliveryId: string;
  now: Date;
  requestId?: string | null;
  ip?: string | null;
}

/**
 * A supervisor's "retry now": a dead delivery goes back to pending with a fresh schedule, a delivery
 * waiting to retry becomes due at once. Audited, in one transaction. Another municipality's delivery
 * is "not found"; a delivery done, pending or in flight has nothing to retry.
 */
export async function retryDelivery(db: Db, options: RetryDeliveryOptions): Promise<DeliveryRow> {
  const { scope } = options;
  return db.transaction(async (tx) => {
    const repo = handoffRepository(tx);
    const row = await repo.findForUpdate(scope.municipalityId, options.deliveryId);
    if (!row) throw new AppError("NOT_FOUND");
    const inFlight = row.leaseToken !== null && row.nextAttemptAt > options.now;
    if ((row.state !== "dead" && row.state !== "retrying") || inFlight) {
      throw refuse("notRetryable");
    }
    await repo.lockApplication(row.applicationId);
    await repo.requeue(scope.municipalityId, row.id, row.state === "dead", options.now);
    if (row.state === "dead") await repo.refreshApplicationStatus(row.applicationId);
    await auditRepository(tx).record({
      municipalityId: scope.municipalityId,
      action: "handoff.retry",
      actorStaffId: scope.staffId,
      actorUsername: scope.username,
      officeId: scope.officeId,
      targetType: "handoff_delivery",
      targetId: row.id,
      detail: {
        key: row.idempotencyKey,
        destination: row.destination,
        previousState: row.state,
        attempts: row.attempts,
        lastError: row.lastError,
      },
      requestId: options.requestId ?? null,
      ip: options.ip ?? null,
    });
    return row;
  });
}
