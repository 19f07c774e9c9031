import type { LocaleMap } from "../shared/locale";
import { callOrder } from "./call-order";
import { type Lane, laneOf } from "./queue";
import type { TicketKind, TicketStatus } from "./queue.table";
import { estimateWait, type WaitEstimate } from "./wait-estimate";

/**
 * The state of one office's queue at an instant, as displays and phone pages show it: the latest calls,
 * the waits per purpose, and each ticket's place. Pure: computed from rows the repository reads.
 */
export interface BoardInput {
  officeId: string;
  municipalityId: string;
  seq: number;
  serviceDate: string;
  nearlyCalledAhead: number;
  purposes: ReadonlyArray<{
    id: string;
    code: string;
    labels: LocaleMap;
    defaultServiceMinutes: number;
    counterIds: readonly string[];
  }>;
  counters: ReadonlyArray<{
    id: string;
    number: number;
    labels: LocaleMap;
    departmentId: string | null;
  }>;
  openCounterIds: ReadonlySet<string>;
  tickets: ReadonlyArray<{
    id: string;
    number: number;
    purposeId: string;
    kind: TicketKind;
    status: TicketStatus;
    waitingSince: Date;
    targetCounterId: string | null;
    targetDepartmentId: string | null;
    counterId: string | null;
  }>;
  /** Calls and recalls, newest first. */
  recentCalls: ReadonlyArray<{
    seq: number;
    kind: "called" | "recalled";
    at: Date;
    ticketId: string;
    number: number;
    counterId: string;
  }>;
  /** Recent service times per purpose id, in minutes. */
  samples: ReadonlyMap<string, readonly number[]>;
}

export interface BoardCall {
  seq: number;
  kind: "called" | "recalled";
  at: Date;
  number: number;
  counterNumber: number;
  counterLabels: LocaleMap;
  /** Still called or in service at that counter. */
  active: boolean;
}

export interface BoardPurpose {
  id: string;
  code: string;
  labels: LocaleMap;
  waiting: number;
  /** The wait of a ticket issued now. */
  estimate: WaitEstimate;
}

export interface TicketView {
  ticketId: string;
  number: number;
  purposeId: string;
  status: TicketStatus;
  /** People who would be called before this ticket, while it waits. */
  ahead: number | null;
  estimate: WaitEstimate | null;
  nearly: boolean;
  /** The counter that called it, while called, in service or paused. */
  counter: { number: number; labels: LocaleMap } | null;
}

export interface Board {
  officeId: string;
  municipalityId: string;
  seq: number;
  serviceDate: string;
  calls: BoardCall[];
  purposes: BoardPurpose[];
  tickets: Map<string, TicketView>;
}

export const BOARD_CALLS = 6;

export function computeBoard(input: BoardInput, now: Date): Board {
  const counters = new Map(input.counters.map((c) => [c.id, c]));
  const purposes = new Map(input.purposes.map((p) => [p.id, p]));
  const tickets = new Map(input.tickets.map((t) => [t.id, t]));

  // Counters with a ticket called or in service cannot call another now.
  const busy = new Set(
    input.tickets
      .filter((t) => t.counterId && (t.status === "called" || t.status === "serving"))
      .map((t) => t.counterId as string),
  );
  // A lane's servers: the counters that call it and are open today; of those, the ones free now.
  const servers = (lane: Lane, purposeId: string): { open: number; free: number } => {
    let ids: string[];
    if (lane === "purpose") ids = [...(purposes.get(purposeId)?.counterIds ?? [])];
    else if (lane.startsWith("counter:")) ids = [lane.slice("counter:".length)];
    else {
      const dep = lane.slice("department:".length);
      ids = input.counters.filter((c) => c.departmentId === dep).map((c) => c.id);
    }
    const open = ids.filter((id) => input.openCounterIds.has(id));
    return { open: open.length, free: open.filter((id) => !busy.has(id)).length };
  };
  const estimate = (lane: Lane, purposeId: string, ahead: number): WaitEstimate => {
    const s = servers(lane, purposeId);
    return estimateWait({
      ahead,
      servers: s.open,
      free: s.free,
      // Service times are measured per purpose at the purpose's own counters; elsewhere none are known.
      samplesMinutes: lane === "purpose" ? (input.samples.get(purposeId) ?? []) : [],
    });
  };

  const lanes = new Map<string, Array<BoardInput["tickets"][number] & { transferred: boolean }>>();
  for (const t of input.tickets) {
    if (t.status !== "waiting") continue;
    const lane = laneOf(t);
    const key = lane === "purpose" ? `purpose:${t.purposeId}` : lane;
    const list = lanes.get(key) ?? [];
    list.push({ ...t, transferred: lane !== "purpose" });
    lanes.set(key, list);
  }

  const views = new Map<string, TicketView>();
  for (const list of lanes.values()) {
    const ordered = callOrder(list, now);
    ordered.forEach((t, ahead) => {
      views.set(t.id, {
        ticketId: t.id,
        number: t.number,
        purposeId: t.purposeId,
        status: t.status,
        ahead,
        estimate: estimate(laneOf(t), t.purposeId, ahead),
        nearly: ahead <= input.nearlyCalledAhead,
        counter: null,
      });
    });
  }
  for (const t of input.tickets) {
    if (views.has(t.id)) continue;
    const c = t.counterId ? counters.get(t.counterId) : undefined;
    const inHand = t.status === "called" || t.status === "serving" || t.status === "paused";
    views.set(t.id, {
      ticketId: t.id,
      number: t.number,
      purposeId: t.purposeId,
      status: t.status,
      ahead: null,
      estimate: null,
      nearly: false,
      counter: inHand && c ? { number: c.number, labels: c.labels } : null,
    });
  }

  const calls: BoardCall[] = [];
  const seen = new Set<string>();
  for (const call of input.recentCalls) {
    if (calls.length >= BOARD_CALLS) break;
    if (seen.has(call.ticketId)) continue;
    seen.add(call.ticketId);
    // A ticket finished long ago is no longer among the board's tickets: it is shown, not active.
    const ticket = tickets.get(call.ticketId);
    const counter = counters.get(call.counterId);
    if (!counter) continue;
    calls.push({
      seq: call.seq,
      kind: call.kind,
      at: call.at,
      number: call.number,
      counterNumber: counter.number,
      counterLabels: counter.labels,
      active:
        ticket?.counterId === counter.id &&
        (ticket.status === "called" || ticket.status === "serving" || ticket.status === "paused"),
    });
  }

  const boardPurposes = input.purposes.map((p) => {
    const waiting = lanes.get(`purpose:${p.id}`)?.length ?? 0;
    return {
      id: p.id,
      code: p.code,
      labels: p.labels,
      waiting,
      estimate: estimate("purpose", p.id, waiting),
    };
  });

  return {
    officeId: input.officeId,
    municipalityId: input.municipalityId,
    seq: input.seq,
    serviceDate: input.serviceDate,
    calls,
    purposes: boardPurposes,
    tickets: views,
  };
}
