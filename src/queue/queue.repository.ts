import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { preparedPerDb } from "../db/prepared";
import type { LocaleMap } from "../shared/locale";
import { isUuid } from "../tenancy/tenancy.repository";
import { counters, departments, offices } from "../tenancy/tenancy.table";
import {
  queueCounterStates,
  queueOffices,
  queuePurposeCounters,
  queuePurposes,
  queueTicketEvents,
  queueTickets,
  type TicketEventKind,
  type TicketKind,
  type TicketStatus,
} from "./queue.table";

export type QueueOfficeRow = typeof queueOffices.$inferSelect;
export type PurposeRow = typeof queuePurposes.$inferSelect;
export type TicketRow = typeof queueTickets.$inferSelect;
export type TicketEventRow = typeof queueTicketEvents.$inferSelect;

export interface Purpose extends PurposeRow {
  counterIds: string[];
}

export interface QueueOffice extends QueueOfficeRow {
  /** The office's name in each language it has. */
  name: LocaleMap;
}

export interface CounterInfo {
  id: string;
  number: number;
  labels: LocaleMap;
  oneStop: boolean;
  departmentId: string | null;
  officeId: string;
}

export interface DepartmentInfo {
  id: string;
  labels: LocaleMap;
}

export interface RecentCall {
  seq: number;
  kind: "called" | "recalled";
  at: Date;
  ticketId: string;
  number: number;
  counterId: string;
}

export interface BoardSnapshot {
  seq: number;
  nearlyCalledAhead: number;
  states: Array<{ counterId: string; open: boolean; changedAt: Date }>;
  tickets: BoardTicketRow[];
  /** Newest first. */
  calls: RecentCall[];
  /** Minutes, per purpose id. */
  samples: Map<string, number[]>;
}

interface SnapshotRow {
  seq: string | number;
  nearly: string | number;
  states: string;
  tickets: string;
  calls: string;
  samples: string;
}

/** A waiting ticket as calling sees it. */
export interface WaitingTicket {
  id: string;
  number: number;
  purposeId: string;
  kind: TicketKind;
  waitingSince: Date;
  targetCounterId: string | null;
  targetDepartmentId: string | null;
  firstCalledAt: Date | null;
}

export interface BoardTicketRow {
  id: string;
  number: number;
  purposeId: string;
  kind: TicketKind;
  status: TicketStatus;
  waitingSince: Date;
  targetCounterId: string | null;
  targetDepartmentId: string | null;
  counterId: string | null;
}

type BoardTicketTuple = [
  string,
  number,
  string,
  TicketKind,
  TicketStatus,
  number,
  string | null,
  string | null,
  string | null,
];

export interface NewTicketEvent {
  municipalityId: string;
  officeId: string;
  ticketId: string;
  purposeId: string;
  seq: number;
  kind: TicketEventKind;
  at: Date;
  counterId?: string | null;
  staffId?: string | null;
  lane: string;
  serviceSeconds?: number | null;
  detail?: Record<string, unknown>;
}

const officeColumns = {
  officeId: queueOffices.officeId,
  municipalityId: queueOffices.municipalityId,
  opensAtMinute: queueOffices.opensAtMinute,
  closesAtMinute: queueOffices.closesAtMinute,
  openWeekdays: queueOffices.openWeekdays,
  observeNationalHolidays: queueOffices.observeNationalHolidays,
  observeYearEnd: queueOffices.observeYearEnd,
  closedDates: queueOffices.closedDates,
  nearlyCalledAhead: queueOffices.nearlyCalledAhead,
  displayCaptions: queueOffices.displayCaptions,
  kioskRequiresDevice: queueOffices.kioskRequiresDevice,
  eventSeq: queueOffices.eventSeq,
  name: offices.names,
};

const counterColumns = {
  id: counters.id,
  number: counters.number,
  labels: counters.labels,
  oneStop: counters.oneStop,
  departmentId: counters.departmentId,
  officeId: counters.officeId,
};
/** A purpose's number band on one service day: what taking a number needs. */
interface BandDay {
  municipalityId: string;
  officeId: string;
  purposeId: string;
  serviceDate: string;
  bandStart: number;
  bandEnd: number;
}

