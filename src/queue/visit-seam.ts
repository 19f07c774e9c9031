import type { DbOrTx } from "../db/database";
import { visitForCalledTicket } from "../visits/start-visit";

/** A ticket just called to a one-stop counter, inside the call's transaction. */
export interface OneStopTicketCall {
  municipalityId: string;
  officeId: string;
  ticketId: string;
  counterId: string;
  staffId: string;
  /** The visit the ticket already has (a recall after a transfer back, for example), or null. */
  visitId: string | null;
  calledAt: Date;
}

/**
 * Opens (or finds) the counter visit for a ticket called to a one-stop counter and returns its id,
 * which call-next stores on the ticket in the same transaction; the `ticket.called` event carries the
 * ticket id for anyone listening. Tests pass their own hook as `onOneStopTicketCalled`.
 */
export type OneStopTicketCalledHook = (tx: DbOrTx, call: OneStopTicketCall) => Promise<string | null>;

export const onOneStopTicketCalled: OneStopTicketCalledHook = async (tx, call) => {
  const visit = await visitForCalledTicket(tx, {
    scope: { municipalityId: call.municipalityId, officeId: call.officeId, staffId: call.staffId },
    ticketId: call.ticketId,
    counterId: call.counterId,
    visitId: call.visitId,
    now: call.calledAt,
  });
  return visit.id;
};
