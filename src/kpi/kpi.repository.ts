import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import type { GroupBy, KpiFigures, KpiId } from "./kpi";

export const uuidArray = (items: string[]): SQL => sql`${`{${items.join(",")}}`}::uuid[]`;

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface KpiFilter {
  municipalityId: string;
  /** Inclusive ISO dates (Japan calendar days). */
  from: string;
  to: string;
  officeId?: string | undefined;
  eventType?: string | undefined;
  /** For "late" deliveries not yet done: late once an hour has passed by this time. */
  now: Date;
}

// Japan has no daylight saving time: a calendar day there is [d 00:00+09, d+1 00:00+09).
export const dayStart = (iso: string): SQL => sql`(${iso}::date::timestamp at time zone 'Asia/Tokyo')`;
export const dayEnd = (iso: string): SQL => sql`((${iso}::date + 1)::timestamp at time zone 'Asia/Tokyo')`;
const japanDate = (column: SQL): SQL => sql`(${column} at time zone 'Asia/Tokyo')::date`;

export type Family = "facts" | "service" | "visits" | "deliveries" | "survey";

export const familyOf: Record<KpiId, Family> = {
  stay: "facts",
  wait: "facts",
  noShow: "facts",
  service: "service",
  oneStop: "visits",
  formsPerVisit: "visits",
  questionsAsked: "visits",
  fieldsFilled: "visits",
  namesWritten: "visits",
  signatures: "visits",
  deliveriesDone: "deliveries",
  deliveriesLate: "deliveries",
  deliveriesDead: "deliveries",
  satisfactionScore: "survey",
  satisfied: "survey",
};

/**
 * The rows a family of KPIs is computed over, as (d, office_id, purpose_id, event_type) plus the
 * table's own columns: the day the case counts on and its dimensions.
 */
export function base(family: Family, f: KpiFilter): SQL {
  const m = f.municipalityId;
  switch (family) {
    case "facts":
      return sql`
        select f.service_date as d, f.office_id, f.purpose_id, f.event_type, f.outcome, f.wait_seconds, f.stay_seconds
        from kpi_ticket_facts f
        where f.municipality_id = ${m} and f.service_date between ${f.from}::date and ${f.to}::date
          ${f.officeId ? sql`and f.office_id = ${f.officeId}` : sql``}
          ${f.eventType ? sql`and f.event_type = ${f.eventType}` : sql``}`;
    case "service":
      return sql`
        select f.service_date as d, f.office_id, f.purpose_id, f.event_type, x.seconds
        from kpi_ticket_facts f cross join unnest(f.service_seconds) as x(seconds)
        where f.municipality_id = ${m} and f.service_date between ${f.from}::date and ${f.to}::date
          ${f.officeId ? sql`and f.office_id = ${f.officeId}` : sql``}
          ${f.eventType ? sql`and f.event_type = ${f.eventType}` : sql``}`;
    case "visits":
      return sql`
        select ${japanDate(sql`v.accepted_at`)} as d, v.office_id, t.purpose_id,
          v.household->'event'->>'type' as event_type, v.measures
        from visits v left join queue_tickets t on t.id = v.ticket_id and t.municipality_id = v.municipality_id
        where v.municipality_id = ${m} and v.accepted_at >= ${dayStart(f.from)} and v.accepted_at < ${dayEnd(f.to)}
          ${f.officeId ? sql`and v.office_id = ${f.officeId}` : sql``}
          ${f.eventType ? sql`and v.household->'event'->>'type' = ${f.eventType}` : sql``}`;
    case "deliveries":
      return sql`
        select ${japanDate(sql`h.created_at`)} as d, h.office_id, null::uuid as purpose_id,
          a.data->'event'->>'type' as event_type, h.state, h.created_at, h.done_at
        from handoff_deliveries h join applications a on a.id = h.application_id
        where h.municipality_id = ${m} and h.created_at >= ${dayStart(f.from)} and h.created_at < ${dayEnd(f.to)}
          ${f.officeId ? sql`and h.office_id = ${f.officeId}` : sql``}
          ${f.eventType ? sql`and a.data->'event'->>'type' = ${f.eventType}` : sql``}`;
    case "survey":
      return sql`
        select s.answered_on as d, s.office_id, null::uuid as purpose_id, s.event_type, s.score
        from kpi_survey_answers s
        where s.municipality_id = ${m} and s.answered_on between ${f.from}::date and ${f.to}::date
          ${f.officeId ? sql`and s.office_id = ${f.officeId}` : sql``}
          ${f.eventType ? sql`and s.event_type = ${f.eventType}` : sql``}`;
  }
}

