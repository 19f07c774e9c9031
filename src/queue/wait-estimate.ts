/**
 * Honest waiting times: a range, from the service times measured recently for the purpose and the
 * counters open now. Pure arithmetic, so the rules can be read and tested in a table.
 *
 * With `ahead` people in front and `servers` counters calling them, a resident is called after
 * floor(ahead / servers) full rounds of service:
 * - optimistic: those rounds at the quick end of recent services (first quartile), and the counters now
 *   busy free up at once;
 * - pessimistic: one more round (every counter has just started a service), at the slow end (third
 *   quartile).
 * Until MIN_SAMPLES services have been timed, the purpose's default time stands in: half of it for the
 * quick end and one and a half times it for the slow end.
 */
export const MIN_SAMPLES = 5;

export interface ServiceTimeRange {
  lowMinutes: number;
  highMinutes: number;
  basis: "measured" | "default";
}

export interface WaitInput {
  ahead: number;
  /** Counters open now that call this queue; when none is open, those configured for it. */
  servers: number;
  /** Recent service times for the purpose, in minutes (any order). */
  samplesMinutes: readonly number[];
  defaultMinutes: number;
}

export interface WaitEstimate {
  minMinutes: number;
  maxMinutes: number;
  basis: "measured" | "default";
}

/** The nearest-rank quantile of sorted values (q in 0..1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function serviceTimeRange(
  samplesMinutes: readonly number[],
  defaultMinutes: number,
): ServiceTimeRange {
  const usable = samplesMinutes.filter((m) => Number.isFinite(m) && m > 0);
  if (usable.length < MIN_SAMPLES) {
    return { lowMinutes: defaultMinutes * 0.5, highMinutes: defaultMinutes * 1.5, basis: "default" };
  }
  const sorted = [...usable].sort((a, b) => a - b);
  return { lowMinutes: quantile(sorted, 0.25), highMinutes: quantile(sorted, 0.75), basis: "measured" };
}

export function estimateWait(input: WaitInput): WaitEstimate {
  const servers = Math.max(1, Math.floor(input.servers));
  const ahead = Math.max(0, Math.floor(input.ahead));
  const range = serviceTimeRange(input.samplesMinutes, input.defaultMinutes);
  const rounds = Math.floor(ahead / servers);
  return {
    minMinutes: Math.floor(rounds * range.lowMinutes),
    maxMinutes: Math.ceil((rounds + 1) * range.highMinutes),
    basis: range.basis,
  };
}

/** Rounds a range outwards to 5-minute steps for signs: "about 10–25 minutes". */
export function roundedRange(estimate: WaitEstimate): { min: number; max: number } {
  const min = Math.floor(estimate.minMinutes / 5) * 5;
  const max = Math.max(min + 5, Math.ceil(estimate.maxMinutes / 5) * 5);
  return { min, max };
}
