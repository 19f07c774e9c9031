import type { Db, DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { startFromPreApplication } from "../visits/start-from-pre-application";
import type { VisitRow } from "../visits/visit.repository";
import type { StaffScope } from "../visits/visit-scope";
import { reservationRepository } from "./reservation.repository";

/**
 * A visit just opened for a called ticket: when the ticket is a reservation's that carries a
 * pre-application, the visit is filled from it as reception's code field would (the same use case, in
 * a savepoint of the call's transaction, audited as `preapply.consume`). A pre-application that expired,
 * was used or withdrawn since the booking leaves the visit empty, as a walk-in's: the call goes on.
 */
export async function prefillFromReservation(
  tx: DbOrTx,
  scope: StaffScope,
  visit: VisitRow,
  now: Date,
): Promise<VisitRow> {
  if (!visit.ticketId || visit.state !== "reception") return visit;
  const reservation = await reservationRepository(tx).findByTicket(scope.municipalityId, visit.ticketId);
  if (!reservation?.preApplicationId) return visit;
  try {
    return await startFromPreApplication(tx as unknown as Db, {
      scope,
      visitId: visit.id,
      version: visit.version,
      code: "",
      preApplicationId: reservation.preApplicationId,
      actor: { username: null },
      now,
    });
  } catch (error) {
    if (error instanceof AppError) return visit;
    throw error;
  }
}
