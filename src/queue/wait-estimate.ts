/**
 * Honest waiting times, from the service times measured recently for the purpose and the counters
 * open now. Pure arithmetic, so the rules can be read and tested in a table.
 *
 * - No counter of the queue open today: no estimate ("unknown", noOpenCounter): nobody is being served.
 * - An open counter free now for everyone ahead and this ticket: "soon" (called at the next press of
 *   the counter's button), whatever the service times.
 * - Fewer than MIN_SAMPLES services timed: no estimate ("unknown", noSamples): a configured default is a
 *   guess, and a guess printed as "about 0–60 minutes" is what residents complained about.
 * - Otherwise a range. With `ahead` people in front, of whom the free counters take `free` at once, and
 *   `servers` open counters for the rest, a resident is called after floor((ahead − free) / servers) full
 *   rounds of service: optimistic, those rounds at the quick end of recent services; pessimistic, one
 *   more round (the busy counters have just started), at the slow end. The ends are quantiles whose
 *   spread narrows as measurements grow: the 10th–90th percentile at MIN_SAMPLES services, the quartiles
 *   from FULL_SAMPLES on.
 */
export const MIN_SAMPLES = 5;
export const FULL_SAMPLES = 20;

export interface ServiceTimeRange {
  lowMinutes: number;
  highMinutes: number;
  samples: number;
}

export interface WaitInput {
  ahead: number;
  /** Counters of this queue open today. */
  servers: number;
  /** Of those, the ones with nobody called or in service now (default 0: all busy). */
  free?: number;
  /** Recent service times for the purpose, in minutes (any order). */
  samplesMinutes: readonly number[];
}

export type WaitEstimate =
  | { basis: "measured"; minMinutes: number; maxMinutes: number; samples: number }
  | { basis: "soon" }
  | { basis: "unknown"; reason: "noSamples" | "noOpenCounter" };

/** The nearest-rank quantile of sorted values (q in 0..1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** The quick and slow ends of recent services, or undefined below MIN_SAMPLES usable times. */
export function serviceTimeRange(samplesMinutes: readonly number[]): ServiceTimeRange | undefined {
  const usable = samplesMinutes.filter((m) => Number.isFinite(m) && m > 0);
  if (usable.length < MIN_SAMPLES) return undefined;
  const sorted = [...usable].sort((a, b) => a - b);
  // 0.40 either side of the median at MIN_SAMPLES, 0.25 (the quartiles) from FULL_SAMPLES on.
  const grow = Math.min(1, (usable.length - MIN_SAMPLES) / (FULL_SAMPLES - MIN_SAMPLES));
  const spread = 0.4 - 0.15 * grow;
  return {
    lowMinutes: quantile(sorted, 0.5 - spread),
    highMinutes: quantile(sorted, 0.5 + spread),
    samples: usable.length,
  };
}

export function estimateWait(input: WaitInput): WaitEstimate {
  const servers = Math.max(0, Math.floor(input.servers));
  const free = Math.min(servers, Math.max(0, Math.floor(input.free ?? 0)));
  const ahead = Math.max(0, Math.floor(input.ahead));
  if (servers === 0) return { basis: "unknown", reason: "noOpenCounter" };
  if (ahead < free) return { basis: "soon" };
  const range = serviceTimeRange(input.samplesMinutes);
  if (!range) return { basis: "unknown", reason: "noSamples" };
  const rounds = Math.floor((ahead - free) / servers);
  return {
    basis: "measured",
    minMinutes: Math.floor(rounds * range.lowMinutes),
    maxMinutes: Math.ceil((rounds + 1) * range.highMinutes),
    samples: range.samples,
  };
}

/**
 * What a sign or page shows, in 5-minute steps rounded outwards: "about 10–25 minutes", "within about
 * 20 minutes" (when the quick end is under 5 minutes), "soon", or why there is no estimate.
 */
export type WaitShown =
  | { kind: "range"; min: number; max: number }
  | { kind: "upTo"; max: number }
  | { kind: "soon" }
  | { kind: "noSamples" }
  | { kind: "noOpenCounter" };

export function shownWait(estimate: WaitEstimate): WaitShown {
  if (estimate.basis === "soon") return { kind: "soon" };
  if (estimate.basis === "unknown") return { kind: estimate.reason };
  const min = Math.floor(estimate.minMinutes / 5) * 5;
  const max = Math.max(min + 5, Math.ceil(estimate.maxMinutes / 5) * 5);
  return min === 0 ? { kind: "upTo", max } : { kind: "range", min, max };
}

/** The sentence of each kind, with `{min}` and `{max}` left for the values: what pages and their scripts fill. */
export type WaitTemplates = Record<WaitShown["kind"], string>;

export function fillWait(templates: WaitTemplates, w: WaitShown): string {
  const template = templates[w.kind] ?? "";
  return template
    .replace("{min}", "min" in w ? String(w.min) : "")
    .replace("{max}", "max" in w ? String(w.max) : "");
}
