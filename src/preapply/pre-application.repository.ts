import { and, count, eq, gte, inArray, isNull, lt, lte, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { CodeInput } from "./pre-application";
import { preApplications } from "./pre-application.table";

export type PreApplicationRow = typeof preApplications.$inferSelect;
export type NewPreApplication = typeof preApplications.$inferInsert;

/** What the KPI panel counts in a period (by the day each was created). */
export interface PreApplicationCounts {
  created: number;
  consumed: number;
  expired: number;
  withdrawn: number;
  /** Fields the residents typed in the pre-applications used at the counter. */
  fieldsSaved: number;
}

/**
 * The only SQL of pre-applications. Every staff read takes the municipality id first; the resident's
 * own page finds its entry by the token's hash, which is the key itself.
 */
export function preApplicationRepository(db: DbOrTx) {
  const byInput = (input: CodeInput) =>
    input.kind === "token"
      ? eq(preApplications.tokenHash, input.hash)
      : eq(preApplications.codeHash, input.hash);
  return {
    async insert(row: NewPreApplication): Promise<PreApplicationRow> {
      const [inserted] = await db.insert(preApplications).values(row).returning();
      if (!inserted) throw new Error("pre-application insert returned nothing");
      return inserted;
    },

    /** The resident's entry by its token's hash (any municipality: the token is the key). */
    async findByTokenHash(tokenHash: string): Promise<PreApplicationRow | undefined> {
      const [row] = await db.select().from(preApplications).where(eq(preApplications.tokenHash, tokenHash));
      return row;
    },

    /** An entry of the municipality by its token or short code; another municipality's is not found. */
    async find(municipalityId: string, input: CodeInput): Promise<PreApplicationRow | undefined> {
      const [row] = await db
        .select()
        .from(preApplications)
        .where(and(eq(preApplications.municipalityId, municipalityId), byInput(input)));
      return row;
    },

    /** The same, locked until the end of the caller's transaction. */
    async findForUpdate(municipalityId: string, input: CodeInput): Promise<PreApplicationRow | undefined> {
      const [row] = await db
        .select()
        .from(preApplications)
        .where(and(eq(preApplications.municipalityId, municipalityId), byInput(input)))
        .for("update");
      return row;
    },

    /** An entry of the municipality by its id (a reservation's reference), locked like findForUpdate. */
    async findByIdForUpdate(municipalityId: string, id: string): Promise<PreApplicationRow | undefined> {
      const [row] = await db
        .select()
        .from(preApplications)
        .where(and(eq(preApplications.municipalityId, municipalityId), eq(preApplications.id, id)))
        .for("update");
      return row;
    },

    async lockByTokenHash(tokenHash: string): Promise<PreApplicationRow | undefined> {
      const [row] = await db
        .select()
        .from(preApplications)
        .where(eq(preApplications.tokenHash, tokenHash))
        .for("update");
      return row;
    },

    /** The counter took it over: the household now lives in the visit, so it is cleared here. */
    async markConsumed(municipalityId: string, id: string, visitId: string, now: Date): Promise<void> {
      await db
        .update(preApplications)
        .set({ state: "consumed", visitId, consumedAt: now, household: null })
        .where(and(eq(preApplications.municipalityId, municipalityId), eq(preApplications.id, id)));
    },

    async markWithdrawn(id: string, now: Date): Promise<void> {
      await db
        .update(preApplications)
        .set({ state: "withdrawn", withdrawnAt: now, household: null })
        .where(and(eq(preApplications.id, id), eq(preApplications.state, "submitted")));
    },

    /**
     * Expires every submitted entry past its time and purges every expired or withdrawn one: the
     * household and both hashes go, the row stays for the counts. Returns how many of each.
     */
    async expireAndPurge(now: Date): Promise<{ expired: number; purged: number }> {
      const expired = await db
        .update(preApplications)
        .set({ state: "expired", expiredAt: now })
        .where(and(eq(preApplications.state, "submitted"), lte(preApplications.expiresAt, now)))
        .returning({ id: preApplications.id });
      const purged = await db
        .update(preApplications)
        .set({ household: null, tokenHash: null, codeHash: null, purgedAt: now })
        .where(
          and(inArray(preApplications.state, ["expired", "withdrawn"]), isNull(preApplications.purgedAt)),
        )
        .returning({ id: preApplications.id });
      return { expired: expired.length, purged: purged.length };
    },

    /** Counts of the entries created in [from, to). */
    async counts(municipalityId: string, from: Date, to: Date, now: Date): Promise<PreApplicationCounts> {
      const [row] = await db
        .select({
          created: count(),
          consumed: sql<number>`count(*) filter (where ${preApplications.state} = 'consumed')`,
          expired: sql<number>`count(*) filter (where ${preApplications.state} = 'expired' or (${preApplications.state} = 'submitted' and ${preApplications.expiresAt} <= ${now}))`,
          withdrawn: sql<number>`count(*) filter (where ${preApplications.state} = 'withdrawn')`,
          fieldsSaved: sum(
            sql`case when ${preApplications.state} = 'consumed' then ${preApplications.enteredFields} else 0 end`,
          ),
        })
        .from(preApplications)
        .where(
          and(
            eq(preApplications.municipalityId, municipalityId),
            gte(preApplications.createdAt, from),
            lt(preApplications.createdAt, to),
          ),
        );
      return {
        created: Number(row?.created ?? 0),
        consumed: Number(row?.consumed ?? 0),
        expired: Number(row?.expired ?? 0),
        withdrawn: Number(row?.withdrawn ?? 0),
        fieldsSaved: Number(row?.fieldsSaved ?? 0),
      };
    },
  };
}
