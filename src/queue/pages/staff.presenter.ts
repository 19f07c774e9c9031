import type { Problem } from "../../shared/errors";
import type { Message } from "../../shared/locale";
import type { CounterInfo, Purpose, QueueOffice } from "../queue.repository";
import type { TicketKind } from "../queue.table";
import type { Board } from "../queue-board";
import type { CounterDesk } from "../read-counter";
import { shownWait } from "../wait-estimate";
import type { CounterView } from "./counter.page";
import type { OverviewView } from "./overview.page";

export function overviewView(p: {
  office: QueueOffice;
  purposes: Purpose[];
  counters: CounterInfo[];
  board: Board;
  problems: Problem[];
  form: { purposeId: string; kind: TicketKind };
}): OverviewView {
  const counterLabels = new Map(p.counters.map((x) => [x.id, x.labels]));
  return {
    officeId: p.office.officeId,
    officeName: p.office.name,
    purposes: p.purposes.map((x) => {
      const live = p.board.purposes.find((b) => b.id === x.id);
      return {
        id: x.id,
        labels: x.labels,
        bandStart: x.bandStart,
        bandEnd: x.bandEnd,
        counters: x.counterIds.flatMap((id) => counterLabels.get(id) ?? []),
        waiting: live?.waiting ?? 0,
        wait: live ? shownWait(live.estimate) : { kind: "noOpenCounter" },
      };
    }),
    problems: p.problems,
    ...p.form,
  };
}

const noticeCodes: Record<string, string> = {
  called: "queue.noticeCalled",
  recalled: "queue.noticeRecalled",
  absent: "queue.noticeAbsent",
  started: "queue.noticeStarted",
  finished: "queue.noticeFinished",
  paused: "queue.noticePaused",
  resumed: "queue.noticeResumed",
  transferred: "queue.noticeTransferred",
  opened: "queue.noticeOpened",
  closed: "queue.noticeClosed",
};

/** What the last action did, from the redirect's query (`?done=called&n=100`), if it reads as one. */
export function noticeOf(done: string | undefined, n: string | undefined): Message | null {
  const code = done ? noticeCodes[done] : undefined;
  if (!code || (n !== undefined && !/^\d{1,4}$/.test(n))) return null;
  return { code, params: { number: n ?? "" } };
}

export function counterView(p: {
  desk: CounterDesk;
  now: Date;
  notice: Message | null;
  problems: Problem[];
}): CounterView {
  const { desk } = p;
  const purpose = (id: string) => desk.purposes.get(id)?.labels ?? null;
  const card = (x: CounterDesk["inHand"][number]) => ({
    id: x.id,
    number: x.number,
    purpose: purpose(x.purposeId),
    kind: x.kind,
    status: x.status,
    calledAt: x.firstCalledAt,
    pauseReason: x.pauseReason,
    visitId: x.visitId,
  });
  return {
    counterLabel: desk.counter.labels,
    officeId: desk.counter.officeId,
    open: desk.open,
    closedReason: desk.closedReason,
    inHand: desk.inHand.map(card),
    paused: desk.paused.map(card),
    waiting: desk.waiting.map((w) => ({
      number: w.number,
      purpose: purpose(w.purposeId),
      kind: w.kind,
      transferred: w.transferred,
      waitedMinutes: Math.max(0, Math.floor((p.now.getTime() - w.waitingSince.getTime()) / 60_000)),
    })),
    transferCounters: desk.otherCounters.map((x) => ({ id: x.id, labels: x.labels })),
    transferDepartments: desk.departments.map((d) => ({ id: d.id, labels: d.labels })),
    notice: p.notice,
    problems: p.problems,
  };
}
