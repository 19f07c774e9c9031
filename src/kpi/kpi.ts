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

export interface KpiDefinition {
  id: KpiId;
  kind: KpiKind;
  label: { ja: string; en: string };
  /** The sentence of docs/kpi.md, shortened for the page. */
  definition: { ja: string; en: string };
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
    label: { ja: "滞在時間", en: "Time in the building" },
    definition: {
      ja: "発券から、その番号札の最後の用件が終わるまで（窓口の移動を含む）。",
      en: "Ticket issued → the last service of that ticket finished, across transfers.",
    },
    dimensions: all,
  },
  {
    id: "wait",
    kind: "duration",
    label: { ja: "待ち時間", en: "Waiting time" },
    definition: { ja: "発券から最初の呼出しまで。", en: "Ticket issued → first call." },
    dimensions: all,
  },
  {
    id: "service",
    kind: "duration",
    label: { ja: "対応時間（窓口ごと）", en: "Service time (per counter)" },
    definition: {
      ja: "窓口ごとに、呼出しから対応終了（または窓口の移動）まで。",
      en: "Call → finish (or transfer), once per counter that served the ticket.",
    },
    dimensions: all,
  },
  {
    id: "noShow",
    kind: "share",
    label: { ja: "不在（呼出しに来なかった）", en: "No-shows" },
    definition: {
      ja: "終了した番号札のうち、呼出しに来ず不在となったもの。",
      en: "Ended tickets that ended absent (called, the resident did not come).",
    },
    dimensions: all,
  },
  {
    id: "oneStop",
    kind: "count",
    label: { ja: "ワンストップ窓口の利用件数", en: "One-stop counter use (cases)" },
    definition: {
      ja: "受理した来庁（受理日で数える）。",
      en: "Accepted visits, counted on the day of acceptance.",
    },
    dimensions: all,
  },
  {
    id: "formsPerVisit",
    kind: "number",
    label: { ja: "1件あたりの申請書数", en: "Forms per visit" },
    definition: { ja: "受理した来庁ごとに作成した申請書の数。", en: "Forms produced per accepted visit." },
    dimensions: all,
  },
  {
    id: "questionsAsked",
    kind: "number",
    label: { ja: "聞き取った質問数", en: "Questions asked" },
    definition: {
      ja: "受理した来庁ごとに窓口で聞き取った質問の数。",
      en: "Questions asked per accepted visit.",
    },
    dimensions: all,
  },
  {
    id: "fieldsFilled",
    kind: "number",
    label: { ja: "システムが記入した項目数", en: "Fields filled by the system" },
    definition: {
      ja: "受理した来庁ごとに、申請書へシステムが記入した項目の数。",
      en: "Form fields the system filled per accepted visit.",
    },
    dimensions: all,
  },
  {
    id: "namesWritten",
    kind: "number",
    label: { ja: "住民が手書きした氏名の数", en: "Names written by the resident" },
    definition: {
      ja: "受理した来庁ごとに住民が手で書いた氏名の数（目標は0）。",
      en: "Names the resident wrote by hand per accepted visit (the goal is zero).",
    },
    dimensions: all,
  },
  {
    id: "signatures",
    kind: "number",
    label: { ja: "署名の数", en: "Signatures" },
    definition: { ja: "受理した来庁ごとの署名の数。", en: "Signatures per accepted visit." },
    dimensions: all,
  },
  {
    id: "deliveriesDone",
    kind: "share",
    label: { ja: "基幹システムへの連携（完了）", en: "Deliveries done" },
    definition: {
      ja: "受理で作られた連携のうち、完了したもの（作成日で数える）。",
      en: "Deliveries to the core systems that are done, counted on the day they were enqueued.",
    },
    dimensions: noPurpose,
  },
  {
    id: "deliveriesLate",
    kind: "share",
    label: { ja: "連携の遅れ（1時間超）", en: "Deliveries late (over 1 hour)" },
    definition: {
      ja: "受理から1時間以内に完了しなかった連携（まだ完了していないものを含む）。",
      en: "Deliveries not done within one hour of acceptance (including those still not done).",
    },
    dimensions: noPurpose,
  },
  {
    id: "deliveriesDead",
    kind: "share",
    label: { ja: "連携の失敗（停止）", en: "Deliveries dead" },
    definition: {
      ja: "再試行を使い切り、停止した連携。",
      en: "Deliveries that used up their retries and stopped (dead).",
    },
    dimensions: noPurpose,
  },
  {
    id: "satisfactionScore",
    kind: "number",
    label: { ja: "満足度（5段階の平均）", en: "Satisfaction (5-point score)" },
    definition: {
      ja: "来庁後アンケートの5段階評価（5が最も満足）。",
      en: "The survey's 5-point answer (5 = very satisfied).",
    },
    dimensions: noPurpose,
  },
  {
    id: "satisfied",
    kind: "share",
    label: { ja: "満足と答えた割合", en: "Satisfied residents (%)" },
    definition: {
      ja: "アンケートの回答のうち4または5と答えた割合。",
      en: "Share of survey answers that are 4 or 5.",
    },
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
