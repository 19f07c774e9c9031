import type { DbOrTx } from "../db/database";
import { manualRepository, type VersionRow } from "./manual.repository";
import type { ManualEntry } from "./manual-entry";
import { publishedLibrary } from "./manual-library";

/** Days of search and feedback logs the admin page looks back over. */
export const INSIGHT_DAYS = 90;

export interface ManualAdminData {
  entries: readonly ManualEntry[];
  pending: VersionRow[];
  queries: Array<{ query: string; searches: number; noResult: number; noClick: number }>;
  feedback: Array<{ entryId: string; yes: number; no: number }>;
}

/** What the content owners' page shows, for one municipality. */
export async function loadManualAdmin(
  db: DbOrTx,
  municipalityId: string,
  now: Date,
): Promise<ManualAdminData> {
  const repo = manualRepository(db);
  const since = new Date(now.getTime() - INSIGHT_DAYS * 86_400_000);
  const [library, pending, queries, feedback] = await Promise.all([
    publishedLibrary(db, municipalityId),
    repo.pending(municipalityId),
    repo.searchInsights(municipalityId, since),
    repo.feedbackByEntry(municipalityId, since),
  ]);
  return {
    entries: library.entries,
    pending,
    queries: queries.map((q) => ({ ...q, searches: Number(q.searches) })),
    feedback,
  };
}
