// The KPI definitions as data, fiscal-year arithmetic and the comparison with a target: pure, no I/O.
// docs/kpi.md states each definition in words; this file and kpi.repository.ts are what computes it.

export const kpiIds = [
  "stay",
  "wait",
  "service",
  "noShow",
  "oneStop",
  "formsPerVisit",
  "questionsAsked",
  "fieldsFilled",
  "namesWritten",
  "signatures",
  "deliveriesDone",
  "deliveriesLate",
  "deliveriesDead",
  "satisfactionScore",
  "satisfied",
] as const;
export type KpiId = (typeof kpiIds)[number];

/**
 * How a KPI's values read: `duration` values are seconds (shown in minutes); `share` values are 1 or 0
 * per case (the sum is the number, the mean the share); `count` is one per case; `number` is a
 * quantity per case (forms per visit, a score).
 */
export type KpiKind = "duration" | "share" | "count" | "number";

/**
 * A KPI as data. Its name and its definition in words are catalogue messages, `kpi.metric.<id>` and
 * `kpi.metricDefinition.<id>` (locales/<lang>/kpi.json; the latter the sentence of docs/kpi.md, shortened).
 */
export interface KpiDefinition {
  id: KpiId;
  kind: KpiKind;
  /** The dimensions the source carries. */
  dimensions: readonly Dimension[];
}

export const dimensions = ["office", "purpose", "event"] as const;
export type Dimension = (typeof dimensions)[number];
export const granularities = ["day", "week", "month", "fy"] as const;
export type Granularity = (typeof granularities)[number];
export type GroupBy = "none" | Dimension | Granularity;

const all = dimensions;
const noPurpose = ["office", "event"] as const;

export const kpiDefinitions: readonly KpiDefinition[] = [
  {
    id: "stay",
    kind: "duration",
    dimensions: all,
  },
  {
    id: "wait",
    kind: "duration",
    dimensions: all,
  },
  {
    id: "service",
    kind: "duration",
    dimensions: all,
  },
  {
    id: "noShow",
    kind: "share",
    dimensions: all,
  },
  {
    id: "oneStop",
    kind: "count",
    dimensions: all,
  },
  {
    id: "formsPerVisit",
    kind: "number",
    dimensions: all,
  },
  {
    id: "questionsAsked",
    kind: "number",
    dimensions: all,
  },
  {
    id: "fieldsFilled",
    kind: "number",
    dimensions: all,
  },
  {
    id: "namesWritten",
    kind: "number",
    dimensions: all,
  },
  {
    id: "signatures",
    kind: "number",
    dimensions: all,
  },
  {
    id: "deliveriesDone",
    kind: "share",
    dimensions: noPurpose,
  },
  {
    id: "deliveriesLate",
    kind: "share",
    dimensions: noPurpose,
  },
  {
    id: "deliveriesDead",
    kind: "share",
    dimensions: noPurpose,
  },
  {
    id: "satisfactionScore",
    kind: "number",
    dimensions: noPurpose,
  },
  {
    id: "satisfied",
    kind: "share",
    dimensions: noPurpose,
  },
];

export function kpiDefinition(id: KpiId): KpiDefinition {
  const found = kpiDefinitions.find((k) => k.id === id);
  if (!found) throw new Error(`unknown KPI ${id}`);
  return found;
}

/** Japanese fiscal year (April–March) of an ISO date: 2027-03-31 → 2026, 2027-04-01 → 2027. */
export function fiscalYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/** The aggregate of one group: count, sum, mean, median and 90th percentile of the values. */
export interface KpiFigures {
  key: string;
  count: number;
  sum: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  /** Median and p90 placed within their duration buckets (the dashboard over many values), not exact. */
  approximate?: true;
}

/**
 * The statistics computed exactly as the database does: mean = sum / count; median and p90 by linear
 * interpolation between the closest ranks (PostgreSQL `percentile_cont`). Used by the tests to check
 * the SQL and by anyone recomputing a figure from the raw timestamps.
 */
export function figuresOf(key: string, values: readonly number[]): KpiFigures {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  const pct = (p: number): number | null => {
    if (sorted.length === 0) return null;
    const rank = p * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    const a = sorted[lo] as number;
    const b = sorted[hi] as number;
    return a + (b - a) * (rank - lo);
  };
  return {
    key,
    count: sorted.length,
    sum,
    mean: sorted.length ? sum / sorted.length : null,
    median: pct(0.5),
    p90: pct(0.9),
  };
}

/** The figure a KPI is judged by: the number of cases, a share, or a mean. */
export function headline(kind: KpiKind, f: KpiFigures): number | null {
  if (kind === "count") return f.count;
  if (f.count === 0) return null;
  return f.mean;
}
