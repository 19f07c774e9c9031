// The dashboard's figures from the rollups' histograms: pure, no I/O. A rollup row keeps, per KPI and
// group, the number of values, their exact sum, and how many values fell on each bucket key. For every
// KPI but the durations a key is the (integer) value itself, so the histogram is the exact multiset and
// every figure is exact. Durations go into buckets — 15 s wide below 30 minutes, 1 minute below 2 hours,
// 5 minutes above — and their median and p90 are placed inside their bucket (docs/kpi.md, "Precision").
import type { KpiFigures, KpiId } from "./kpi";

export const bucketedKpis: ReadonlySet<KpiId> = new Set<KpiId>(["stay", "wait", "service"]);

/** The lower bound of the bucket a duration (whole seconds) falls in. */
export function durationBucket(seconds: number): number {
  const width = seconds < 1800 ? 15 : seconds < 7200 ? 60 : 300;
  return Math.floor(seconds / width) * width;
}

/** The width of the duration bucket whose lower bound is `key` (0 for an exact value). */
export function bucketWidth(key: number, bucketed: boolean): number {
  if (!bucketed) return 0;
  return key < 1800 ? 15 : key < 7200 ? 60 : 300;
}

/** The same bucketing as `durationBucket`, for SQL over a float8 value `v`. */
export const durationBucketSql = (v: string): string =>
  `(case when ${v} < 1800 then floor(${v} / 15) * 15 when ${v} < 7200 then floor(${v} / 60) * 60 else floor(${v} / 300) * 300 end)::int`;

export interface Histogram {
  n: number;
  total: number;
  counts: Map<number, number>;
}

export const emptyHistogram = (): Histogram => ({ n: 0, total: 0, counts: new Map() });

/** Adds one rollup row (or any histogram given as parallel arrays) into `into`. */
export function addToHistogram(
  into: Histogram,
  n: number,
  total: number,
  keys: readonly number[],
  counts: readonly number[],
): void {
  into.n += n;
  into.total += total;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    into.counts.set(key, (into.counts.get(key) ?? 0) + (counts[i] as number));
  }
}

/**
 * Count, sum, mean, median and p90 of a histogram, with the percentiles interpolated between the two
 * closest ranks as PostgreSQL's `percentile_cont` does (rank = p × (n − 1), from 0). The value at a rank
 * is the key itself for an exact histogram; in a bucket of width w holding c values, the i-th of them
 * (from 0) is placed at key + (i + ½) × w ÷ c, within the bucket, so the error is below w.
 */
export function figuresOfHistogram(key: string, h: Histogram, bucketed: boolean): KpiFigures {
  if (h.n === 0) return { key, count: 0, sum: 0, mean: null, median: null, p90: null };
  const keys = [...h.counts.keys()].sort((a, b) => a - b);
  const valueAt = (position: number): number => {
    let before = 0;
    for (const k of keys) {
      const c = h.counts.get(k) as number;
      if (position < before + c) {
        const width = bucketWidth(k, bucketed);
        return width === 0 ? k : k + ((position - before + 0.5) * width) / c;
      }
      before += c;
    }
    return keys[keys.length - 1] as number;
  };
  const pct = (p: number): number => {
    const rank = p * (h.n - 1);
    const lo = Math.floor(rank);
    const a = valueAt(lo);
    const b = valueAt(Math.ceil(rank));
    return a + (b - a) * (rank - lo);
  };
  return { key, count: h.n, sum: h.total, mean: h.total / h.n, median: pct(0.5), p90: pct(0.9) };
}

/**
 * How far a bucketed percentile may be from the exact one, given the values sorted: the width of the
 * bucket of the upper of the two values it is interpolated between (widths grow with the value, so that
 * width bounds the error at both). For the tests, and for anyone checking a dashboard figure.
 */
export function percentileErrorBound(sorted: readonly number[], p: number): number {
  const upper = sorted[Math.ceil(p * (sorted.length - 1))] as number;
  return bucketWidth(durationBucket(upper), true);
}
