import { and, asc, count, desc, eq, gte, isNull, lt, max, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import {
  manualEntries,
  manualEntryVersions,
  manualFeedback,
  manualSearchLog,
  type VersionStatus,
} from "./manual.table";

export type EntryRow = typeof manualEntries.$inferSelect;
export type VersionRow = typeof manualEntryVersions.$inferSelect;

/** The manual's SQL. The municipality id comes first in every method: another tenant's entry is not found. */
export function manualRepository(db: DbOrTx) {
  return {
    entries(municipalityId: string): Promise<EntryRow[]> {
      return db
        .select()
        .from(manualEntries)
        .where(eq(manualEntries.municipalityId, municipalityId))
        .orderBy(asc(manualEntries.id));
    },

    async entry(municipalityId: string, id: string, forUpdate = false): Promise<EntryRow | undefined> {
      const q = db
        .select()
        .from(manualEntries)
        .where(and(eq(manualEntries.municipalityId, municipalityId), eq(manualEntries.id, id)));
      const [row] = forUpdate ? await q.for("update") : await q;
      return row;
    },

    async insertEntry(row: typeof manualEntries.$inferInsert): Promise<void> {
      await db.insert(manualEntries).values(row);
    },

    async updateEntry(
      municipalityId: string,
      id: string,
      set: Partial<Pick<EntryRow, "kind" | "audience" | "procedures" | "publishedVersion">>,
      now: Date,
    ): Promise<void> {
      await db
        .update(manualEntries)
        .set({ ...set, updatedAt: now })
        .where(and(eq(manualEntries.municipalityId, municipalityId), eq(manualEntries.id, id)));
    },

    /** The published versions' sources, for the search index and the pages. */
    published(
      municipalityId: string,
    ): Promise<Array<{ entryId: string; version: number; source: string; createdAt: Date }>> {
      return db
        .select({
          entryId: manualEntryVersions.entryId,
          version: manualEntryVersions.version,
          source: manualEntryVersions.source,
          createdAt: manualEntryVersions.createdAt,
        })
        .from(manualEntryVersions)
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.status, "published"),
          ),
        )
        .orderBy(asc(manualEntryVersions.entryId));
    },

    /** Changes to the published set move this stamp (the index is rebuilt when it moves). */
    async stamp(municipalityId: string): Promise<string> {
      const [row] = await db
        // Version numbers only grow, so their sum moves with every publication even within one instant.
        .select({
          n: count(),
          versions: sql<string>`coalesce(sum(${manualEntries.publishedVersion}), 0)::text`,
          last: max(manualEntries.updatedAt),
        })
        .from(manualEntries)
        .where(eq(manualEntries.municipalityId, municipalityId));
      return `${row?.n ?? 0}:${row?.versions ?? 0}:${row?.last ? new Date(row.last).getTime() : 0}`;
    },

    versions(municipalityId: string, entryId: string): Promise<VersionRow[]> {
      return db
        .select()
        .from(manualEntryVersions)
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.entryId, entryId),
          ),
        )
        .orderBy(desc(manualEntryVersions.version));
    },

    async version(
      municipalityId: string,
      entryId: string,
      version: number,
      forUpdate = false,
    ): Promise<VersionRow | undefined> {
      const q = db
        .select()
        .from(manualEntryVersions)
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.entryId, entryId),
            eq(manualEntryVersions.version, version),
          ),
        );
      const [row] = forUpdate ? await q.for("update") : await q;
      return row;
    },

    async nextVersion(municipalityId: string, entryId: string): Promise<number> {
      const [row] = await db
        .select({ v: max(manualEntryVersions.version) })
        .from(manualEntryVersions)
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.entryId, entryId),
          ),
        );
      return (row?.v ?? 0) + 1;
    },

    async insertVersion(row: typeof manualEntryVersions.$inferInsert): Promise<void> {
      await db.insert(manualEntryVersions).values(row);
    },

    async setStatus(
      municipalityId: string,
      entryId: string,
      version: number,
      status: VersionStatus,
      decision?: { staffId: string | null; name: string; at: Date },
    ): Promise<void> {
      await db
        .update(manualEntryVersions)
        .set({
          status,
          ...(decision
            ? { decidedByStaffId: decision.staffId, decidedByName: decision.name, decidedAt: decision.at }
            : {}),
        })
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.entryId, entryId),
            eq(manualEntryVersions.version, version),
          ),
        );
    },

    /** Every pending version of an entry becomes `status` (a newer submission withdraws older ones). */
    async closePending(municipalityId: string, entryId: string, status: VersionStatus): Promise<void> {
      await db
        .update(manualEntryVersions)
        .set({ status })
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.entryId, entryId),
            eq(manualEntryVersions.status, "pending"),
          ),
        );
    },

    pending(municipalityId: string): Promise<VersionRow[]> {
      return db
        .select()
        .from(manualEntryVersions)
        .where(
          and(
            eq(manualEntryVersions.municipalityId, municipalityId),
            eq(manualEntryVersions.status, "pending"),
          ),
        )
        .orderBy(asc(manualEntryVersions.createdAt));
    },

    // ----------------------------------------------------------------------------- learning from use
    async logSearch(row: typeof manualSearchLog.$inferInsert): Promise<number> {
      const [inserted] = await db.insert(manualSearchLog).values(row).returning({ id: manualSearchLog.id });
      return inserted?.id ?? 0;
    },

    /** Records the first entry opened from a search's results. */
    async markClick(municipalityId: string, logId: number, entryId: string, at: Date): Promise<void> {
      await db
        .update(manualSearchLog)
        .set({ clickedEntryId: entryId, clickedAt: at })
        .where(
          and(
            eq(manualSearchLog.municipalityId, municipalityId),
            eq(manualSearchLog.id, logId),
            isNull(manualSearchLog.clickedEntryId),
          ),
        );
    },

    async addFeedback(row: typeof manualFeedback.$inferInsert): Promise<void> {
      await db.insert(manualFeedback).values(row);
    },

    /** Queries since `since` grouped as typed: how often, how often without a result, without a click. */
    searchInsights(municipalityId: string, since: Date, limit = 50) {
      return db
        .select({
          query: manualSearchLog.query,
          searches: count(),
          noResult: sql<number>`count(*) filter (where ${manualSearchLog.resultCount} = 0)`.mapWith(Number),
          noClick:
            sql<number>`count(*) filter (where ${manualSearchLog.resultCount} > 0 and ${manualSearchLog.clickedEntryId} is null)`.mapWith(
              Number,
            ),
        })
        .from(manualSearchLog)
        .where(
          and(eq(manualSearchLog.municipalityId, municipalityId), gte(manualSearchLog.searchedAt, since)),
        )
        .groupBy(manualSearchLog.query)
        .having(
          sql`count(*) filter (where ${manualSearchLog.resultCount} = 0 or ${manualSearchLog.clickedEntryId} is null) > 0`,
        )
        .orderBy(desc(count()), asc(manualSearchLog.query))
        .limit(limit);
    },

    async searchTotals(municipalityId: string, since: Date, until: Date = new Date("9999-12-31T00:00:00Z")) {
      const [row] = await db
        .select({
          searches: count(),
          noResult: sql<number>`count(*) filter (where ${manualSearchLog.resultCount} = 0)`.mapWith(Number),
          clicked: sql<number>`count(${manualSearchLog.clickedEntryId})`.mapWith(Number),
        })
        .from(manualSearchLog)
        .where(
          and(
            eq(manualSearchLog.municipalityId, municipalityId),
            gte(manualSearchLog.searchedAt, since),
            lt(manualSearchLog.searchedAt, until),
          ),
        );
      return {
        searches: Number(row?.searches ?? 0),
        noResult: row?.noResult ?? 0,
        clicked: row?.clicked ?? 0,
      };
    },

    async feedbackTotals(municipalityId: string, since: Date, until: Date) {
      const [row] = await db
        .select({
          answers: count(),
          helpful: sql<number>`count(*) filter (where ${manualFeedback.helpful})`.mapWith(Number),
        })
        .from(manualFeedback)
        .where(
          and(
            eq(manualFeedback.municipalityId, municipalityId),
            gte(manualFeedback.createdAt, since),
            lt(manualFeedback.createdAt, until),
          ),
        );
      return { answers: Number(row?.answers ?? 0), helpful: row?.helpful ?? 0 };
    },

    feedbackByEntry(municipalityId: string, since: Date) {
      return db
        .select({
          entryId: manualFeedback.entryId,
          yes: sql<number>`count(*) filter (where ${manualFeedback.helpful})`.mapWith(Number),
          no: sql<number>`count(*) filter (where not ${manualFeedback.helpful})`.mapWith(Number),
        })
        .from(manualFeedback)
        .where(and(eq(manualFeedback.municipalityId, municipalityId), gte(manualFeedback.createdAt, since)))
        .groupBy(manualFeedback.entryId)
        .orderBy(asc(manualFeedback.entryId));
    },
  };
}

export type ManualRepository = ReturnType<typeof manualRepository>;
