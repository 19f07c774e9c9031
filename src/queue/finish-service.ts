import type { Db } from "../db/database";
import { type ChangedTicket, changeTicket, type StaffAtCounter, segmentSeconds } from "./ticket-change";

export interface FinishServiceOptions extends StaffAtCounter {
  ticketId: string;
  now: Date;
}

/** Service is over: the ticket ends as done, and its service time feeds the wait estimates. */
export function finishService(db: Db, options: FinishServiceOptions): Promise<ChangedTicket> {
  return changeTicket(db, options, options.ticketId, "finish", options.now, ({ ticket }) => {
    const seconds = segmentSeconds(ticket, options.now);
    return {
      patch: {
        status: "done",
        finishedAt: options.now,
        segmentStartedAt: null,
        segmentSeconds: seconds,
        pauseReason: null,
      },
      kind: "finished",
      serviceSeconds: seconds,
    };
  });
}
