import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { isUuid } from "../tenancy/tenancy.repository";
import { counters, departments, offices } from "../tenancy/tenancy.table";
import {
  queueCounterStates,
  queueDailyNumbers,
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

    /**
     * The next number of a purpose's band today, or undefined when the band is used up. The row is
     * created at the number before the band, then incremented with UPDATE … RETURNING: concurrent
     * issuers wait on the row lock, and a rolled-back issue returns its number.
     */
    async takeNumber(p: {
      municipalityId: string;
      officeId: string;
      purposeId: string;
      serviceDate: string;
      bandStart: number;
      bandEnd: number;
    }): Promise<number | undefined> {
      await db
        .insert(queueDailyNumbers)
        .values({
          municipalityId: p.municipalityId,
          officeId: p.officeId,
          purposeId: p.purposeId,
          serviceDate: p.serviceDate,
          lastNumber: p.bandStart - 1,
        })
        .onConflictDoNothing();
      const next = sql`greatest(${queueDailyNumbers.lastNumber} + 1, ${p.bandStart}::integer)`;
      const rows = await db
        .update(queueDailyNumbers)
        .set({ lastNumber: next })
        .where(
          and(
            eq(queueDailyNumbers.purposeId, p.purposeId),
            eq(queueDailyNumbers.serviceDate, p.serviceDate),
            sql`${next} <= ${p.bandEnd}::integer`,
          ),
        )
        .returning({ lastNumber: queueDailyNumbers.lastNumber });
      return rows[0]?.lastNumber;
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
