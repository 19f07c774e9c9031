import type { Db, DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { checkAction, type Lane, laneOf, type TicketAction } from "./queue";
import { refuse } from "./queue.errors";
import { type QueueRepository, queueRepository, type TicketRow } from "./queue.repository";
import type { TicketEventKind } from "./queue.table";
import { publishQueueEvent, type QueueEvent, type QueueEventType } from "./queue-events";

/** A staff member acting from the counter chosen in their session. */
export interface StaffAtCounter {
  municipalityId: string;
  officeId: string;
  staffId: string;
  counterId: string | null;
}

export interface ChangeContext {
  tx: DbOrTx;
  repo: QueueRepository;
  ticket: TicketRow;
  lane: Lane;
  counterId: string;
  seq: number;
}

export interface TicketChange {
  patch: Partial<TicketRow>;
  kind: TicketEventKind;
  serviceSeconds?: number | null;
  detail?: Record<string, unknown>;
}

export interface ChangedTicket {
  ticket: TicketRow;
  seq: number;
}

/** Seconds of service in the running segment, pauses excluded. */
export function segmentSeconds(ticket: TicketRow, now: Date): number {
  const running =
    ticket.status === "serving" && ticket.segmentStartedAt
      ? Math.max(0, Math.round((now.getTime() - ticket.segmentStartedAt.getTime()) / 1000))
      : 0;
  return ticket.segmentSeconds + running;
}

/**
 * The common path of every staff action on a called ticket, in one transaction: the office row is
 * taken first (so actions on one office run one at a time and get the next event number), the ticket
 * is read again under it, the action is checked against its status and counter, then the ticket is
 * changed, the event recorded and published. A refusal changes nothing.
 */
export async function changeTicket(
  db: Db,
  actor: StaffAtCounter,
  ticketId: string,
  action: TicketAction,
  now: Date,
  apply: (ctx: ChangeContext) => Promise<TicketChange> | TicketChange,
): Promise<ChangedTicket> {
  return db.transaction(async (tx) => {
    const repo = queueRepository(tx);
    const found = await repo.findTicket(actor.municipalityId, ticketId);
    if (!found || found.officeId !== actor.officeId) throw new AppError("NOT_FOUND");
    const counterId = actor.counterId;
    if (!counterId) throw refuse("noCounter");
    const office = await repo.lockOffice(actor.municipalityId, found.officeId);
    if (!office) throw new AppError("NOT_FOUND");
    const ticket = (await repo.findTicket(actor.municipalityId, ticketId)) ?? found;
    const check = checkAction(ticket.status, action);
    if (check === "finished") throw refuse("ticketFinished", { number: String(ticket.number) });
    if (check === "invalid")
      throw refuse("invalidTransition", { number: String(ticket.number), status: ticket.status });
    if (ticket.counterId !== counterId) throw refuse("otherCounter", { number: String(ticket.number) });
    const lane = laneOf(ticket);
    const change = await apply({ tx, repo, ticket, lane, counterId, seq: office.eventSeq });
    const updated =
      Object.keys(change.patch).length > 0
        ? await repo.updateTicket(actor.municipalityId, ticket.id, change.patch)
        : ticket;
    await repo.insertEvent({
      municipalityId: actor.municipalityId,
      officeId: ticket.officeId,
      ticketId: ticket.id,
      purposeId: ticket.purposeId,
      seq: office.eventSeq,
      kind: change.kind,
      at: now,
      counterId,
      staffId: actor.staffId,
      lane,
      serviceSeconds: change.serviceSeconds ?? null,
      detail: change.detail ?? {},
    });
    const event: QueueEvent = {
      type: `ticket.${change.kind}` as QueueEventType,
      municipalityId: actor.municipalityId,
      officeId: ticket.officeId,
      seq: office.eventSeq,
      ticketId: ticket.id,
      counterId,
    };
    await publishQueueEvent(tx, event);
    return { ticket: updated, seq: office.eventSeq };
  });
}
