import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { refuse } from "./queue.errors";
import { queueRepository } from "./queue.repository";
import { publishQueueEvent } from "./queue-events";
import type { StaffAtCounter } from "./ticket-change";

export interface SetCounterOpenOptions extends StaffAtCounter {
  open: boolean;
  /** Why the counter stops calling (a break, a meeting): required to close it. */
  reason?: string;
  now: Date;
}

export const COUNTER_REASON_MAX = 100;

/** Opens or closes the staff member's counter: closed counters do not count in the wait estimates. */
export async function setCounterOpen(db: Db, options: SetCounterOpenOptions): Promise<{ seq: number }> {
  const counterId = options.counterId;
  if (!counterId) throw refuse("noCounter");
  const reason = options.reason?.normalize("NFKC").trim() ?? "";
  if (!options.open && (reason.length === 0 || reason.length > COUNTER_REASON_MAX))
    throw refuse("pauseReasonRequired", { max: String(COUNTER_REASON_MAX) }, "reason");
  return db.transaction(async (tx) => {
    const repo = queueRepository(tx);
    const counter = await repo.findCounter(options.municipalityId, counterId);
    if (!counter || counter.officeId !== options.officeId) throw new AppError("NOT_FOUND");
    const office = await repo.lockOffice(options.municipalityId, counter.officeId);
    if (!office) throw new AppError("NOT_FOUND");
    await repo.setCounterState({
      counterId,
      municipalityId: options.municipalityId,
      officeId: counter.officeId,
      open: options.open,
      reason: options.open ? null : reason,
      changedAt: options.now,
      changedBy: options.staffId,
    });
    await publishQueueEvent(tx, {
      type: "counter.changed",
      municipalityId: options.municipalityId,
      officeId: counter.officeId,
      seq: office.eventSeq,
      counterId,
    });
    return { seq: office.eventSeq };
  });
}
