import type { Db } from "../db/database";
import { type ChangedTicket, changeTicket, type StaffAtCounter } from "./ticket-change";

export interface MarkAbsentOptions extends StaffAtCounter {
  ticketId: string;
  now: Date;
}

/** The resident did not come when called: the ticket ends as absent and the counter is free. */
export function markAbsent(db: Db, options: MarkAbsentOptions): Promise<ChangedTicket> {
  return changeTicket(db, options, options.ticketId, "absent", options.now, () => ({
    patch: { status: "absent", finishedAt: options.now },
    kind: "absent",
  }));
}
