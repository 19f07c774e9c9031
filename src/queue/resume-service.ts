import type { Db } from "../db/database";
import { japanTime } from "./calendar";
import { refuse } from "./queue.errors";
import { type ChangedTicket, changeTicket, type StaffAtCounter } from "./ticket-change";

export interface ResumeServiceOptions extends StaffAtCounter {
  ticketId: string;
  now: Date;
}

/** Resumes a paused service at the same counter, once that counter has nobody else called or in service. */
export function resumeService(db: Db, options: ResumeServiceOptions): Promise<ChangedTicket> {
  return changeTicket(
    db,
    options,
    options.ticketId,
    "resume",
    options.now,
    async ({ repo, ticket, counterId }) => {
      const busy = (
        await repo.ticketsAtCounter(options.municipalityId, counterId, japanTime(options.now).date)
      ).find((t) => t.id !== ticket.id && (t.status === "called" || t.status === "serving"));
      if (busy) throw refuse("counterBusy", { number: String(busy.number) });
      return {
        patch: { status: "serving", segmentStartedAt: options.now, pauseReason: null },
        kind: "resumed",
      };
    },
  );
}
