import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { isUuid } from "../tenancy/tenancy.repository";
import { offices } from "../tenancy/tenancy.table";
import { applications, visits } from "../visits/visits.table";
import { type DeliveryState, handoffDeliveries } from "./handoff.table";
import type { DeliverySource } from "./record";

export type DeliveryRow = typeof handoffDeliveries.$inferSelect;

/** A delivery claimed by a worker: its source data, its attempt number and the lease it holds. */
export interface ClaimedDelivery extends DeliverySource {
  attempts: number;
  leaseToken: string;
}

/** The result of one attempt, for the lease it was made under. */
export interface AttemptResult {
  deliveryId: string;
  applicationId: string;
  leaseToken: string;
  state: "done" | "retrying" | "dead";
  nextAttemptAt?: Date;
  error?: string;
}

export interface SummaryRow {
  officeId: string;
  destination: string;
  state: DeliveryState;
  count: number;
}

export interface LatestRow {
  id: string;
  key: string;
  destination: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  updatedAt: Date;
  inFlight: boolean;
  officeId: string;
  visitId: string;
  procedureId: string;
  applicationName: string;
}

async function rowsOf<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** The only SQL of the hand-off: the outbox, its claims and its views. */
export function handoffRepository(db: DbOrTx) {
  const list = (values: string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );

  /** accepted → delivered when every delivery is done; failed while any is dead. */
  const refreshApplicationStatuses = async (applicationIds: string[]): Promise<void> => {
    if (applicationIds.length === 0) return;
    await db.execute(sql`update applications a set status = case
        when exists (select 1 from handoff_deliveries x where x.application_id = a.id and x.state = 'dead')
          then 'failed'
        when exists (select 1 from handoff_deliveries x where x.application_id = a.id and x.state <> 'done')
          then 'accepted'
        else 'delivered' end
      where a.id in (${list(applicationIds)})`);
  };

  /**
   * Records the results of attempts, each only while its lease is still the worker's (else another
   * worker took the delivery over and its result counts); returns the ids recorded. Call inside a
   * transaction: the applications are locked first, in id order (so workers never deadlock), so
   * that deliveries of one application finishing together see each other when its status is
   * worked out. One transaction for a batch: the commit, not the statement, is the cost.
   */
  const completeMany = async (results: AttemptResult[], now: Date): Promise<Set<string>> => {
    if (results.length === 0) return new Set();
    const applicationIds = [...new Set(results.map((r) => r.applicationId))].sort();
    await db.execute(
      sql`select id from applications where id in (${list(applicationIds)}) order by id for update`,
    );
    const at = now.toISOString();
    const values = sql.join(
      results.map(
        (r) =>
          sql`(${r.deliveryId}::uuid, ${r.leaseToken}::uuid, ${r.state}::text,
            ${r.nextAttemptAt?.toISOString() ?? null}::timestamptz, ${r.error?.slice(0, 2000) ?? null}::text)`,
      ),
      sql`, `,
    );
    const updated = await rowsOf<{ id: string; application_id: string; state: string }>(
      db,
      sql`update handoff_deliveries d set
          state = v.state,
          lease_token = null,
          leased_by = null,
          updated_at = ${at}::timestamptz,
          done_at = case when v.state = 'done' then ${at}::timestamptz else d.done_at end,
          next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
          last_error = case when v.state = 'done' then d.last_error else v.error end
        from (values ${values}) as v(id, token, state, next_attempt_at, error)
        where d.id = v.id and d.lease_token = v.token
        returning d.id, d.application_id, d.state`,
    );
    await refreshApplicationStatuses([
      ...new Set(updated.filter((u) => u.state !== "retrying").map((u) => u.application_id)),
    ]);
    return new Set(updated.map((u) => u.id));
  };

  return {
    /** Locks the application row: status changes of one application's deliveries take turns. */
    async lockApplication(applicationId: string): Promise<void> {
      await db.execute(sql`select id from applications where id = ${applicationId} for update`);
    },

    refreshApplicationStatus: (applicationId: string) => refreshApplicationStatuses([applicationId]),

    completeMany,

    async officesOfVisits(municipalityId: string, visitIds: string[]): Promise<Map<string, string>> {
      if (visitIds.length === 0) return new Map();
      const rows = await db
        .select({ id: visits.id, officeId: visits.officeId })
        .from(visits)
        .where(and(eq(visits.municipalityId, municipalityId), inArray(visits.id, visitIds)));
      return new Map(rows.map((r) => [r.id, r.officeId]));
    },

    /** Enqueues; a (application, destination) already enqueued is left as it is. */
    async insertDeliveries(rows: Array<typeof handoffDeliveries.$inferInsert>): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insert(handoffDeliveries)
        .values(rows)
        .onConflictDoNothing({ target: [handoffDeliveries.applicationId, handoffDeliveries.destination] })
        .returning({ id: handoffDeliveries.id });
      return inserted.length;
    },

    /**
     * Claims up to `limit` due deliveries of the enabled destinations in one short statement: the rows
     * are picked with FOR UPDATE SKIP LOCKED (workers never wait on each other), their lease is set by
     * moving next_attempt_at to its end, and their attempt count goes up — a worker that dies during
     * the attempt still used it. Returns each with what the record is built from.
     */
    async claim(options: {
      now: Date;
      leaseUntil: Date;
      limit: number;
      enabled: string[];
      workerId: string;
    }): Promise<ClaimedDelivery[]> {
      if (options.enabled.length === 0 || options.limit <= 0) return [];
      const enabled = sql.join(
        options.enabled.map((name) => sql`${name}`),
        sql`, `,
      );
      const rows = await rowsOf<{
        id: string;
        key: string;
        destination: string;
        municipality_id: string;
        attempts: number;
        lease_token: string;
        municipality_code: string;
        office_code: string;
        application_id: string;
        visit_id: string;
        procedure_id: string;
        members: unknown;
        data: unknown;
        content_hash: string;
        accepted_at: Date | string;
      }>(
        db,
        sql`update handoff_deliveries d
          set next_attempt_at = ${options.leaseUntil.toISOString()}::timestamptz,
              attempts = d.attempts + 1,
              lease_token = gen_random_uuid(),
              leased_by = ${options.workerId},
              last_attempt_at = ${options.now.toISOString()}::timestamptz,
              updated_at = ${options.now.toISOString()}::timestamptz
          from (
            select id from handoff_deliveries
            where state in ('pending', 'retrying')
              and next_attempt_at <= ${options.now.toISOString()}::timestamptz
              and (municipality_id || '/' || destination) in (${enabled})
            order by next_attempt_at
            limit ${options.limit}
            for update skip locked
          ) due, applications a, offices o, municipalities m
          where d.id = due.id and a.id = d.application_id and o.id = d.office_id and m.id = d.municipality_id
          returning d.id, d.idempotency_key as key, d.destination, d.municipality_id, d.attempts, d.lease_token,
            m.code as municipality_code, o.code as office_code, a.id as application_id, a.visit_id,
            a.procedure_id, a.members, a.data, a.content_hash, a.created_at as accepted_at`,
      );
      return rows.map((r) => ({
        deliveryId: r.id,
        key: r.key,
        destination: r.destination,
        municipalityId: r.municipality_id,
        municipalityCode: r.municipality_code,
        officeCode: r.office_code,
        applicationId: r.application_id,
        visitId: r.visit_id,
        procedureId: r.procedure_id,
        members: r.members,
        data: r.data,
        formSha256: r.content_hash,
        acceptedAt: new Date(r.accepted_at),
        attempts: Number(r.attempts),
        leaseToken: r.lease_token,
      }));
    },

    /** Records one attempt's result (see completeMany); false when the lease was taken over. */
    async complete(result: AttemptResult & { now: Date }): Promise<boolean> {
      return (await completeMany([result], result.now)).has(result.deliveryId);
    },

    async findForUpdate(municipalityId: string, id: string): Promise<DeliveryRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(handoffDeliveries)
        .where(and(eq(handoffDeliveries.municipalityId, municipalityId), eq(handoffDeliveries.id, id)))
        .for("update");
      return row;
    },

    /** Puts a delivery back in the queue, due now; a dead one starts its schedule again. */
    async requeue(municipalityId: string, id: string, resetAttempts: boolean, now: Date): Promise<void> {
      await db
        .update(handoffDeliveries)
        .set({
          state: resetAttempts ? "pending" : "retrying",
          nextAttemptAt: now,
          updatedAt: now,
          ...(resetAttempts ? { attempts: 0 } : {}),
        })
        .where(and(eq(handoffDeliveries.municipalityId, municipalityId), eq(handoffDeliveries.id, id)));
    },

    /** Counts per office, destination and state (of one office when given). */
    async summary(municipalityId: string, officeId?: string): Promise<SummaryRow[]> {
      const rows = await db
        .select({
          officeId: handoffDeliveries.officeId,
          destination: handoffDeliveries.destination,
          state: handoffDeliveries.state,
          count: sql<number>`count(*)::int`,
        })
        .from(handoffDeliveries)
        .where(
          officeId
            ? and(
                eq(handoffDeliveries.municipalityId, municipalityId),
                eq(handoffDeliveries.officeId, officeId),
              )
            : eq(handoffDeliveries.municipalityId, municipalityId),
        )
        .groupBy(handoffDeliveries.officeId, handoffDeliveries.destination, handoffDeliveries.state);
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },

    async latest(
      municipalityId: string,
      filter: { officeId?: string; state?: DeliveryState; destination?: string; limit: number },
      now: Date,
    ): Promise<LatestRow[]> {
      const conditions = [eq(handoffDeliveries.municipalityId, municipalityId)];
      if (filter.officeId) conditions.push(eq(handoffDeliveries.officeId, filter.officeId));
      if (filter.state) conditions.push(eq(handoffDeliveries.state, filter.state));
      if (filter.destination) conditions.push(eq(handoffDeliveries.destination, filter.destination));
      const rows = await db
        .select({
          id: handoffDeliveries.id,
          key: handoffDeliveries.idempotencyKey,
          destination: handoffDeliveries.destination,
          state: handoffDeliveries.state,
          attempts: handoffDeliveries.attempts,
          nextAttemptAt: handoffDeliveries.nextAttemptAt,
          lastError: handoffDeliveries.lastError,
          updatedAt: handoffDeliveries.updatedAt,
          leaseToken: handoffDeliveries.leaseToken,
          officeId: handoffDeliveries.officeId,
          visitId: applications.visitId,
          procedureId: applications.procedureId,
          data: applications.data,
        })
        .from(handoffDeliveries)
        .innerJoin(applications, eq(applications.id, handoffDeliveries.applicationId))
        .where(and(...conditions))
        .orderBy(desc(handoffDeliveries.updatedAt), asc(handoffDeliveries.id))
        .limit(filter.limit);
      return rows.map(({ leaseToken, data, ...r }) => ({
        ...r,
        inFlight: leaseToken !== null && r.nextAttemptAt > now,
        applicationName: (data as { name?: string } | null)?.name ?? r.procedureId,
      }));
    },

    listForApplications(municipalityId: string, applicationIds: string[]): Promise<DeliveryRow[]> {
      if (applicationIds.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(handoffDeliveries)
        .where(
          and(
            eq(handoffDeliveries.municipalityId, municipalityId),
            inArray(handoffDeliveries.applicationId, applicationIds),
          ),
        )
        .orderBy(asc(handoffDeliveries.createdAt), asc(handoffDeliveries.destination));
    },

    async officeCodes(municipalityId: string): Promise<Array<{ id: string; code: string; name: LocaleMap }>> {
      return db
        .select({ id: offices.id, code: offices.code, name: offices.names })
        .from(offices)
        .where(eq(offices.municipalityId, municipalityId))
        .orderBy(asc(offices.sortOrder), asc(offices.code));
    },
  };
}
