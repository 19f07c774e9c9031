import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { japanTime } from "./calendar";
import { chooseNext } from "./call-order";
import { laneOf } from "./queue";
import { refuse } from "./queue.errors";
import { type CounterInfo, queueRepository, type TicketRow } from "./queue.repository";
import { publishQueueEvent } from "./queue-events";
import type { StaffAtCounter } from "./ticket-change";
import { type OneStopTicketCalledHook, onOneStopTicketCalled } from "./visit-seam";

export interface CallNextOptions extends StaffAtCounter {
  now: Date;
  /** The visits module's hook; by default the seam in visit-seam.ts. */
  onOneStopTicketCalled?: OneStopTicketCalledHook;
}

export interface CalledTicket {
  ticket: TicketRow;
  counter: CounterInfo;
  seq: number;
}

/**
 * Calls the next ticket to the staff member's counter: from the purposes it serves and the tickets
 * sent to it or to its department, by the call order (reservations and priority cases first, nobody
 * starved). The counter must have nothing called or in service; with nothing waiting it refuses and
 * nothing changes. A one-stop counter's call opens the ticket's visit through the seam.
 */
export async function callNext(db: Db, options: CallNextOptions): Promise<CalledTicket> {
  const { municipalityId, now } = options;
  if (!options.counterId) throw refuse("noCounter");
  const hook = options.onOneStopTicketCalled ?? onOneStopTicketCalled;
  const counterId = options.counterId;
  return db.transaction(async (tx) => {
    const repo = queueRepository(tx);
    const counter = await repo.findCounter(municipalityId, counterId);
    if (!counter || counter.officeId !== options.officeId) throw new AppError("NOT_FOUND");
    const office = await repo.lockOffice(municipalityId, counter.officeId);
    if (!office) throw new AppError("NOT_FOUND");
    const today = japanTime(now).date;
    const inHand = (await repo.ticketsAtCounter(municipalityId, counter.id, today)).find(
      (t) => t.status === "called" || t.status === "serving",
    );
    if (inHand) throw refuse("counterBusy", { number: String(inHand.number) });
    const purposes = await repo.listPurposes(municipalityId, counter.officeId);
    const served = purposes.filter((p) => p.counterIds.includes(counter.id)).map((p) => p.id);
    const waiting = await repo.waitingFor(municipalityId, counter, served, today);
    const next = chooseNext(
      waiting.map((t) => ({ ...t, transferred: laneOf(t) !== "purpose" })),
      now,
    );
    if (!next) throw refuse("nothingWaiting");
    let ticket = await repo.updateTicket(municipalityId, next.id, {
      status: "called",
      counterId: counter.id,
      firstCalledAt: next.firstCalledAt ?? now,
    });
    await repo.insertEvent({
      municipalityId,
      officeId: counter.officeId,
      ticketId: ticket.id,
      purposeId: ticket.purposeId,
      seq: office.eventSeq,
      kind: "called",
      at: now,
      counterId: counter.id,
      staffId: options.staffId,
      lane: laneOf(next),
      detail: { waitedSeconds: Math.round((now.getTime() - next.waitingSince.getTime()) / 1000) },
    });
    if (counter.oneStop) {
      const visitId = await hook(tx, {
        municipalityId,
        officeId: counter.officeId,
        ticketId: ticket.id,
        counterId: counter.id,
        staffId: options.staffId,
        visitId: ticket.visitId,
        calledAt: now,
      });
      if (visitId !== ticket.visitId)
        ticket = await repo.updateTicket(municipalityId, ticket.id, { visitId });
    }
    // A counter that calls is open, whatever it said before.
    await repo.openCounterIfClosed({
      counterId: counter.id,
      municipalityId,
      officeId: counter.officeId,
      changedAt: now,
      changedBy: options.staffId,
    });
    await publishQueueEvent(tx, {
      type: "ticket.called",
      municipalityId,
      officeId: counter.officeId,
      seq: office.eventSeq,
      ticketId: ticket.id,
      counterId: counter.id,
    });
    return { ticket, counter, seq: office.eventSeq };
  });
}
