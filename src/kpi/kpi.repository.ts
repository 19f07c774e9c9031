import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { GroupBy, KpiFigures, KpiId } from "./kpi";

function rowsOf<T>(result: unknown): T[] {
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
const dayStart = (iso: string): SQL => sql`(${iso}::date::timestamp at time zone 'Asia/Tokyo')`;
const dayEnd = (iso: string): SQL => sql`((${iso}::date + 1)::timestamp at time zone 'Asia/Tokyo')`;
const japanDate = (column: SQL): SQL => sql`(${column} at time zone 'Asia/Tokyo')::date`;

/**
 * Every KPI as one relation of (d, office_id, purpose_id, event_type, v): the day the case counts on,
 * its dimensions, and its value. The definitions in docs/kpi.md are these statements.
 */
function source(kpi: KpiId, f: KpiFilter): SQL {
  const m = f.municipalityId;
  const facts = (value: SQL, where: SQL = sql`true`) => sql`
    select f.service_date as d, f.office_id, f.purpose_id, f.event_type, (${value})::float8 as v
    from kpi_ticket_facts f
    where f.municipality_id = ${m} and f.service_date between ${f.from}::date and ${f.to}::date
      ${f.officeId ? sql`and f.office_id = ${f.officeId}` : sql``}
      ${f.eventType ? sql`and f.event_type = ${f.eventType}` : sql``}
      and ${where}`;
  const visits = (value: SQL) => sql`
    select ${japanDate(sql`v.accepted_at`)} as d, v.office_id, t.purpose_id,
      v.household->'event'->>'type' as event_type, (${value})::float8 as v
    from visits v left join queue_tickets t on t.id = v.ticket_id and t.municipality_id = v.municipality_id
    where v.municipality_id = ${m} and v.accepted_at >= ${dayStart(f.from)} and v.accepted_at < ${dayEnd(f.to)}
      ${f.officeId ? sql`and v.office_id = ${f.officeId}` : sql``}
      ${f.eventType ? sql`and v.household->'event'->>'type' = ${f.eventType}` : sql``}`;
  const deliveries = (value: SQL) => sql`
    select ${japanDate(sql`h.created_at`)} as d, h.office_id, null::uuid as purpose_id,
      a.data->'event'->>'type' as event_type, (${value})::float8 as v
    from handoff_deliveries h join applications a on a.id = h.application_id
    where h.municipality_id = ${m} and h.created_at >= ${dayStart(f.from)} and h.created_at < ${dayEnd(f.to)}
      ${f.officeId ? sql`and h.office_id = ${f.officeId}` : sql``}
      ${f.eventType ? sql`and a.data->'event'->>'type' = ${f.eventType}` : sql``}`;
  const survey = (value: SQL) => sql`
    select s.answered_on as d, s.office_id, null::uuid as purpose_id, s.event_type, (${value})::float8 as v
    from kpi_survey_answers s
    where s.municipality_id = ${m} and s.answered_on between ${f.from}::date and ${f.to}::date
      ${f.officeId ? sql`and s.office_id = ${f.officeId}` : sql``}
      ${f.eventType ? sql`and s.event_type = ${f.eventType}` : sql``}`;
  const measure = (key: string) => sql`coalesce((v.measures->>${key})::float8, 0)`;
  const now = f.now.toISOString();
  switch (kpi) {
    case "stay":
      return facts(sql`f.stay_seconds`, sql`f.outcome = 'done' and f.stay_seconds is not null`);
    case "wait":
      return facts(sql`f.wait_seconds`, sql`f.wait_seconds is not null`);
    case "service":
      return sql`
        select f.service_date as d, f.office_id, f.purpose_id, f.event_type, s.v::float8 as v
        from kpi_ticket_facts f cross join unnest(f.service_seconds) as s(v)
        where f.municipality_id = ${m} and f.service_date between ${f.from}::date and ${f.to}::date
          ${f.officeId ? sql`and f.office_id = ${f.officeId}` : sql``}
          ${f.eventType ? sql`and f.event_type = ${f.eventType}` : sql``}`;
    case "noShow":
      return facts(sql`case when f.outcome = 'absent' then 1 else 0 end`);
    case "oneStop":
      return visits(sql`1`);
    case "formsPerVisit":
      return visits(measure("formsProduced"));
    case "questionsAsked":
      return visits(measure("questionsAsked"));
    case "fieldsFilled":
      return visits(measure("fieldsFilledBySystem"));
    case "namesWritten":
      return visits(measure("namesWrittenByResident"));
    case "signatures":
      return visits(measure("signatures"));
    case "deliveriesDone":
      return deliveries(sql`case when h.state = 'done' then 1 else 0 end`);
    case "deliveriesLate":
      return deliveries(sql`case
        when h.state = 'done' then (h.done_at > h.created_at + interval '1 hour')::int
        when h.state = 'dead' then 1
        else (${now}::timestamptz > h.created_at + interval '1 hour')::int end`);
    case "deliveriesDead":
      return deliveries(sql`case when h.state = 'dead' then 1 else 0 end`);
    case "satisfactionScore":
      return survey(sql`s.score`);
    case "satisfied":
      return survey(sql`case when s.score >= 4 then 1 else 0 end`);
  }
}

function groupKey(groupBy: GroupBy): SQL {
  switch (groupBy) {
    case "none":
      return sql`'all'`;
    case "office":
      return sql`s.office_id::text`;
    case "purpose":
      return sql`coalesce(s.purpose_id::text, '')`;
    case "event":
      return sql`coalesce(s.event_type, '')`;
    case "day":
      return sql`to_char(s.d, 'YYYY-MM-DD')`;
    case "week":
      // ISO weeks, Monday first: the key is the Monday's date.
      return sql`to_char(date_trunc('week', s.d)::date, 'YYYY-MM-DD')`;
    case "month":
      return sql`to_char(s.d, 'YYYY-MM')`;
    case "fy":
      return sql`(extract(year from s.d)::int - case when extract(month from s.d) < 4 then 1 else 0 end)::text`;
  }
}

interface FiguresRow {
  key: string;
  count: number;
  sum: number | null;
  mean: number | null;
  median: number | null;
  p90: number | null;
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
    /** Count, sum, mean, median and p90 of a KPI's values per group. */
    async figures(kpi: KpiId, filter: KpiFilter, groupBy: GroupBy): Promise<KpiFigures[]> {
      const result = await db.execute(sql`
        select ${groupKey(groupBy)} as key, count(s.v)::int as count, sum(s.v)::float8 as sum,
          avg(s.v)::float8 as mean,
          percentile_cont(0.5) within group (order by s.v) as median,
          percentile_cont(0.9) within group (order by s.v) as p90
        from (${source(kpi, filter)}) s
        group by 1 order by 1`);
      return rowsOf<FiguresRow>(result).map((r) => ({
        key: r.key,
        count: Number(r.count),
        sum: r.sum === null ? 0 : Number(r.sum),
        mean: r.mean === null ? null : Number(r.mean),
        median: r.median === null ? null : Number(r.median),
        p90: r.p90 === null ? null : Number(r.p90),
      }));
    },

    /**
     * Writes the facts of tickets that ended (done or absent) and have none yet, looking at the ending
     * events after the highest one already turned into a fact, less a margin: on PostgreSQL event ids
     * are taken before commit, so a transaction still in flight can commit an id below the highest seen.
     * Derived only from the ticket and its events: see docs/kpi.md for each column.
     */
    async refreshTicketFacts(municipalityId: string, margin: number): Promise<number> {
      const result = await db.execute(sql`
        with mark as (
          select coalesce(max(last_event_id), 0) - ${margin} as id
          from kpi_ticket_facts where municipality_id = ${municipalityId}
        ),
        ended as (
          select e.ticket_id, max(e.id) as last_event_id
          from queue_ticket_events e
          where e.id > (select id from mark) and e.municipality_id = ${municipalityId}
            and e.kind in ('finished', 'absent')
          group by e.ticket_id
        )
        insert into kpi_ticket_facts (ticket_id, municipality_id, office_id, purpose_id, event_type,
          service_date, outcome, issued_at, wait_seconds, stay_seconds, service_seconds, transfers, recalls,
          last_event_id)
        select t.id, t.municipality_id, t.office_id, t.purpose_id, v.household->'event'->>'type',
          t.service_date, t.status, t.issued_at,
          round(extract(epoch from ev.first_call - t.issued_at))::int,
          case when t.status = 'done' then round(extract(epoch from ev.last_finish - t.issued_at))::int end,
          coalesce(seg.seconds, '{}'::integer[]), ev.transfers, ev.recalls, ended.last_event_id
        from ended
        join queue_tickets t on t.id = ended.ticket_id and t.municipality_id = ${municipalityId}
        left join visits v on v.id = t.visit_id and v.municipality_id = t.municipality_id
        cross join lateral (
          select min(e.at) filter (where e.kind = 'called') as first_call,
            max(e.at) filter (where e.kind = 'finished') as last_finish,
            count(*) filter (where e.kind = 'transferred')::int as transfers,
            count(*) filter (where e.kind = 'recalled')::int as recalls
          from queue_ticket_events e where e.ticket_id = t.id
        ) ev
        cross join lateral (
          select array_agg(x.seconds order by x.segment) filter (where x.seconds is not null) as seconds
          from (
            select p.segment, round(extract(epoch from
                max(p.at) filter (where p.kind in ('finished', 'transferred'))
                - min(p.at) filter (where p.kind = 'called')))::int as seconds
            from (
              select e.kind, e.at,
                coalesce(count(*) filter (where e.kind = 'transferred')
                  over (order by e.id rows between unbounded preceding and 1 preceding), 0) as segment
              from queue_ticket_events e where e.ticket_id = t.id
            ) p
            group by p.segment
          ) x
        ) seg
        where t.status in ('done', 'absent')
          and not exists (select 1 from kpi_ticket_facts k where k.ticket_id = t.id)
        on conflict (ticket_id) do nothing
        returning ticket_id`);
      return rowsOf(result).length;
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
            where municipality_id = ${municipalityId} and open ${office}) as "countersOpen"
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
        select id, code, name_ja as "nameJa", name_en as "nameEn" from offices
        where municipality_id = ${municipalityId} order by sort_order, code`);
      return rowsOf<{ id: string; code: string; nameJa: string; nameEn: string }>(result);
    },

    async municipalityCode(municipalityId: string): Promise<string | undefined> {
      const result = await db.execute(sql`select code from municipalities where id = ${municipalityId}`);
      return rowsOf<{ code: string }>(result)[0]?.code;
    },

    async purposes(municipalityId: string) {
      const result = await db.execute(sql`
        select id, code, label_ja as "labelJa", label_en as "labelEn" from queue_purposes
        where municipality_id = ${municipalityId}`);
      return rowsOf<{ id: string; code: string; labelJa: string; labelEn: string }>(result);
    },
  };
}

export type KpiRepository = ReturnType<typeof kpiRepository>;
