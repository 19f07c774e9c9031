import type { Db } from "../db/database";
import { cancelUnstartedVisit } from "../visits/start-visit";
import { type ChangedTicket, changeTicket, type StaffAtCounter } from "./ticket-change";

export interface MarkAbsentOptions extends StaffAtCounter {
  ticketId: string;
  now: Date;
}

/**
 * The resident did not come when called: the ticket ends as absent and the counter is free; the visit
 * its call opened is cancelled if nobody started it.
 */
export function markAbsent(db: Db, options: MarkAbsentOptions): Promise<ChangedTicket> {
  return changeTicket(db, options, options.ticketId, "absent", options.now, async ({ tx, ticket }) => {
    if (ticket.visitId) await cancelUnstartedVisit(tx, options, ticket.visitId, options.now);
    return { patch: { status: "absent", finishedAt: options.now }, kind: "absent" };
  });
}
