// The KPI rollups: built from the same base rows and value expressions as the exact figures
// (kpi.repository.ts), kept fresh through the stale days the source tables' triggers mark
// (migration 0007), and read by the dashboard. docs/kpi.md, "How it is computed", explains the design.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { todayInJapan } from "../shared/dates";
import { type GroupBy, type KpiFigures, type KpiId, kpiIds } from "./kpi";
import { base, type Family, familyOf, groupKey, type KpiFilter, rowsOf, value } from "./kpi.repository";
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

/** The first day of the month of an ISO date, and of the month after. */
const monthStart = (iso: string): string => `${iso.slice(0, 7)}-01`;
function nextMonth(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}
function lastDayOfMonth(iso: string): string {
  const d = new Date(`${nextMonth(iso)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The whole months of [from, to] that have month rows: those entirely inside the period and already
 * over (month rows are built once a month has ended). Returned as [start, end) first days, or null.
 */
export function monthsCovered(
  from: string,
  to: string,
  today: string,
): { start: string; end: string } | null {
  const start = from.endsWith("-01") ? from : nextMonth(from);
  const afterTo = to === lastDayOfMonth(to) ? nextMonth(to) : monthStart(to);
  const current = monthStart(today);
  // ISO dates: the earlier sorts first.
  const end = [afterTo, current].sort()[0] as string;
  return start < end ? { start, end } : null;
}

export interface RefreshKpiRollupsResult {
  facts: number;
  days: number;
  months: number;
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

    /** Rebuilds a month's rows by merging its day rows. */
    async rebuildMonth(municipalityId: string, start: string): Promise<void> {
      const end = nextMonth(start);
      await db.execute(sql`
        delete from kpi_rollups where municipality_id = ${municipalityId} and grain = 'month' and period = ${start}::date`);
      await db.execute(sql`
        with days as (
          select * from kpi_rollups
          where municipality_id = ${municipalityId} and grain = 'day' and period >= ${start}::date and period < ${end}::date
        ),
        merged as (
          select d.office_id, d.purpose_id, d.event_type, d.kpi, x.key, sum(x.c)::int as c
          from days d cross join unnest(d.vals, d.cnts) as x(key, c)
          group by 1, 2, 3, 4, 5
        ),
        histograms as (
          select office_id, purpose_id, event_type, kpi, array_agg(key order by key) as vals, array_agg(c order by key) as cnts
          from merged group by 1, 2, 3, 4
        ),
        totals as (
          select office_id, purpose_id, event_type, kpi, sum(n)::int as n, sum(total) as total
          from days group by 1, 2, 3, 4
        )
        insert into kpi_rollups (municipality_id, grain, period, office_id, purpose_id, event_type, kpi, n, total, vals, cnts)
        select ${municipalityId}, 'month', ${start}::date, t.office_id, t.purpose_id, t.event_type, t.kpi, t.n, t.total,
          h.vals, h.cnts
        from totals t join histograms h on h.office_id = t.office_id and h.kpi = t.kpi
          and h.purpose_id is not distinct from t.purpose_id and h.event_type is not distinct from t.event_type`);
    },

    /** Takes the stale days (or months) of a municipality off the list and returns them. */
    async takeStale(municipalityId: string, grain: "day" | "month", before?: string): Promise<string[]> {
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

    async markMonthsStale(municipalityId: string, months: readonly string[]): Promise<void> {
      if (months.length === 0) return;
      await db.execute(sql`
        insert into kpi_rollup_stale (municipality_id, grain, period)
        select ${municipalityId}, 'month', m::date from unnest(${textArray(months)}) as x(m)`);
    },

    /**
     * Each KPI's figures per group over the filter, from the rollups: month rows for the whole months
     * that have them, day rows for the rest (and for day and week groups), plus the deliveries not yet
     * settled, read live (their lateness depends on the clock).
     */
    async figures(
      kpis: readonly KpiId[],
      filter: KpiFilter,
      groupBy: GroupBy,
    ): Promise<Map<KpiId, KpiFigures[]>> {
      const today = todayInJapan(filter.now);
      const months =
        groupBy === "day" || groupBy === "week" ? null : monthsCovered(filter.from, filter.to, today);
      const inMonths = months
        ? sql`(r.period >= ${months.start}::date and r.period < ${months.end}::date)`
        : sql`false`;
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
              and ((r.grain = 'month' and ${inMonths})
                or (r.grain = 'day' and r.period between ${filter.from}::date and ${filter.to}::date and not ${inMonths}))
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
        out.set(
          kpi,
          keys
            .map((key) => figuresOfHistogram(key, groups.get(key) as Histogram, bucketedKpis.has(kpi)))
            .filter((figures) => figures.count > 0),
        );
      }
      return out;
    },
  };
}

/**
 * Brings a municipality's rollups up to date: the facts of tickets that ended, then every day a source
 * change marked stale, then the months that are over and had a day rebuilt. One transaction under an
 * advisory lock, so two refreshes at once neither duplicate nor miss a row; a change committed while
 * it runs marks its day again and is taken by the next refresh.
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
    await repo.markMonthsStale(municipalityId, [...ranges.keys()]);
    const months = await repo.takeStale(municipalityId, "month", monthStart(todayInJapan(now)));
    for (const month of months) await repo.rebuildMonth(municipalityId, month);
    return { facts, days: days.length, months: months.length };
  });
}
