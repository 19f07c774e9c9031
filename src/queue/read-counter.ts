import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { isOpenToday, japanTime } from "./calendar";
import { callOrder } from "./call-order";
import { laneOf } from "./queue";
import {
  type CounterInfo,
  type DepartmentInfo,
  type Purpose,
  queueRepository,
  type TicketRow,
  type WaitingTicket,
} from "./queue.repository";

export interface ReadCounterOptions {
  municipalityId: string;
  officeId: string;
  counterId: string;
  now: Date;
}

export interface CounterDesk {
  counter: CounterInfo;
  open: boolean;
  closedReason: string | null;
  /** Called or in service here (normally one). */
  inHand: TicketRow[];
  paused: TicketRow[];
  /** What this counter would call, in order. */
  waiting: Array<WaitingTicket & { transferred: boolean }>;
  purposes: Map<string, Purpose>;
  otherCounters: CounterInfo[];
  departments: DepartmentInfo[];
}

/** Everything the counter page shows, read for the staff member's counter. */
export async function readCounter(db: Db, options: ReadCounterOptions): Promise<CounterDesk> {
  const { municipalityId, now } = options;
  const repo = queueRepository(db);
  const counter = await repo.findCounter(municipalityId, options.counterId);
  if (!counter || counter.officeId !== options.officeId) throw new AppError("NOT_FOUND");
  const today = japanTime(now).date;
  const [purposes, held, states, counters, departments] = await Promise.all([
    repo.listPurposes(municipalityId, counter.officeId),
    repo.ticketsAtCounter(municipalityId, counter.id, today),
    repo.counterStates(municipalityId, counter.officeId),
    repo.listCounters(municipalityId, counter.officeId),
    repo.listOfficeDepartments(municipalityId, counter.officeId),
  ]);
  const served = purposes.filter((p) => p.counterIds.includes(counter.id)).map((p) => p.id);
  const waiting = await repo.waitingFor(municipalityId, counter, served, today);
  const state = states.find((s) => s.counterId === counter.id);
  return {
    counter,
    open: state ? isOpenToday(state, today) : false,
    closedReason: state && !state.open ? state.reason : null,
    inHand: held.filter((t) => t.status === "called" || t.status === "serving"),
    paused: held.filter((t) => t.status === "paused"),
    waiting: callOrder(
      waiting.map((t) => ({ ...t, transferred: laneOf(t) !== "purpose" })),
      now,
    ),
    purposes: new Map(purposes.map((p) => [p.id, p])),
    otherCounters: counters.filter((c) => c.id !== counter.id),
    departments,
  };
}
