import type { Db } from "../db/database";
import { refuse } from "./queue.errors";
import { type ChangedTicket, changeTicket, type StaffAtCounter, segmentSeconds } from "./ticket-change";

export interface PauseServiceOptions extends StaffAtCounter {
  ticketId: string;
  reason: string;
  now: Date;
}

export const PAUSE_REASON_MAX = 200;

/**
 * Pauses a service with a reason (the resident fetches a document, a check with another division): the
 * paused time is not service time, and the counter may call someone else meanwhile.
 */
export async function pauseService(db: Db, options: PauseServiceOptions): Promise<ChangedTicket> {
  const reason = options.reason.normalize("NFKC").trim();
  if (reason.length === 0 || reason.length > PAUSE_REASON_MAX)
    throw refuse("pauseReasonRequired", { max: String(PAUSE_REASON_MAX) }, "reason");
  return changeTicket(db, options, options.ticketId, "pause", options.now, ({ ticket }) => ({
    patch: {
      status: "paused",
      segmentSeconds: segmentSeconds(ticket, options.now),
      segmentStartedAt: null,
      pauseReason: reason,
    },
    kind: "paused",
    detail: { reason },
  }));
}
