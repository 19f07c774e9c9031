import type { DbOrTx } from "../db/database";

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
 * ticket id for anyone listening.
 *
 * This is the seam between the queue and the visits module (issue 5): visits do not exist yet, so a
 * ticket keeps the visit it has (none). The visits module replaces this with its own function of the
 * same type, passed to callNext as `onOneStopTicketCalled`, or by changing this default.
 */
export type OneStopTicketCalledHook = (tx: DbOrTx, call: OneStopTicketCall) => Promise<string | null>;

export const onOneStopTicketCalled: OneStopTicketCalledHook = async (_tx, call) => call.visitId;
