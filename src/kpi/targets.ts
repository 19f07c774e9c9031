import { z } from "zod";
import { type KpiId, kpiIds } from "./kpi";

/**
 * A yearly target of a municipality's plan. `scope` narrows the cases the target speaks of (the plan
 * measured the stay time on a move-in at 中央区); `unit` says how `byYear` reads: minutes of a mean
 * duration, a percentage of a share, or a number of cases in the fiscal year.
 */
export const targetSchema = z.strictObject({
  kpi: z.enum(kpiIds),
  scope: z.strictObject({ officeCode: z.string().optional(), eventType: z.string().optional() }).default({}),
  unit: z.enum(["minutes", "percent", "cases"]),
  direction: z.enum(["atMost", "atLeast"]),
  byYear: z.record(z.string().regex(/^\d{4}$/), z.number().nonnegative()),
  source: z.string(),
});
export type KpiTarget = z.output<typeof targetSchema>;

export const targetsSchema = z.record(z.string(), z.array(targetSchema));

/** Kumamoto City's plan (fiscal years April–March), and the earlier plans' waiting-time target. */
const configured: Record<string, unknown[]> = {
  kumamoto: [
    {
      kpi: "oneStop",
      unit: "cases",
      direction: "atLeast",
      byYear: { "2024": 0, "2025": 10200, "2026": 62600, "2027": 76300 },
      source: "熊本市 書かないワンストップ窓口 KPI（システム利用件数）",
    },
    {
      kpi: "stay",
      scope: { officeCode: "chuo", eventType: "move-in" },
      unit: "minutes",
      direction: "atMost",
      byYear: { "2024": 129, "2025": 119, "2026": 99, "2027": 79 },
      source: "熊本市 KPI（中央区・市外からの転入の庁舎滞在時間）",
    },
    {
      kpi: "satisfied",
      unit: "percent",
      direction: "atLeast",
      byYear: { "2024": 76.6, "2025": 79.0, "2026": 82.0, "2027": 85.0 },
      source: "熊本市 KPI（窓口利用者の満足度）",
    },
    {
      kpi: "wait",
      scope: { eventType: "move-in" },
      unit: "minutes",
      direction: "atMost",
      byYear: { "2020": 12, "2023": 9 },
      source: "熊本市 前計画（2020–2023）転入の待ち時間",
    },
  ],
};

/** Every municipality's targets, validated once: a bad entry stops the process at start. */
export const kpiTargets: Record<string, KpiTarget[]> = targetsSchema.parse(configured);

export function targetsOf(municipalityId: string, kpi: KpiId): KpiTarget[] {
  return (kpiTargets[municipalityId] ?? []).filter((t) => t.kpi === kpi);
}

/** Converts a figure to the target's unit: seconds → minutes, a 0–1 share → percent. */
export function inTargetUnit(target: KpiTarget, value: number): number {
  if (target.unit === "minutes") return value / 60;
  if (target.unit === "percent") return value * 100;
  return value;
}

export function meetsTarget(target: KpiTarget, value: number, goal: number): boolean {
  return target.direction === "atMost" ? value <= goal : value >= goal;
}

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The goal a fiscal year's figure is judged against on `today`. A number of cases ("cases") grows
 * through the year, so its goal is pro-rated to the days elapsed, today included (share of the year);
 * a mean or a share is judged against the whole-year goal from the first day.
 */
export function goalToDate(
  target: KpiTarget,
  goal: number,
  today: string,
  fiscalYear: number,
): { goal: number; share: number } {
  if (target.unit !== "cases") return { goal, share: 1 };
  const start = dayNumber(`${fiscalYear}-04-01`);
  const days = dayNumber(`${fiscalYear + 1}-04-01`) - start;
  const elapsed = Math.min(days, Math.max(0, dayNumber(today) - start + 1));
  const share = elapsed / days;
  return { goal: Math.round(goal * share), share };
}
