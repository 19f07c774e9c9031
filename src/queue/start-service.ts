import type { Db } from "../db/database";
import { type ChangedTicket, changeTicket, type StaffAtCounter } from "./ticket-change";

export interface StartServiceOptions extends StaffAtCounter {
  ticketId: string;
  now: Date;
}

/** The resident has come to the counter: service starts (and its time is measured from here). */
export function startService(db: Db, options: StartServiceOptions): Promise<ChangedTicket> {
  return changeTicket(db, options, options.ticketId, "start", options.now, () => ({
    patch: { status: "serving", segmentStartedAt: options.now, segmentSeconds: 0 },
    kind: "served",
  }));
}
