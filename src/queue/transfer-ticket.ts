import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { refuse } from "./queue.errors";
import { type ChangedTicket, changeTicket, type StaffAtCounter, segmentSeconds } from "./ticket-change";

export type TransferTarget = { counterId: string } | { departmentId: string };

export interface TransferTicketOptions extends StaffAtCounter {
  ticketId: string;
  to: TransferTarget;
  now: Date;
}

/**
 * Sends a ticket on to another counter, or to any counter of a department, keeping its number: it
 * waits again (with the head start of a transferred ticket) and the service time so far is recorded.
 */
export function transferTicket(db: Db, options: TransferTicketOptions): Promise<ChangedTicket> {
  return changeTicket(
    db,
    options,
    options.ticketId,
    "transfer",
    options.now,
    async ({ repo, ticket, counterId }) => {
      let targetCounterId: string | null = null;
      let targetDepartmentId: string | null = null;
      if ("counterId" in options.to) {
        const target = await repo.findCounter(options.municipalityId, options.to.counterId);
        if (!target || target.officeId !== ticket.officeId || target.id === counterId)
          throw refuse("transferTargetRequired", undefined, "to");
        targetCounterId = target.id;
      } else {
        const departmentId = options.to.departmentId;
        const departments = await repo.listOfficeDepartments(options.municipalityId, ticket.officeId);
        if (!departments.some((d) => d.id === departmentId))
          throw refuse("transferTargetRequired", undefined, "to");
        targetDepartmentId = departmentId;
      }
      if (!targetCounterId && !targetDepartmentId) throw new AppError("VALIDATION");
      const seconds = ticket.status === "called" ? null : segmentSeconds(ticket, options.now);
      return {
        patch: {
          status: "waiting",
          counterId: null,
          targetCounterId,
          targetDepartmentId,
          waitingSince: options.now,
          segmentStartedAt: null,
          segmentSeconds: 0,
          pauseReason: null,
        },
        kind: "transferred",
        serviceSeconds: seconds,
        detail: targetCounterId ? { toCounterId: targetCounterId } : { toDepartmentId: targetDepartmentId },
      };
    },
  );
}