/** Values as a list of text parameters, for an `array[…]` constructor. */
const textList = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}::text`),
    sql`, `,
  );

export interface IssueContext {
  office: QueueOffice;
  purpose: PurposeRow;
}

/**
 * An office's queue settings with one of its active purposes (left-joined: no purpose when the id is not
 * one of the office's active purposes). Prepared: the kiosk runs it on every ticket.
 */
const issueContextQuery = preparedPerDb((db) =>
  db
    .select({ office: officeColumns, purpose: queuePurposes })
    .from(queueOffices)
    .innerJoin(offices, eq(offices.id, queueOffices.officeId))
    .leftJoin(
      queuePurposes,
      and(
        eq(queuePurposes.officeId, queueOffices.officeId),
        eq(queuePurposes.municipalityId, queueOffices.municipalityId),
        eq(queuePurposes.id, sql`${sql.placeholder("purposeId")}::uuid`),
        eq(queuePurposes.active, true),
      ),
    )
    .where(eq(queueOffices.officeId, sql`${sql.placeholder("officeId")}::uuid`))
    .prepare("queue_issue_context"),
);

/**
 * A waiting ticket's place on its lane (see `lanePlace`), selected from its office's row. Prepared:
 * counted for every ticket issued, so it is parsed and planned once per connection.
 */
const lanePlaceQuery = preparedPerDb((db) => {
  const p = (name: string) => sql.placeholder(name);
  const headStart = (kind: SQL) =>
    sql`(case ${kind} when 'priority' then ${p("hsPriority")}::integer when 'reservation' then ${p("hsReservation")}::integer else ${p("hsNormal")}::integer end)`;
  const ws = sql`${p("waitingSince")}::timestamptz`;
  const mine = sql`(${ws} - make_interval(mins => ${headStart(sql`${p("ticketKind")}::text`)}))`;
  const theirs = sql`(t.waiting_since - make_interval(mins => ${headStart(sql`t.kind`)}))`;
  const office = sql`${p("officeId")}::uuid`;
  const purpose = sql`${p("purposeId")}::uuid`;
  const day = sql`${p("serviceDate")}::date`;
  const municipality = sql`${p("municipalityId")}::text`;
  return db
    .select({
      ahead: sql<string>`(select count(*) from queue_tickets t
        where t.office_id = ${office} and t.service_date = ${day} and t.status = 'waiting'
          and t.purpose_id = ${purpose} and t.target_counter_id is null and t.target_department_id is null
          and t.municipality_id = ${municipality} and t.id <> ${p("ticketId")}::uuid
          and (${theirs} < ${mine} or (${theirs} = ${mine} and (t.waiting_since < ${ws}
            or (t.waiting_since = ${ws} and t.number < ${p("ticketNumber")}::integer)))))`,
      open: sql<string>`(select count(*) from queue_purpose_counters pc
        join queue_counter_states s on s.counter_id = pc.counter_id
        where pc.purpose_id = ${purpose} and pc.municipality_id = ${municipality} and s.open
          and (s.changed_at at time zone 'Asia/Tokyo')::date = ${day})`,
      free: sql<string>`(select count(*) from queue_purpose_counters pc
        join queue_counter_states s on s.counter_id = pc.counter_id
        where pc.purpose_id = ${purpose} and pc.municipality_id = ${municipality} and s.open
          and (s.changed_at at time zone 'Asia/Tokyo')::date = ${day}
          and not exists (select 1 from queue_tickets b
            where b.counter_id = pc.counter_id and b.service_date = ${day}
              and b.status in ('called', 'serving')))`,
      samples: sql<string>`(select coalesce(json_agg(r.service_seconds), '[]')
        from (select e.service_seconds from queue_ticket_events e
          where e.office_id = ${office} and e.purpose_id = ${purpose} and e.service_seconds is not null
            and e.municipality_id = ${municipality} and e.lane = 'purpose'
            and e.at >= ${p("samplesSince")}::timestamptz
          order by e.id desc limit ${p("samplesPerPurpose")}::integer) r)::text`,
    })
    .from(queueOffices)
    .where(and(eq(queueOffices.municipalityId, municipality), eq(queueOffices.officeId, office)))
    .prepare("queue_lane_place");
});

/**
 * The only SQL of the queue. Every method that reads municipal data takes the municipality id, except
 * `findPublicOffice` and `findTicketByTokenHash`, which serve the public pages: an office id or an
 * unguessable token is what names the tenant there.
 */
export function queueRepository(db: DbOrTx) {
  return {
    /** An office with a queue, by id alone (kiosk, display): its row names the municipality. */
    async findPublicOffice(officeId: string): Promise<QueueOffice | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(eq(queueOffices.officeId, officeId));
      return rows[0];
    },

    async findOffice(municipalityId: string, officeId: string): Promise<QueueOffice | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(queueOffices.officeId, officeId)));
      return rows[0];
    },

    async listOffices(municipalityId: string): Promise<QueueOffice[]> {
      return db
        .select(officeColumns)
        .from(queueOffices)
        .innerJoin(offices, eq(offices.id, queueOffices.officeId))
        .where(eq(queueOffices.municipalityId, municipalityId))
        .orderBy(asc(offices.sortOrder));
    },

    async hasAnyOffice(municipalityId: string): Promise<boolean> {
      const rows = await db
        .select({ id: queueOffices.officeId })
        .from(queueOffices)
        .where(eq(queueOffices.municipalityId, municipalityId))
        .limit(1);
      return rows.length > 0;
    },

    /**
     * Takes the office's row for the rest of the transaction and numbers the change: every mutation of
     * an office's queue starts here, so they run one at a time per office, in the order of `event_seq`.
     */
    async lockOffice(municipalityId: string, officeId: string): Promise<QueueOfficeRow | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .update(queueOffices)
        .set({ eventSeq: sql`${queueOffices.eventSeq} + 1` })
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(queueOffices.officeId, officeId)))
        .returning();
      return rows[0];
    },

    async listPurposes(
      municipalityId: string,
      officeId: string,
      includeInactive = false,
    ): Promise<Purpose[]> {
      const rows = await db
        .select()
        .from(queuePurposes)
        .where(
          and(
            eq(queuePurposes.municipalityId, municipalityId),
            eq(queuePurposes.officeId, officeId),
            includeInactive ? undefined : eq(queuePurposes.active, true),
          ),
        )
        .orderBy(asc(queuePurposes.sortOrder), asc(queuePurposes.bandStart));
      if (rows.length === 0) return [];
      const links = await db
        .select({ purposeId: queuePurposeCounters.purposeId, counterId: queuePurposeCounters.counterId })
        .from(queuePurposeCounters)
        .innerJoin(counters, eq(counters.id, queuePurposeCounters.counterId))
        .where(
          and(
            eq(queuePurposeCounters.municipalityId, municipalityId),
            inArray(
              queuePurposeCounters.purposeId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(counters.number));
      return rows.map((r) => ({
        ...r,
        counterIds: links.filter((l) => l.purposeId === r.id).map((l) => l.counterId),
      }));
    },

    async findPurpose(
      municipalityId: string,
      officeId: string,
      purposeId: string,
    ): Promise<PurposeRow | undefined> {
      if (!isUuid(purposeId)) return undefined;
      const rows = await db
        .select()
        .from(queuePurposes)
        .where(
          and(
            eq(queuePurposes.municipalityId, municipalityId),
            eq(queuePurposes.officeId, officeId),
            eq(queuePurposes.id, purposeId),
            eq(queuePurposes.active, true),
          ),
        );
      return rows[0];
    },

    /** An office's queue settings and one of its active purposes, in one read (no lock): what issuing checks first. */
    async issueContext(
      municipalityId: string,
      officeId: string,
      purposeId: string,
    ): Promise<IssueContext | undefined> {
      if (!isUuid(officeId) || !isUuid(purposeId)) return undefined;
      const [row] = await issueContextQuery(db).execute({ officeId, purposeId });
      if (!row?.purpose || row.office.municipalityId !== municipalityId) return undefined;
      return { office: row.office, purpose: row.purpose };
    },

    /**
     * The kiosk's issue, by the office id alone (a public page): the office (undefined when unknown)
     * and the active purpose of that office (undefined when not one), in one prepared statement.
     */
    async kioskContext(
      officeId: string,
      purposeId: string,
    ): Promise<{ office: QueueOffice; purpose: PurposeRow | undefined } | undefined> {
      if (!isUuid(officeId)) return undefined;
      const [row] = await issueContextQuery(db).execute({
        officeId,
        purposeId: isUuid(purposeId) ? purposeId : null,
      });
      return row ? { office: row.office, purpose: row.purpose ?? undefined } : undefined;
    },

    /**
     * Issues a ticket in ONE statement, so that it is its own transaction and holds its locks only while
     * it runs: the day's number row of the purpose (taken first: INSERT … ON CONFLICT DO UPDATE waits for a
     * concurrent issuer and then sees its number), then the office row (its event number), the ticket, its
     * "issued" event and the live notification. With the band used up nothing is written and nothing is
     * returned. Numbers stay gap-free: a failing statement returns its number with everything else.
     * Lock order number → office is safe: nothing else takes a number row after the office row.
     */
    async issueOne(
      p: BandDay & {
        kind: TicketKind;
        tokenHash: string;
        now: Date;
        waitingSince: Date;
        staffId: string | null;
        lang: string;
        channel: string;
      },
    ): Promise<{ id: string; number: number; seq: number } | undefined> {
      const at = p.now.toISOString();
      const since = p.waitingSince.toISOString();
      const result = await db.execute(sql`
        with num as (
          insert into queue_daily_numbers (municipality_id, office_id, purpose_id, service_date, last_number)
          values (${p.municipalityId}::text, ${p.officeId}::uuid, ${p.purposeId}::uuid, ${p.serviceDate}::date,
            ${p.bandStart}::integer)
          on conflict (purpose_id, service_date) do update
            set last_number = greatest(queue_daily_numbers.last_number + 1, ${p.bandStart}::integer)
            where greatest(queue_daily_numbers.last_number + 1, ${p.bandStart}::integer) <= ${p.bandEnd}::integer
          returning last_number
        ), office as (
          update queue_offices set event_seq = event_seq + 1
          where municipality_id = ${p.municipalityId}::text and office_id = ${p.officeId}::uuid
            and exists (select 1 from num where num.last_number <= ${p.bandEnd}::integer)
          returning event_seq
        ), ticket as (
          insert into queue_tickets (municipality_id, office_id, purpose_id, service_date, number, kind, status,
            token_hash, waiting_since, issued_at, issued_by_staff_id, lang)
          select ${p.municipalityId}::text, ${p.officeId}::uuid, ${p.purposeId}::uuid, ${p.serviceDate}::date,
            num.last_number, ${p.kind}::text, 'waiting', ${p.tokenHash}::text, ${since}::timestamptz, ${at}::timestamptz,
            ${p.staffId}::uuid, ${p.lang}::text
          from num, office
          returning id, number, kind
        ), event as (
          insert into queue_ticket_events (municipality_id, office_id, ticket_id, purpose_id, seq, kind, at,
            staff_id, lane, detail)
          select ${p.municipalityId}::text, ${p.officeId}::uuid, ticket.id, ${p.purposeId}::uuid, office.event_seq, 'issued',
            ${at}::timestamptz, ${p.staffId}::uuid, 'purpose', jsonb_build_object('kind', ticket.kind)
          from ticket, office
          returning ticket_id
        )
        select ticket.id, ticket.number, office.event_seq as seq,
          pg_notify(${p.channel}, json_build_object('type', 'ticket.issued', 'municipalityId', ${p.municipalityId}::text,
            'officeId', ${p.officeId}::text, 'seq', office.event_seq, 'ticketId', ticket.id)::text) as notified
        from ticket, office, event`);
      const row = (result as unknown as { rows: Array<{ id: string; number: number; seq: string | number }> })
        .rows[0];
      return row ? { id: row.id, number: Number(row.number), seq: Number(row.seq) } : undefined;
    },

    /**
     * Issues `tokens.length` normal tickets of one purpose in ONE statement (the kiosk's batch, see
     * issue-batch.ts): the day's number row takes the whole run of numbers at once, the office row as
     * many event numbers, then the tickets, their "issued" events and one notification each. All or
     * nothing: when the band has not room for the whole run, nothing is written and nothing returned
     * (the caller then issues one by one, so that the band is filled exactly). Rows come back in the
     * order of `tokens`, numbered consecutively.
     */
    async issueMany(
      p: BandDay & {
        tokenHashes: string[];
        langs: string[];
        now: Date;
        channel: string;
      },
    ): Promise<Array<{ id: string; number: number; seq: number }>> {
      const k = p.tokenHashes.length;
      const at = p.now.toISOString();
      const result = await db.execute(sql`
        with req as (
          select r.token_hash, r.lang, r.ord
          from unnest(array[${textList(p.tokenHashes)}]::text[], array[${textList(p.langs)}]::text[])
            with ordinality as r(token_hash, lang, ord)
        ), num as (
          insert into queue_daily_numbers (municipality_id, office_id, purpose_id, service_date, last_number)
          select ${p.municipalityId}::text, ${p.officeId}::uuid, ${p.purposeId}::uuid, ${p.serviceDate}::date,
            ${p.bandStart}::integer + ${k}::integer - 1
          where ${p.bandStart}::integer + ${k}::integer - 1 <= ${p.bandEnd}::integer
          on conflict (purpose_id, service_date) do update
            set last_number = greatest(queue_daily_numbers.last_number + 1, ${p.bandStart}::integer) + ${k}::integer - 1
            where greatest(queue_daily_numbers.last_number + 1, ${p.bandStart}::integer) + ${k}::integer - 1
              <= ${p.bandEnd}::integer
          returning last_number - ${k}::integer as before
        ), office as (
          update queue_offices set event_seq = event_seq + ${k}::integer
          where municipality_id = ${p.municipalityId}::text and office_id = ${p.officeId}::uuid
            and exists (select 1 from num)
          returning event_seq - ${k}::integer as before
        ), ticket as (
          insert into queue_tickets (municipality_id, office_id, purpose_id, service_date, number, kind, status,
            token_hash, waiting_since, issued_at, issued_by_staff_id, lang)
          select ${p.municipalityId}::text, ${p.officeId}::uuid, ${p.purposeId}::uuid, ${p.serviceDate}::date,
            num.before + req.ord, 'normal', 'waiting', req.token_hash, ${at}::timestamptz, ${at}::timestamptz,
            null, req.lang
          from num, office, req
          returning id, number
        ), numbered as (
          select ticket.id, ticket.number, office.before + (ticket.number - num.before) as seq
          from ticket, office, num
        ), event as (
          insert into queue_ticket_events (municipality_id, office_id, ticket_id, purpose_id, seq, kind, at,
            staff_id, lane, detail)
          select ${p.municipalityId}::text, ${p.officeId}::uuid, numbered.id, ${p.purposeId}::uuid, numbered.seq,
            'issued', ${at}::timestamptz, null, 'purpose', jsonb_build_object('kind', 'normal')
          from numbered
          returning ticket_id
        )
        select numbered.id, numbered.number, numbered.seq,
          pg_notify(${p.channel}, json_build_object('type', 'ticket.issued', 'municipalityId', ${p.municipalityId}::text,
            'officeId', ${p.officeId}::text, 'seq', numbered.seq, 'ticketId', numbered.id)::text) as notified
        from numbered
        where exists (select 1 from event)
        order by numbered.number`);
      const rows = (
        result as unknown as { rows: Array<{ id: string; number: number; seq: string | number }> }
      ).rows;
      return rows.map((r) => ({ id: r.id, number: Number(r.number), seq: Number(r.seq) }));
    },

    /**
     * A waiting ticket's place on its own lane, counted by the database (no board): the waiting tickets
     * that the call order puts first (an earlier claim: waiting since, less the kind's head start; ties by
     * waiting time, then number), the lane's counters configured and open today, and the purpose's
     * recent service times. Cost grows with the lane's waiting tickets only, through its partial index.
     */
    async lanePlace(p: {
      municipalityId: string;
      officeId: string;
      purposeId: string;
      serviceDate: string;
      ticket: { id: string; number: number; kind: TicketKind; waitingSince: Date };
      headStartMinutes: Record<TicketKind, number>;
      samplesSince: Date;
      samplesPerPurpose: number;
    }): Promise<{ ahead: number; open: number; free: number; samples: number[] }> {
      const hs = p.headStartMinutes;
      const [row] = await lanePlaceQuery(db).execute({
        officeId: p.officeId,
        serviceDate: p.serviceDate,
        purposeId: p.purposeId,
        municipalityId: p.municipalityId,
        ticketId: p.ticket.id,
        ticketKind: p.ticket.kind,
        ticketNumber: p.ticket.number,
        waitingSince: p.ticket.waitingSince.toISOString(),
        hsPriority: hs.priority,
        hsReservation: hs.reservation,
        hsNormal: hs.normal,
        samplesSince: p.samplesSince.toISOString(),
        samplesPerPurpose: p.samplesPerPurpose,
      });
      return {
        ahead: Number(row?.ahead ?? 0),
        open: Number(row?.open ?? 0),
        free: Number(row?.free ?? 0),
        samples: (JSON.parse(row?.samples ?? "[]") as number[]).map((s) => s / 60),
      };
    },

    async insertTicket(values: typeof queueTickets.$inferInsert): Promise<TicketRow> {
      const rows = await db.insert(queueTickets).values(values).returning();
      const row = rows[0];
      if (!row) throw new Error("ticket insert returned no row");
      return row;
    },

    async insertEvent(event: NewTicketEvent): Promise<void> {
      await db.insert(queueTicketEvents).values({
        municipalityId: event.municipalityId,
        officeId: event.officeId,
        ticketId: event.ticketId,
        purposeId: event.purposeId,
        seq: event.seq,
        kind: event.kind,
        at: event.at,
        counterId: event.counterId ?? null,
        staffId: event.staffId ?? null,
        lane: event.lane,
        serviceSeconds: event.serviceSeconds ?? null,
        detail: event.detail ?? {},
      });
    },

    async findTicket(municipalityId: string, ticketId: string): Promise<TicketRow | undefined> {
      if (!isUuid(ticketId)) return undefined;
      const rows = await db
        .select()
        .from(queueTickets)
        .where(and(eq(queueTickets.municipalityId, municipalityId), eq(queueTickets.id, ticketId)));
      return rows[0];
    },

    async findTicketByTokenHash(tokenHash: string): Promise<TicketRow | undefined> {
      const rows = await db.select().from(queueTickets).where(eq(queueTickets.tokenHash, tokenHash));
      return rows[0];
    },

    async updateTicket(
      municipalityId: string,
      ticketId: string,
      patch: Partial<typeof queueTickets.$inferInsert>,
    ): Promise<TicketRow> {
      const rows = await db
        .update(queueTickets)
        .set(patch)
        .where(and(eq(queueTickets.municipalityId, municipalityId), eq(queueTickets.id, ticketId)))
        .returning();
      const row = rows[0];
      if (!row) throw new Error("ticket update matched no row");
      return row;
    },

    /** Tickets a counter has in hand: called, being served, or paused. */
    ticketsAtCounter(municipalityId: string, counterId: string, serviceDate: string): Promise<TicketRow[]> {
      return db
        .select()
        .from(queueTickets)
        .where(
          and(
            eq(queueTickets.municipalityId, municipalityId),
            eq(queueTickets.counterId, counterId),
            eq(queueTickets.serviceDate, serviceDate),
            inArray(queueTickets.status, ["called", "serving", "paused"]),
          ),
        )
        .orderBy(asc(queueTickets.firstCalledAt));
    },

    /**
     * Today's waiting tickets a counter may call: sent to it, sent to its department, or of a purpose
     * it serves and not sent anywhere. Only what choosing needs, as one JSON value (see boardSnapshot):
     * a call reads every waiting ticket of the counter's queues.
     */
    async waitingFor(
      municipalityId: string,
      counter: CounterInfo,
      purposeIds: string[],
      serviceDate: string,
    ): Promise<WaitingTicket[]> {
      const lanes = [eq(queueTickets.targetCounterId, counter.id)];
      if (counter.departmentId)
        lanes.push(
          and(
            isNull(queueTickets.targetCounterId),
            eq(queueTickets.targetDepartmentId, counter.departmentId),
          ) ?? sql`false`,
        );
      if (purposeIds.length > 0)
        lanes.push(
          and(
            isNull(queueTickets.targetCounterId),
            isNull(queueTickets.targetDepartmentId),
            inArray(queueTickets.purposeId, purposeIds),
          ) ?? sql`false`,
        );
      const t = queueTickets;
      const [row] = await db
        .select({
          json: sql<string>`coalesce(json_agg(json_build_array(${t.id}, ${t.number}, ${t.purposeId}, ${t.kind},
            (extract(epoch from ${t.waitingSince}) * 1000)::bigint, ${t.targetCounterId}, ${t.targetDepartmentId},
            (extract(epoch from ${t.firstCalledAt}) * 1000)::bigint)), '[]')::text`,
        })
        .from(t)
        .where(
          and(
            eq(t.municipalityId, municipalityId),
            eq(t.officeId, counter.officeId),
            eq(t.serviceDate, serviceDate),
            eq(t.status, "waiting"),
            or(...lanes),
          ),
        );
      type Tuple = [string, number, string, TicketKind, number, string | null, string | null, number | null];
      return (JSON.parse(row?.json ?? "[]") as Tuple[]).map((x) => ({
        id: x[0],
        number: x[1],
        purposeId: x[2],
        kind: x[3],
        waitingSince: new Date(x[4]),
        targetCounterId: x[5],
        targetDepartmentId: x[6],
        firstCalledAt: x[7] === null ? null : new Date(x[7]),
      }));
    },

    async findCounter(municipalityId: string, counterId: string): Promise<CounterInfo | undefined> {
      if (!isUuid(counterId)) return undefined;
      const rows = await db
        .select(counterColumns)
        .from(counters)
        .where(and(eq(counters.municipalityId, municipalityId), eq(counters.id, counterId)));
      return rows[0];
    },

    listCounters(municipalityId: string, officeId: string): Promise<CounterInfo[]> {
      return db
        .select(counterColumns)
        .from(counters)
        .where(and(eq(counters.municipalityId, municipalityId), eq(counters.officeId, officeId)))
        .orderBy(asc(counters.number));
    },

    /** Departments with at least one counter in the office: where a ticket can be sent. */
    async listOfficeDepartments(municipalityId: string, officeId: string): Promise<DepartmentInfo[]> {
      const rows = await db
        .selectDistinct({
          id: departments.id,
          labels: departments.labels,
          sortOrder: departments.sortOrder,
        })
        .from(departments)
        .innerJoin(counters, eq(counters.departmentId, departments.id))
        .where(and(eq(departments.municipalityId, municipalityId), eq(counters.officeId, officeId)))
        .orderBy(asc(departments.sortOrder));
      return rows.map(({ id, labels }) => ({ id, labels }));
    },

    async setCounterState(state: typeof queueCounterStates.$inferInsert): Promise<void> {
      await db
        .insert(queueCounterStates)
        .values(state)
        .onConflictDoUpdate({
          target: queueCounterStates.counterId,
          set: {
            open: state.open,
            reason: state.reason ?? null,
            changedAt: state.changedAt,
            changedBy: state.changedBy,
          },
        });
    },

    async openCounterIfClosed(state: {
      counterId: string;
      municipalityId: string;
      officeId: string;
      changedAt: Date;
      changedBy: string;
    }): Promise<void> {
      await db
        .insert(queueCounterStates)
        .values({ ...state, open: true, reason: null })
        .onConflictDoUpdate({
          target: queueCounterStates.counterId,
          set: { open: true, reason: null, changedAt: state.changedAt, changedBy: state.changedBy },
          setWhere: eq(queueCounterStates.open, false),
        });
    },

    async counterStates(
      municipalityId: string,
      officeId: string,
    ): Promise<Array<{ counterId: string; open: boolean; reason: string | null; changedAt: Date }>> {
      return db
        .select({
          counterId: queueCounterStates.counterId,
          open: queueCounterStates.open,
          reason: queueCounterStates.reason,
          changedAt: queueCounterStates.changedAt,
        })
        .from(queueCounterStates)
        .where(
          and(
            eq(queueCounterStates.municipalityId, municipalityId),
            eq(queueCounterStates.officeId, officeId),
          ),
        );
    },

    /**
     * Everything about an office's queue that changes during the day, in one statement (so one snapshot,
     * and one round trip): the event number, counter states, the tickets the board shows (waiting, in
     * hand, or finished since `finishedSince`), the day's latest calls, and recent service times per
     * purpose. Rows travel as JSON text: PGlite parses a thousand rows of nine columns in about 50 ms
     * and the same as one JSON value in about 10 ms (measured here with 2,000 tickets), and the board is
     * read on every change. Undefined when the office has no queue.
     */
    async boardSnapshot(p: {
      municipalityId: string;
      officeId: string;
      serviceDate: string;
      dayStart: Date;
      finishedSince: Date;
      samplesSince: Date;
      samplesPerPurpose: number;
    }): Promise<BoardSnapshot | undefined> {
      const m = p.municipalityId;
      const o = p.officeId;
      const result = await db.execute(sql`
        select qo.event_seq as seq, qo.nearly_called_ahead as nearly,
          (select coalesce(json_agg(json_build_array(s.counter_id, s.open,
              (extract(epoch from s.changed_at) * 1000)::bigint)), '[]')
            from queue_counter_states s where s.municipality_id = ${m} and s.office_id = ${o})::text as states,
          (select coalesce(json_agg(json_build_array(t.id, t.number, t.purpose_id, t.kind, t.status,
              (extract(epoch from t.waiting_since) * 1000)::bigint, t.target_counter_id, t.target_department_id,
              t.counter_id)), '[]')
            from queue_tickets t
            where t.municipality_id = ${m} and t.office_id = ${o} and t.service_date = ${p.serviceDate}
              and (t.status in ('waiting', 'called', 'serving', 'paused')
                or t.finished_at >= ${p.finishedSince.toISOString()}::timestamptz))::text as tickets,
          (select coalesce(json_agg(json_build_array(c.seq, c.kind, c.at_ms, c.ticket_id, c.number, c.counter_id)
              order by c.seq desc), '[]')
            from (select e.seq, e.kind, (extract(epoch from e.at) * 1000)::bigint as at_ms, e.ticket_id,
                t.number, e.counter_id
              from queue_ticket_events e join queue_tickets t on t.id = e.ticket_id
              where e.municipality_id = ${m} and e.office_id = ${o} and e.kind in ('called', 'recalled')
                and e.at >= ${p.dayStart.toISOString()}::timestamptz
              order by e.seq desc limit 40) c)::text as calls,
          (select coalesce(json_agg(json_build_array(r.purpose_id, r.service_seconds)), '[]')
            from (select e.purpose_id, e.service_seconds,
                row_number() over (partition by e.purpose_id order by e.id desc) as rank
              from queue_ticket_events e
              where e.municipality_id = ${m} and e.office_id = ${o} and e.lane = 'purpose'
                and e.service_seconds is not null and e.at >= ${p.samplesSince.toISOString()}::timestamptz) r
            where r.rank <= ${p.samplesPerPurpose})::text as samples
        from queue_offices qo
        where qo.municipality_id = ${m} and qo.office_id = ${o}`);
      const row = (result as unknown as { rows: SnapshotRow[] }).rows[0];
      if (!row) return undefined;
      const samples = new Map<string, number[]>();
      for (const [purposeId, seconds] of JSON.parse(row.samples) as Array<[string, number]>) {
        const list = samples.get(purposeId) ?? [];
        list.push(seconds / 60);
        samples.set(purposeId, list);
      }
      return {
        seq: Number(row.seq),
        nearlyCalledAhead: Number(row.nearly),
        states: (JSON.parse(row.states) as Array<[string, boolean, number]>).map(([counterId, open, at]) => ({
          counterId,
          open,
          changedAt: new Date(at),
        })),
        tickets: (JSON.parse(row.tickets) as BoardTicketTuple[]).map((t) => ({
          id: t[0],
          number: t[1],
          purposeId: t[2],
          kind: t[3],
          status: t[4],
          waitingSince: new Date(t[5]),
          targetCounterId: t[6],
          targetDepartmentId: t[7],
          counterId: t[8],
        })),
        calls: (
          JSON.parse(row.calls) as Array<[number, "called" | "recalled", number, string, number, string]>
        ).map(([seq, kind, at, ticketId, number, counterId]) => ({
          seq,
          kind,
          at: new Date(at),
          ticketId,
          number,
          counterId,
        })),
        samples,
      };
    },

    eventsOfTicket(municipalityId: string, ticketId: string): Promise<TicketEventRow[]> {
      return db
        .select()
        .from(queueTicketEvents)
        .where(
          and(eq(queueTicketEvents.municipalityId, municipalityId), eq(queueTicketEvents.ticketId, ticketId)),
        )
        .orderBy(asc(queueTicketEvents.seq));
    },

    async officeSeq(municipalityId: string, officeId: string): Promise<number> {
      const rows = await db
        .select({ seq: queueOffices.eventSeq })
        .from(queueOffices)
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(queueOffices.officeId, officeId)));
      return rows[0]?.seq ?? 0;
    },
  };
}

export type QueueRepository = ReturnType<typeof queueRepository>;
