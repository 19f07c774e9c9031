import type { TicketKind } from "./queue.table";

/**
 * Who is called next. Reservations, priority cases (配慮が必要な方) and tickets sent on from another
 * counter go first by a head start: a ticket's claim is the time it has waited plus its head start,
 * and the strongest claim is called. A normal ticket's claim grows without limit, so it is overtaken
 * only by tickets that arrived less than a head start after it: nobody starves, however many
 * reservations arrive.
 */
export const HEAD_START_MINUTES = { normal: 0, priority: 20, reservation: 30, transferred: 15 } as const;

export interface CallCandidate {
  id: string;
  number: number;
  kind: TicketKind;
  /** Waiting after a transfer from another counter. */
  transferred: boolean;
  /** Issue time, or the time of the transfer. */
  waitingSince: Date;
}

export function headStartMinutes(c: Pick<CallCandidate, "kind" | "transferred">): number {
  return Math.max(HEAD_START_MINUTES[c.kind], c.transferred ? HEAD_START_MINUTES.transferred : 0);
}

/** Milliseconds waited plus the head start. */
export function claimMs(c: CallCandidate, now: Date): number {
  return now.getTime() - c.waitingSince.getTime() + headStartMinutes(c) * 60_000;
}

/** Candidates in the order they would be called now (ties: the earlier waiter, then the lower number). */
export function callOrder<T extends CallCandidate>(candidates: readonly T[], now: Date): T[] {
  return [...candidates].sort(
    (a, b) =>
      claimMs(b, now) - claimMs(a, now) ||
      a.waitingSince.getTime() - b.waitingSince.getTime() ||
      a.number - b.number,
  );
}

export function chooseNext<T extends CallCandidate>(candidates: readonly T[], now: Date): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const d = claimMs(c, now) - claimMs(best, now);
    if (
      d > 0 ||
      (d === 0 &&
        (c.waitingSince.getTime() < best.waitingSince.getTime() ||
          (c.waitingSince.getTime() === best.waitingSince.getTime() && c.number < best.number)))
    )
      best = c;
  }
  return best;
}
