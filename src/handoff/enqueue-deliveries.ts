import type { DbOrTx } from "../db/database";
import { routeProcedure } from "./destination-catalog";
import { handoffRepository } from "./handoff.repository";
import { idempotencyKey } from "./record";

export interface EnqueueDeliveriesOptions {
  municipalityId: string;
  applications: ReadonlyArray<{ id: string; visitId: string; procedureId: string }>;
  /** The office of each visit, when the caller has them (accept does): saves reading them again. */
  officeOf?: ReadonlyMap<string, string>;
  /** When the deliveries become due; now by default. */
  now?: Date;
}

/**
 * Writes the outbox rows of freshly accepted applications: one delivery per (application,
 * destination) of the municipality's configuration. Call inside the transaction that writes the
 * applications, so that an application is never committed without its deliveries (nor the reverse).
 * Returns the number of deliveries enqueued.
 */
export async function enqueueDeliveries(tx: DbOrTx, options: EnqueueDeliveriesOptions): Promise<number> {
  const { municipalityId } = options;
  const now = options.now ?? new Date();
  const repo = handoffRepository(tx);
  const officeOf =
    options.officeOf ??
    (await repo.officesOfVisits(municipalityId, [...new Set(options.applications.map((a) => a.visitId))]));
  const rows = options.applications.flatMap((application) => {
    const officeId = officeOf.get(application.visitId);
    if (!officeId) throw new Error(`visit ${application.visitId} of application ${application.id} not found`);
    return routeProcedure(municipalityId, application.procedureId).map((destination) => ({
      municipalityId,
      officeId,
      applicationId: application.id,
      destination: destination.id,
      idempotencyKey: idempotencyKey(application.id, destination.id),
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    }));
  });
  return repo.insertDeliveries(rows);
}
