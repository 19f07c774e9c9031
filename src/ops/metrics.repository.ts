import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";

async function rowsOf<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

export interface WaitingByOffice {
  municipalityId: string;
  officeCode: string;
  waiting: number;
}

export interface BacklogRow {
  municipalityId: string;
  destination: string;
  state: "pending" | "retrying" | "dead";
  count: number;
  /** Seconds since the oldest delivery of this group was enqueued. */
  oldestSeconds: number;
}

/**
 * The aggregate queries of GET /metrics. Unlike the other repositories these read across every
 * municipality on purpose: the operator watches the whole service. They return counts and ages
 * grouped by municipality, office code and destination only — never a row, an id or a name — and each
 * runs on an index (`queue_tickets_office_day_status`, `handoff_deliveries_summary`).
 */
export function metricsRepository(db: DbOrTx) {
  return {
    /** Tickets waiting today (the service date in Japan) per office with a queue, zero included. */
    async waitingTicketsByOffice(serviceDate: string): Promise<WaitingByOffice[]> {
      const rows = await rowsOf<{ municipality_id: string; code: string; waiting: string | number }>(
        db,
        sql`select o.municipality_id, o.code, count(t.id) as waiting
            from queue_offices q
            join offices o on o.id = q.office_id
            left join queue_tickets t
              on t.office_id = q.office_id and t.service_date = ${serviceDate} and t.status = 'waiting'
            group by o.municipality_id, o.code
            order by o.municipality_id, o.code`,
      );
      return rows.map((r) => ({
        municipalityId: r.municipality_id,
        officeCode: r.code,
        waiting: Number(r.waiting),
      }));
    },

    /** Deliveries not done, per municipality, destination and state, with the age of the oldest. */
    async handoffBacklog(now: Date): Promise<BacklogRow[]> {
      const rows = await rowsOf<{
        municipality_id: string;
        destination: string;
        state: BacklogRow["state"];
        count: string | number;
        oldest_seconds: string | number;
      }>(
        db,
        sql`select municipality_id, destination, state, count(*) as count,
                   greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - min(created_at)))) as oldest_seconds
            from handoff_deliveries
            where state in ('pending', 'retrying', 'dead')
            group by municipality_id, destination, state
            order by municipality_id, destination, state`,
      );
      return rows.map((r) => ({
        municipalityId: r.municipality_id,
        destination: r.destination,
        state: r.state,
        count: Number(r.count),
        oldestSeconds: Math.round(Number(r.oldest_seconds)),
      }));
    },
  };
}