/**
 * Each KPI's value for one row of its family's base (columns of \`base\`, aliased b), or null when the
 * row is not a case of that KPI. The definitions in docs/kpi.md are these expressions.
 */
export function value(kpi: KpiId, f: KpiFilter): SQL {
  const measure = (key: string) => sql`coalesce((b.measures->>${key})::float8, 0)`;
  const now = f.now.toISOString();
  switch (kpi) {
    case "stay":
      return sql`case when b.outcome = 'done' then b.stay_seconds end`;
    case "wait":
      return sql`b.wait_seconds`;
    case "noShow":
      return sql`case when b.outcome = 'absent' then 1 else 0 end`;
    case "service":
      return sql`b.seconds`;
    case "oneStop":
      return sql`1`;
    case "formsPerVisit":
      return measure("formsProduced");
    case "questionsAsked":
      return measure("questionsAsked");
    case "fieldsFilled":
      return measure("fieldsFilledBySystem");
    case "namesWritten":
      return measure("namesWrittenByResident");
    case "signatures":
      return measure("signatures");
    case "deliveriesDone":
      return sql`case when b.state = 'done' then 1 else 0 end`;
    case "deliveriesLate":
      return sql`case
        when b.state = 'done' then (b.done_at > b.created_at + interval '1 hour')::int
        when b.state = 'dead' then 1
        else (${now}::timestamptz > b.created_at + interval '1 hour')::int end`;
    case "deliveriesDead":
      return sql`case when b.state = 'dead' then 1 else 0 end`;
    case "satisfactionScore":
      return sql`b.score`;
    case "satisfied":
      return sql`case when b.score >= 4 then 1 else 0 end`;
  }
}

const toFigures = (key: string, r: Record<string, unknown>, i = 0): KpiFigures => {
  const n = (name: string) => {
    const x = r[`${name}${i}`];
    return x === null || x === undefined ? null : Number(x);
  };
  const pct = r[`pct${i}`];
  const pcts = Array.isArray(pct) ? pct.map((x) => (x === null ? null : Number(x))) : [null, null];
  return {
    key,
    count: n("count") ?? 0,
    sum: n("sum") ?? 0,
    mean: n("mean"),
    median: pcts[0] ?? null,
    p90: pcts[1] ?? null,
  };
};

// One sort per KPI: both percentiles from one ordered-set aggregate.
const statistics = (v: SQL, i: number): SQL => sql`
  count(${v})::int as ${sql.raw(`count${i}`)}, sum(${v})::float8 as ${sql.raw(`sum${i}`)},
  avg(${v})::float8 as ${sql.raw(`mean${i}`)},
  percentile_cont(array[0.5, 0.9]) within group (order by ${v}) as ${sql.raw(`pct${i}`)}`;

export function groupKey(groupBy: GroupBy): SQL {
  switch (groupBy) {
    case "none":
      return sql`'all'`;
    case "office":
      return sql`b.office_id::text`;
    case "purpose":
      return sql`coalesce(b.purpose_id::text, '')`;
    case "event":
      return sql`coalesce(b.event_type, '')`;
    case "day":
      return sql`to_char(b.d, 'YYYY-MM-DD')`;
    case "week":
      // ISO weeks, Monday first: the key is the Monday's date.
      return sql`to_char(date_trunc('week', b.d)::date, 'YYYY-MM-DD')`;
    case "month":
      return sql`to_char(b.d, 'YYYY-MM')`;
    case "fy":
      return sql`(extract(year from b.d)::int - case when extract(month from b.d) < 4 then 1 else 0 end)::text`;
  }
}

