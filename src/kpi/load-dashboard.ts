import type { DbOrTx } from "../db/database";
import { todayInJapan } from "../shared/dates";
import {
  type Dimension,
  fiscalYearOf,
  fiscalYearRange,
  type Granularity,
  headline,
  type KpiDefinition,
  type KpiFigures,
  type KpiId,
  kpiDefinition,
  kpiDefinitions,
} from "./kpi";
import { type KpiFilter, kpiRepository, type LiveRow } from "./kpi.repository";
import { kpiRollupsRepository, refreshKpiRollups } from "./kpi-rollups.repository";
import { goalToDate, inTargetUnit, type KpiTarget, meetsTarget, targetsOf } from "./targets";

export interface LoadDashboardOptions {
  municipalityId: string;
  from: string;
  to: string;
  officeId?: string | undefined;
  kpi: KpiId;
  by: Dimension;
  granularity: Granularity;
  now: Date;
}

export interface TargetResult {
  target: KpiTarget;
  fiscalYear: number;
  goal: number;
  /** The goal for the part of the year elapsed (a count's goal pro-rated; else the goal itself). */
  goalToDate: number;
  /** The share of the fiscal year elapsed that goalToDate stands for (1 when not pro-rated). */
  share: number;
  /** The figure for the fiscal year so far, in the target's unit; null when there is no case yet. */
  actual: number | null;
  met: boolean | null;
  cases: number;
}

export interface SummaryRow {
  definition: KpiDefinition;
  figures: KpiFigures;
  targets: TargetResult[];
}

export interface Dashboard {
  fiscalYear: number;
  today: string;
  summary: SummaryRow[];
  trend: KpiFigures[];
  breakdown: KpiFigures[];
  live: LiveRow;
}

const empty = (key: string): KpiFigures => ({ key, count: 0, sum: 0, mean: null, median: null, p90: null });

/**
 * Every KPI of the filter's period against the current fiscal year's targets, one KPI's trend and
 * breakdown, and today. Read from the rollups (brought up to date first), so a page costs the same for a
 * week as for five years; durations' medians and p90s are within a bucket of the exact figure, which the
 * CSV exports give (docs/kpi.md).
 */
export async function loadDashboard(db: DbOrTx, options: LoadDashboardOptions): Promise<Dashboard> {
  const repo = kpiRepository(db);
  const rollups = kpiRollupsRepository(db);
  const today = todayInJapan(options.now);
  const fiscalYear = fiscalYearOf(today);
  // Tickets that ended and sources that changed since the last look (today's, mostly) are rolled up first.
  await refreshKpiRollups(db, options.municipalityId, options.now);
  const filter: KpiFilter = {
    municipalityId: options.municipalityId,
    from: options.from,
    to: options.to,
    officeId: options.officeId,
    now: options.now,
  };
  const offices = await repo.offices(options.municipalityId);
  const range = fiscalYearRange(fiscalYear);
  // Each target is measured over the fiscal year to date, whatever the period filter.
  const wanted = kpiDefinitions.flatMap((definition) =>
    targetsOf(options.municipalityId, definition.id).flatMap((target) => {
      const goal = target.byYear[String(fiscalYear)];
      if (goal === undefined) return [];
      const officeId = target.scope.officeCode
        ? offices.find((o) => o.code === target.scope.officeCode)?.id
        : undefined;
      const year = rollups
        .figures(
          [definition.id],
          {
            municipalityId: options.municipalityId,
            ...range,
            officeId,
            eventType: target.scope.eventType,
            now: options.now,
          },
          "none",
        )
        .then((figures) => figures.get(definition.id)?.[0]);
      return [{ definition, target, goal, year }];
    }),
  );
  const selected = kpiDefinition(options.kpi);
  const by = selected.dimensions.includes(options.by) ? options.by : "office";
  // Independent reads: on PostgreSQL they run at once on the pool's connections.
  // (The targets' reads are awaited here too, so that none is left rejected and unobserved.)
  const [all, trend, breakdown, live, years] = await Promise.all([
    rollups.figures(
      kpiDefinitions.map((d) => d.id),
      filter,
      "none",
    ),
    rollups.figures([options.kpi], filter, options.granularity),
    rollups.figures([options.kpi], filter, by),
    repo.live(options.municipalityId, today, options.officeId),
    Promise.all(wanted.map((w) => w.year)),
  ]);
  const summary: SummaryRow[] = [];
  for (const definition of kpiDefinitions) {
    const targets: TargetResult[] = [];
    for (const [i, { target, goal, definition: of }] of wanted.entries()) {
      if (of !== definition) continue;
      const year = years[i];
      const value = year && year.count > 0 ? headline(definition.kind, year) : null;
      const actual = value === null ? null : inTargetUnit(target, value);
      // A yearly number of cases is judged against the part of the year elapsed (docs/kpi.md).
      const toDate = goalToDate(target, goal, today, fiscalYear);
      targets.push({
        target,
        fiscalYear,
        goal,
        goalToDate: toDate.goal,
        share: toDate.share,
        actual,
        met: actual === null ? null : meetsTarget(target, actual, toDate.goal),
        cases: year?.count ?? 0,
      });
    }
    summary.push({ definition, figures: all.get(definition.id)?.[0] ?? empty("all"), targets });
  }
  return {
    fiscalYear,
    today,
    summary,
    trend: trend.get(options.kpi) ?? [],
    breakdown: breakdown.get(options.kpi) ?? [],
    live,
  };
}
