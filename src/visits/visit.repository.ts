import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { isUuid } from "../tenancy/tenancy.repository";
import { applications, signatures, visits, visitTransitions } from "./visits.table";

export type VisitRow = typeof visits.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type VisitPatch = Partial<
  Pick<
    VisitRow,
    | "state"
    | "source"
    | "registryHouseholdId"
    | "household"
    | "plan"
    | "declined"
    | "answers"
    | "identity"
    | "measures"
    | "acceptedAt"
    | "closedAt"
    | "counterId"
  >
>;

export function visitRepository(db: DbOrTx) {
  return {
    async insert(values: typeof visits.$inferInsert): Promise<VisitRow> {
      const [row] = await db.insert(visits).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async find(municipalityId: string, id: string): Promise<VisitRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(visits)
        .where(and(eq(visits.municipalityId, municipalityId), eq(visits.id, id)));
      return row;
    },
    /** Locks the row for the rest of the transaction, so an accept cannot race another change. */
    async findForUpdate(municipalityId: string, id: string): Promise<VisitRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(visits)
        .where(and(eq(visits.municipalityId, municipalityId), eq(visits.id, id)))
        .for("update");
      return row;
    },
    /**
     * Writes a change only if nobody changed the visit since `expectedVersion` was read: returns the
     * new row, or undefined when the version moved on (another staff member saved first).
     */
    async update(
      municipalityId: string,
      id: string,
      expectedVersion: number,
      patch: VisitPatch,
      now: Date,
    ): Promise<VisitRow | undefined> {
      const [row] = await db
        .update(visits)
        .set({ ...patch, version: sql`${visits.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(visits.municipalityId, municipalityId),
            eq(visits.id, id),
            eq(visits.version, expectedVersion),
          ),
        )
        .returning();
      return row;
    },
    listOpen(municipalityId: string, officeId: string): Promise<VisitRow[]> {
      return db
        .select()
        .from(visits)
        .where(
          and(
            eq(visits.municipalityId, municipalityId),
            eq(visits.officeId, officeId),
            inArray(visits.state, [
              "reception",
              "identity",
              "household",
              "plan",
              "interview",
              "review",
              "signature",
              "accepted",
            ]),
          ),
        )
        .orderBy(desc(visits.createdAt))
        .limit(100);
    },
    async insertTransition(values: typeof visitTransitions.$inferInsert): Promise<void> {
      await db.insert(visitTransitions).values(values);
    },
    listTransitions(municipalityId: string, visitId: string) {
      return db
        .select()
        .from(visitTransitions)
        .where(
          and(eq(visitTransitions.municipalityId, municipalityId), eq(visitTransitions.visitId, visitId)),
        )
        .orderBy(asc(visitTransitions.at));
    },
    async upsertSignature(values: typeof signatures.$inferInsert): Promise<void> {
      await db
        .insert(signatures)
        .values(values)
        .onConflictDoUpdate({
          target: signatures.visitId,
          set: { imagePng: values.imagePng, forms: values.forms, signedAt: values.signedAt ?? new Date() },
        });
    },
    async findSignature(municipalityId: string, visitId: string) {
      const [row] = await db
        .select()
        .from(signatures)
        .where(and(eq(signatures.municipalityId, municipalityId), eq(signatures.visitId, visitId)));
      return row;
    },
    async insertApplications(rows: Array<typeof applications.$inferInsert>): Promise<ApplicationRow[]> {
      if (rows.length === 0) return [];
      return db.insert(applications).values(rows).returning();
    },
    listApplications(municipalityId: string, visitId: string): Promise<ApplicationRow[]> {
      return db
        .select()
        .from(applications)
        .where(and(eq(applications.municipalityId, municipalityId), eq(applications.visitId, visitId)))
        .orderBy(asc(applications.createdAt), asc(applications.procedureId));
    },
    async findApplication(
      municipalityId: string,
      visitId: string,
      id: string,
    ): Promise<ApplicationRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select()
        .from(applications)
        .where(
          and(
            eq(applications.municipalityId, municipalityId),
            eq(applications.visitId, visitId),
            eq(applications.id, id),
          ),
        );
      return row;
    },
  };
}