export interface LiveRow {
  waiting: number;
  inService: number;
  done: number;
  absent: number;
  countersOpen: number;
  meanWaitSeconds: number | null;
}

export function kpiRepository(db: DbOrTx) {
  return {
    /** Count, sum, mean, median and p90 of a KPI's values per group (groups without a case are left out). */
    async figures(kpi: KpiId, filter: KpiFilter, groupBy: GroupBy): Promise<KpiFigures[]> {
      const v = sql`(${value(kpi, filter)})::float8`;
      const result = await db.execute(sql`
        select ${groupKey(groupBy)} as key, ${statistics(v, 0)}
        from (${base(familyOf[kpi], filter)}) b
        where ${v} is not null
        group by 1 order by 1`);
      return rowsOf<Record<string, unknown>>(result).map((r) => toFigures(String(r.key), r));
    },

    /**
     * Every KPI over the whole filter, one query per family of KPIs (a scan of its rows each) rather
     * than one per KPI: what the dashboard's summary costs.
     */
    async summary(kpis: readonly KpiId[], filter: KpiFilter): Promise<Map<KpiId, KpiFigures>> {
      const out = new Map<KpiId, KpiFigures>();
      const families = [...new Set(kpis.map((k) => familyOf[k]))];
      for (const family of families) {
        const members = kpis.filter((k) => familyOf[k] === family);
        const columns = members.map((k, i) => statistics(sql`(${value(k, filter)})::float8`, i));
        const result = await db.execute(sql`
          select ${sql.join(columns, sql`, `)} from (${base(family, filter)}) b`);
        const row = rowsOf<Record<string, unknown>>(result)[0] ?? {};
        members.forEach((k, i) => {
          out.set(k, toFigures("all", row, i));
        });
      }
      return out;
    },

    /**
     * Writes the facts of tickets that ended (done or absent) and have none yet, looking at the ending
     * events after the highest one already turned into a fact, less a margin: on PostgreSQL event ids
     * are taken before commit, so a transaction still in flight can commit an id below the highest seen.
     * Derived only from the ticket and its events: see docs/kpi.md for each column.
     */
    async refreshTicketFacts(municipalityId: string, margin: number, batch = 20_000): Promise<number> {
      const marked = await db.execute(sql`
        select coalesce(max(last_event_id), 0)::bigint as id from kpi_ticket_facts where municipality_id = ${municipalityId}`);
      let after = Math.max(0, Number(rowsOf<{ id: string | number }>(marked)[0]?.id ?? 0) - margin);
      let written = 0;
      // In batches of ending events, in id order: the newest few after a day's work, all of history
      // after an import, without holding millions of rows at once.
      for (;;) {
        const ended = rowsOf<{ id: string | number; ticketId: string }>(
          await db.execute(sql`
            select e.id, e.ticket_id as "ticketId" from queue_ticket_events e
            where e.id > ${after} and e.municipality_id = ${municipalityId} and e.kind in ('finished', 'absent')
            order by e.id limit ${batch}`),
        );
        if (ended.length === 0) break;
        after = Number(ended[ended.length - 1]?.id ?? after);
        const seen = [...new Set(ended.map((e) => e.ticketId))];
        const missing = rowsOf<{ id: string }>(
          await db.execute(sql`
            select x.id from unnest(${uuidArray(seen)}) as x(id)
            where not exists (select 1 from kpi_ticket_facts k where k.ticket_id = x.id)`),
        ).map((r) => r.id);
        if (missing.length === 0) {
          if (ended.length < batch) break;
          continue;
        }
        const inserted = await db.execute(sql`
          with todo as (select x.ticket_id from unnest(${uuidArray(missing)}) as x(ticket_id)),
          ev as (
            -- The service segment of each event: the transfers before it (a transfer ends its segment).
            select e.ticket_id, e.id, e.kind, e.at,
              coalesce(count(*) filter (where e.kind = 'transferred')
                over (partition by e.ticket_id order by e.id rows between unbounded preceding and 1 preceding), 0)
                as segment
            from queue_ticket_events e join todo on todo.ticket_id = e.ticket_id
          ),
          segments as (
            select ticket_id, segment, round(extract(epoch from
                max(at) filter (where kind in ('finished', 'transferred'))
                - min(at) filter (where kind = 'called')))::int as seconds
            from ev group by ticket_id, segment
          ),
          per_ticket as (
            select ticket_id, array_agg(seconds order by segment) filter (where seconds is not null) as seconds
            from segments group by ticket_id
          ),
          agg as (
            select ticket_id, min(at) filter (where kind = 'called') as first_call,
              max(at) filter (where kind = 'finished') as last_finish,
              count(*) filter (where kind = 'transferred')::int as transfers,
              count(*) filter (where kind = 'recalled')::int as recalls,
              max(id) filter (where kind in ('finished', 'absent')) as last_event_id
            from ev group by ticket_id
          )
          insert into kpi_ticket_facts (ticket_id, municipality_id, office_id, purpose_id, event_type,
            service_date, outcome, issued_at, wait_seconds, stay_seconds, service_seconds, transfers, recalls,
            last_event_id)
          select t.id, t.municipality_id, t.office_id, t.purpose_id, v.household->'event'->>'type',
            t.service_date, t.status, t.issued_at,
            round(extract(epoch from agg.first_call - t.issued_at))::int,
            case when t.status = 'done' then round(extract(epoch from agg.last_finish - t.issued_at))::int end,
            coalesce(p.seconds, '{}'::integer[]), agg.transfers, agg.recalls, agg.last_event_id
          from agg
          join queue_tickets t on t.id = agg.ticket_id and t.municipality_id = ${municipalityId}
          left join per_ticket p on p.ticket_id = agg.ticket_id
          left join visits v on v.id = t.visit_id and v.municipality_id = t.municipality_id
          where t.status in ('done', 'absent')
          on conflict (ticket_id) do nothing
          returning ticket_id`);
        written += rowsOf(inserted).length;
        if (ended.length < batch) break;
      }
      return written;
    },

    /** Today at the counters: tickets waiting and in service now, counters open, the mean wait so far. */
    async live(municipalityId: string, serviceDate: string, officeId?: string): Promise<LiveRow> {
      const office = officeId ? sql`and office_id = ${officeId}` : sql``;
      const result = await db.execute(sql`
        select
          count(*) filter (where status = 'waiting')::int as waiting,
          count(*) filter (where status in ('called', 'serving', 'paused'))::int as "inService",
          count(*) filter (where status = 'done')::int as done,
          count(*) filter (where status = 'absent')::int as absent,
          avg(extract(epoch from first_called_at - issued_at))::float8 as "meanWaitSeconds",
          (select count(*)::int from queue_counter_states
            where municipality_id = ${municipalityId} and open
              and (changed_at at time zone 'Asia/Tokyo')::date = ${serviceDate}::date ${office}) as "countersOpen"
        from queue_tickets
        where municipality_id = ${municipalityId} and service_date = ${serviceDate}::date ${office}`);
      const row = rowsOf<LiveRow>(result)[0];
      return {
        waiting: Number(row?.waiting ?? 0),
        inService: Number(row?.inService ?? 0),
        done: Number(row?.done ?? 0),
        absent: Number(row?.absent ?? 0),
        countersOpen: Number(row?.countersOpen ?? 0),
        meanWaitSeconds: row?.meanWaitSeconds == null ? null : Number(row.meanWaitSeconds),
      };
    },

    async offices(municipalityId: string) {
      const result = await db.execute(sql`
        select id, code, names as "name" from offices
        where municipality_id = ${municipalityId} order by sort_order, code`);
      return rowsOf<{ id: string; code: string; name: LocaleMap }>(result);
    },

    async municipalityCode(municipalityId: string): Promise<string | undefined> {
      const result = await db.execute(sql`select code from municipalities where id = ${municipalityId}`);
      return rowsOf<{ code: string }>(result)[0]?.code;
    },

    async purposes(municipalityId: string) {
      const result = await db.execute(sql`
        select id, code, labels as "name" from queue_purposes
        where municipality_id = ${municipalityId}`);
      return rowsOf<{ id: string; code: string; name: LocaleMap }>(result);
    },
  };
}

export type KpiRepository = ReturnType<typeof kpiRepository>;
