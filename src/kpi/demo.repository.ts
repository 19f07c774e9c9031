import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { kpiDemoTickets } from "./kpi.table";

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface SimulatedOffice {
  id: string;
  purposes: Array<{ id: string; code: string }>;
  counters: Array<{ id: string; purposeIds: string[] }>;
  /** Department counters a one-stop counter sends a resident on to (welfare, children). */
  transferCounters: string[];
}

/** The demo data of `madoguchi demo simulate`: what it needs to know, and how it is removed. */
export function kpiDemoRepository(db: DbOrTx) {
  return {
    async queueSetup(
      municipalityId: string,
    ): Promise<{ offices: SimulatedOffice[]; staffId: string | null }> {
      const rows = rowsOf<{
        office: string;
        purposes: SimulatedOffice["purposes"];
        counters: SimulatedOffice["counters"];
        transfers: string[];
      }>(
        await db.execute(sql`
          select q.office_id as office,
            (select coalesce(json_agg(json_build_object('id', p.id, 'code', p.code) order by p.sort_order), '[]')
              from queue_purposes p where p.office_id = q.office_id and p.active) as purposes,
            (select coalesce(json_agg(json_build_object('id', c.id, 'purposeIds', c.purposes) order by c.number), '[]')
              from (select pc.counter_id as id, cc.number, array_agg(pc.purpose_id order by pc.purpose_id) as purposes
                    from queue_purpose_counters pc join counters cc on cc.id = pc.counter_id
                    where cc.office_id = q.office_id group by pc.counter_id, cc.number) c) as counters,
            (select coalesce(array_agg(c.id order by c.number), '{}') from counters c
              join departments d on d.id = c.department_id
              where c.office_id = q.office_id and d.code in ('welfare', 'children')) as transfers
          from queue_offices q join offices o on o.id = q.office_id
          where q.municipality_id = ${municipalityId}
          -- In a fixed order (ids are random per database), so that a seed gives the same history.
          order by o.sort_order, o.code`),
      );
      const staff = rowsOf<{ id: string }>(
        await db.execute(sql`
          select id from staff where municipality_id = ${municipalityId} and role = 'counter'
          order by (username = 'kumamoto-counter') desc, created_at limit 1`),
      );
      return {
        offices: rows.map((r) => ({
          id: r.office,
          purposes: r.purposes,
          counters: r.counters.map((c) => ({ id: c.id, purposeIds: c.purposeIds })),
          transferCounters: r.transfers,
        })),
        staffId: staff[0]?.id ?? null,
      };
    },

    async markTicket(municipalityId: string, ticketId: string): Promise<void> {
      await db.insert(kpiDemoTickets).values({ municipalityId, ticketId }).onConflictDoNothing();
    },

    /**
     * A simulated visit's hand-off as a real day has it: each delivery enqueued at the acceptance
     * (accept writes it at the clock of the run) and delivered `minutes` later, with a few seconds
     * between destinations; `attempts` tries it took.
     */
    async settleDeliveries(
      municipalityId: string,
      visitId: string,
      minutes: number,
      attempts: number,
    ): Promise<void> {
      await db.execute(sql`
        update handoff_deliveries h
        set created_at = v.accepted_at, next_attempt_at = v.accepted_at, state = 'done', attempts = ${attempts}::integer,
          lease_token = null, leased_by = null, last_error = null,
          done_at = v.accepted_at + make_interval(secs => ${Math.round(minutes * 60)}::integer + abs(hashtext(h.destination)) % 60),
          last_attempt_at = v.accepted_at + make_interval(secs => ${Math.round(minutes * 60)}::integer + abs(hashtext(h.destination)) % 60),
          updated_at = v.accepted_at + make_interval(secs => ${Math.round(minutes * 60)}::integer + abs(hashtext(h.destination)) % 60)
        from applications a join visits v on v.id = a.visit_id
        where a.id = h.application_id and h.municipality_id = ${municipalityId} and v.id = ${visitId}
          and v.accepted_at is not null`);
    },

    async countDemoTickets(municipalityId: string): Promise<number> {
      const rows = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from kpi_demo_tickets where municipality_id = ${municipalityId}`,
        ),
      );
      return Number(rows[0]?.n ?? 0);
    },

    /**
     * Removes every simulated ticket with its events, facts, survey answers, the visits its calls
     * opened with everything they wrote (transitions, signature, applications and their hand-off
     * deliveries) and the day numbers left unused. Audit entries stay: audit_log is append-only (a
     * trigger refuses DELETE), and they name only staff, actions and ids. Call inside a transaction.
     */
    async clear(municipalityId: string): Promise<number> {
      const m = municipalityId;
      const demo = sql`(select ticket_id from kpi_demo_tickets where municipality_id = ${m})`;
      // Every visit a demo ticket's call opened: the simulated ones are accepted or cancelled, and
      // only the simulator drives them (a demo ticket never reaches a real resident).
      const demoVisits = sql`(select id from visits where municipality_id = ${m} and ticket_id in ${demo})`;
      const demoApplications = sql`(select id from applications where municipality_id = ${m}
        and visit_id in ${demoVisits})`;
      await db.execute(sql`delete from kpi_survey_answers where municipality_id = ${m}
        and (ticket_id in ${demo} or visit_id in ${demoVisits})`);
      await db.execute(
        sql`delete from kpi_ticket_facts where municipality_id = ${m} and ticket_id in ${demo}`,
      );
      await db.execute(
        sql`delete from queue_ticket_events where municipality_id = ${m} and ticket_id in ${demo}`,
      );
      const days = rowsOf<{ purpose_id: string; service_date: string }>(
        await db.execute(sql`select distinct purpose_id, service_date::text from queue_tickets
          where municipality_id = ${m} and id in ${demo}`),
      );
      await db.execute(
        sql`update queue_tickets set visit_id = null where municipality_id = ${m} and id in ${demo}`,
      );
      await db.execute(sql`delete from handoff_deliveries where municipality_id = ${m}
        and application_id in ${demoApplications}`);
      await db.execute(
        sql`delete from applications where municipality_id = ${m} and visit_id in ${demoVisits}`,
      );
      await db.execute(
        sql`delete from signatures where municipality_id = ${m} and visit_id in ${demoVisits}`,
      );
      await db.execute(
        sql`delete from visit_transitions where municipality_id = ${m} and visit_id in ${demoVisits}`,
      );
      await db.execute(sql`delete from visits where municipality_id = ${m} and id in ${demoVisits}`);
      const deleted = rowsOf(
        await db.execute(
          sql`delete from queue_tickets where municipality_id = ${m} and id in ${demo} returning id`,
        ),
      ).length;
      for (const d of days)
        await db.execute(sql`delete from queue_daily_numbers n where n.purpose_id = ${d.purpose_id}
          and n.service_date = ${d.service_date}::date
          and not exists (select 1 from queue_tickets t where t.purpose_id = n.purpose_id and t.service_date = n.service_date)`);
      await db.execute(sql`delete from kpi_demo_tickets where municipality_id = ${m}`);
      return deleted;
    },
  };
}
