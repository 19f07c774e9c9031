// The KPI rollups: built from the same base rows and value expressions as the exact figures
// (kpi.repository.ts), kept fresh through the stale days the source tables' triggers mark
// (migration 0007), and read by the dashboard. docs/kpi.md, "How it is computed", explains the design.
import { type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/database";
import { todayInJapan } from "../shared/dates";
import { fiscalYearOf, type GroupBy, type KpiFigures, type KpiId, kpiIds } from "./kpi";
import {
  base,
  type Family,
  familyOf,
  groupKey,
  type KpiFilter,
  kpiRepository,
  rowsOf,
  value,
} from "./kpi.repository";
import {
  addToHistogram,
  bucketedKpis,
  durationBucketSql,
  emptyHistogram,
  figuresOfHistogram,
  type Histogram,
} from "./kpi-histogram";
import { refreshTicketFacts } from "./refresh-ticket-facts";

const families: readonly Family[] = ["facts", "service", "visits", "deliveries", "survey"];
const textArray = (items: readonly string[]): SQL => sql`${`{${items.join(",")}}`}::text[]`;
const bucketed = sql.raw(`array[${[...bucketedKpis].map((k) => `'${k}'`).join(", ")}]::text[]`);

/** Each KPI of a family as (kpi, value) rows over its base rows `b`: the lateral VALUES list. */
function kpiValues(family: Family, f: KpiFilter): SQL {
  const kpis = kpiIds.filter((k) => familyOf[k] === family);
  return sql.join(
    kpis.map((k) => sql`(${k}::text, (${value(k, f)})::float8)`),
    sql`, `,
  );
}

export type Grain = "day" | "month" | "fy";

/**
 * Up to this many values of a duration KPI in a view, the dashboard gives its exact median and p90
 * (sorting 20,000 values costs a few milliseconds); above, the bucketed ones, marked approximate.
 */
export const EXACT_PERCENTILES_UP_TO = 20_000;

/** The first day of the month of an ISO date, of the month after, of its fiscal year, and the next day. */
const monthStart = (iso: string): string => `${iso.slice(0, 7)}-01`;
function nextMonth(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}
const fyStart = (iso: string): string => `${fiscalYearOf(iso)}-04-01`;
const nextFy = (iso: string): string => `${fiscalYearOf(iso) + 1}-04-01`;
function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Rows of one grain whose period is in [start, end). */
export interface Segment {
  grain: Grain;
  start: string;
  end: string;
}

/**
 * The rollup rows that make up the period [from, to]: a fiscal year's row for each whole fiscal year
 * that is over, a month's row for each other whole month that is over (rows of a grain exist only
 * once its period has ended), and day rows for the rest. `coarsest` limits the grain to what the
 * grouping needs (days for day and week groups, months for month groups).
 */
export function segmentsOf(from: string, to: string, today: string, coarsest: Grain): Segment[] {
  const segments: Segment[] = [];
  const push = (grain: Grain, start: string, end: string) => {
    const last = segments[segments.length - 1];
    if (last && last.grain === grain && last.end === start) last.end = end;
    else segments.push({ grain, start, end });
  };
  const afterTo = nextDay(to);
  let cursor = from;
  while (cursor < afterTo) {
    if (coarsest === "fy" && cursor.endsWith("-04-01")) {
      const end = nextFy(cursor);
      if (end <= afterTo && end <= fyStart(today)) {
        push("fy", cursor, end);
        cursor = end;
        continue;
      }
    }
    if (coarsest !== "day" && cursor.endsWith("-01")) {
      const end = nextMonth(cursor);
      if (end <= afterTo && end <= monthStart(today)) {
        push("month", cursor, end);
        cursor = end;
        continue;
      }
    }
    // ISO dates: the earlier sorts first.
    const end = [nextMonth(cursor), afterTo].sort()[0] as string;
    push("day", cursor, end);
    cursor = end;
  }
  return segments;
}

export interface RefreshKpiRollupsResult {
  facts: number;
  days: number;
  months: number;
  years: number;
}

export function kpiRollupsRepository(db: DbOrTx) {
  return {
    /** Rebuilds the day rows of [from, to] (one month at most) from the sources. */
    async rebuildDays(municipalityId: string, from: string, to: string): Promise<void> {
      const f: KpiFilter = { municipalityId, from, to, now: new Date() };
      const parts = families.map(
        (family) => sql`
          select b.d, b.office_id, b.purpose_id, b.event_type, k.kpi, k.v
          from (${base(family, f)}) b cross join lateral (values ${kpiValues(family, f)}) as k(kpi, v)
          ${family === "deliveries" ? sql`where b.state in ('done', 'dead')` : sql``}`,
      );
      await db.execute(sql`
        delete from kpi_rollups
        where municipality_id = ${municipalityId} and grain = 'day' and period between ${from}::date and ${to}::date`);
      await db.execute(sql`
        with src as (${sql.join(parts, sql` union all `)}),
        keyed as (
          select d, office_id, purpose_id, event_type, kpi,
            case when kpi = any(${bucketed}) then ${sql.raw(durationBucketSql("v"))} else floor(v)::int end as key,
            count(*)::int as c, sum(v) as s
          from src where v is not null
          group by 1, 2, 3, 4, 5, 6
        )
        insert into kpi_rollups (municipality_id, grain, period, office_id, purpose_id, event_type, kpi, n, total, vals, cnts)
        select ${municipalityId}, 'day', d, office_id, purpose_id, event_type, kpi, sum(c)::int, sum(s),
          array_agg(key order by key), array_agg(c order by key)
        from keyed group by d, office_id, purpose_id, event_type, kpi`);
    },

    /** Rebuilds a month's rows from its day rows, or a fiscal year's from its month rows. */
    async rebuildMerged(municipalityId: string, grain: "month" | "fy", start: string): Promise<void> {
      const end = grain === "month" ? nextMonth(start) : nextFy(start);
      const from = grain === "month" ? "day" : "month";
      await db.execute(sql`
        delete from kpi_rollups where municipality_id = ${municipalityId} and grain = ${grain} and period = ${start}::date`);
      await db.execute(sql`
        with parts as (
          select * from kpi_rollups
          where municipality_id = ${municipalityId} and grain = ${from} and period >= ${start}::date and period < ${end}::date
        ),
        merged as (
          select p.office_id, p.purpose_id, p.event_type, p.kpi, x.key, sum(x.c)::int as c
          from parts p cross join unnest(p.vals, p.cnts) as x(key, c)
          group by 1, 2, 3, 4, 5
        ),
        histograms as (
          select office_id, purpose_id, event_type, kpi, array_agg(key order by key) as vals, array_agg(c order by key) as cnts
          from merged group by 1, 2, 3, 4
        ),
        totals as (
          select office_id, purpose_id, event_type, kpi, sum(n)::int as n, sum(total) as total
          from parts group by 1, 2, 3, 4
        )
        insert into kpi_rollups (municipality_id, grain, period, office_id, purpose_id, event_type, kpi, n, total, vals, cnts)
        select ${municipalityId}, ${grain}, ${start}::date, t.office_id, t.purpose_id, t.event_type, t.kpi, t.n, t.total,
          h.vals, h.cnts
        from totals t join histograms h on h.office_id = t.office_id and h.kpi = t.kpi
          and h.purpose_id is not distinct from t.purpose_id and h.event_type is not distinct from t.event_type`);
    },

    /** Takes the stale days (or months) of a municipality off the list and returns them. */
    async takeStale(municipalityId: string, grain: Grain, before?: string): Promise<string[]> {
      const rows = rowsOf<{ period: string }>(
        await db.execute(sql`
          delete from kpi_rollup_stale
          where municipality_id = ${municipalityId} and grain = ${grain}
            ${before ? sql`and period < ${before}::date` : sql``}
          returning to_char(period, 'YYYY-MM-DD') as period`),
      );
      // Markers are not unique (see kpiRollupStale): one day may come back several times.
      return [...new Set(rows.map((r) => r.period))].sort();
    },

    async markStale(municipalityId: string, grain: Grain, periods: readonly string[]): Promise<void> {
      if (periods.length === 0) return;
      await db.execute(sql`
        insert into kpi_rollup_stale (municipality_id, grain, period)
        select ${municipalityId}, ${grain}, m::date from unnest(${textArray(periods)}) as x(m)`);
    },

    /**
     * Each KPI's figures per group over the filter, from the rollups (the rows `segmentsOf` picks), plus
     * the deliveries not yet settled, read live (their lateness depends on the clock). A duration KPI's
     * median and p90 are exact up to `exactUpTo` values, bucketed (and marked approximate) above.
     */
    async figures(
      kpis: readonly KpiId[],
      filter: KpiFilter,
      groupBy: GroupBy,
      /** Up to this many values of a duration KPI, its median and p90 are computed exactly (0: never). */
      exactUpTo = EXACT_PERCENTILES_UP_TO,
    ): Promise<Map<KpiId, KpiFigures[]>> {
      const coarsest: Grain =
        groupBy === "day" || groupBy === "week" ? "day" : groupBy === "month" ? "month" : "fy";
      const segments = segmentsOf(filter.from, filter.to, todayInJapan(filter.now), coarsest);
      const inSegments = sql.join(
        segments.map(
          (g) => sql`(r.grain = ${g.grain} and r.period >= ${g.start}::date and r.period < ${g.end}::date)`,
        ),
        sql` or `,
      );
      const rows = rowsOf<{
        kpi: KpiId;
        key: string;
        n: number;
        total: number;
        vals: number[];
        cnts: number[];
      }>(
        await db.execute(sql`
          select b.kpi, ${groupKey(groupBy)} as key, b.n, b.total, b.vals, b.cnts
          from (
            select r.period as d, r.office_id, r.purpose_id, r.event_type, r.kpi, r.n, r.total, r.vals, r.cnts
            from kpi_rollups r
            where r.municipality_id = ${filter.municipalityId} and r.kpi = any(${textArray(kpis)})
              and (${segments.length > 0 ? inSegments : sql`false`})
              ${filter.officeId ? sql`and r.office_id = ${filter.officeId}` : sql``}
              ${filter.eventType ? sql`and r.event_type = ${filter.eventType}` : sql``}
          ) b`),
      );
      const byKpi = new Map<KpiId, Map<string, Histogram>>();
      const histogramOf = (kpi: KpiId, key: string): Histogram => {
        let groups = byKpi.get(kpi);
        if (!groups) {
          groups = new Map();
          byKpi.set(kpi, groups);
        }
        let h = groups.get(key);
        if (!h) {
          h = emptyHistogram();
          groups.set(key, h);
        }
        return h;
      };
      for (const r of rows) {
        addToHistogram(histogramOf(r.kpi, String(r.key)), Number(r.n), Number(r.total), r.vals, r.cnts);
      }
      const live = kpis.filter((k) => familyOf[k] === "deliveries");
      if (live.length > 0) {
        const pending = rowsOf<{ kpi: KpiId; key: string; v: number; c: number }>(
          await db.execute(sql`
            select ${groupKey(groupBy)} as key, k.kpi, floor(k.v)::int as v, count(*)::int as c
            from (${base("deliveries", filter)}) b
            cross join lateral (values ${kpiValues("deliveries", filter)}) as k(kpi, v)
            where b.state in ('pending', 'retrying') and k.kpi = any(${textArray(live)}) and k.v is not null
            group by 1, 2, 3`),
        );
        for (const p of pending) {
          const c = Number(p.c);
          const v = Number(p.v);
          addToHistogram(histogramOf(p.kpi, String(p.key)), c, c * v, [v], [c]);
        }
      }
      const out = new Map<KpiId, KpiFigures[]>();
      for (const kpi of kpis) {
        const groups = byKpi.get(kpi) ?? new Map<string, Histogram>();
        const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        let figures = keys
          .map((key) => figuresOfHistogram(key, groups.get(key) as Histogram, bucketedKpis.has(kpi)))
          .filter((f) => f.count > 0);
        if (bucketedKpis.has(kpi) && figures.length > 0) {
          const values = figures.reduce((n, f) => n + f.count, 0);
          if (values <= exactUpTo) {
            // Few values: sorting them costs little, so the median and p90 are the exact ones.
            const exact = new Map(
              (await kpiRepository(db).figures(kpi, filter, groupBy)).map((e) => [e.key, e]),
            );
            figures = figures.map((f) => {
              const e = exact.get(f.key);
              return e ? { ...f, median: e.median, p90: e.p90 } : { ...f, approximate: true as const };
            });
          } else {
            figures = figures.map((f) => ({ ...f, approximate: true as const }));
          }
        }
        out.set(kpi, figures);
      }
      return out;
    },
  };
}

/**
 * Brings a municipality's rollups up to date: the facts of tickets that ended, then every day a source
 * change marked stale, then the months that are over and had a day rebuilt, then likewise the fiscal
 * years. One transaction under an advisory lock, so two refreshes at once neither duplicate nor miss a
 * row; a change committed while it runs keeps its marker and is taken by the next refresh.
 */
export async function refreshKpiRollups(
  db: DbOrTx,
  municipalityId: string,
  now: Date = new Date(),
): Promise<RefreshKpiRollupsResult> {
  const facts = await refreshTicketFacts(db, { municipalityId });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kpi_rollups:${municipalityId}`}))`);
    const repo = kpiRollupsRepository(tx);
    const days = await repo.takeStale(municipalityId, "day");
    // One rebuild per month that has stale days, over its first to its last stale day.
    const ranges = new Map<string, { from: string; to: string }>();
    for (const day of days) {
      const month = monthStart(day);
      const range = ranges.get(month);
      if (range) range.to = day;
      else ranges.set(month, { from: day, to: day });
    }
    for (const range of ranges.values()) await repo.rebuildDays(municipalityId, range.from, range.to);
    await repo.markStale(municipalityId, "month", [...ranges.keys()]);
    const today = todayInJapan(now);
    const months = await repo.takeStale(municipalityId, "month", monthStart(today));
    for (const month of months) await repo.rebuildMerged(municipalityId, "month", month);
    await repo.markStale(municipalityId, "fy", [...new Set(months.map(fyStart))]);
    const years = await repo.takeStale(municipalityId, "fy", fyStart(today));
    for (const year of years) await repo.rebuildMerged(municipalityId, "fy", year);
    return { facts, days: days.length, months: months.length, years: years.length };
  });
}

/**
 * Refreshes every municipality's rollups: what the server does every few minutes, so that the day's
 * changes are rolled up before anyone opens the dashboard and the stale-day markers do not pile up.
 */
export async function refreshAllKpiRollups(
  db: Db,
  now: Date = new Date(),
): Promise<Map<string, RefreshKpiRollupsResult>> {
  const out = new Map<string, RefreshKpiRollupsResult>();
  const municipalities = rowsOf<{ id: string }>(
    await db.execute(sql`select id from municipalities order by id`),
  );
  for (const { id } of municipalities) out.set(id, await refreshKpiRollups(db, id, now));
  return out;
}
