import type { Db } from "../db/database";
import { type ChangedTicket, changeTicket, type StaffAtCounter } from "./ticket-change";

export interface RecallTicketOptions extends StaffAtCounter {
  ticketId: string;
  now: Date;
}

/** Calls a called ticket again: the display chimes and speaks once more; the ticket stays called. */
export function recallTicket(db: Db, options: RecallTicketOptions): Promise<ChangedTicket> {
  return changeTicket(db, options, options.ticketId, "recall", options.now, () => ({
    patch: {},
    kind: "recalled",
  }));
}
