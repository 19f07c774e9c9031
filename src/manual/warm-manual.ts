import type { DbOrTx } from "../db/database";
import { loadAnalyser } from "./analyser";
import { publishedLibrary } from "./manual-library";

/**
 * Called by the server once it listens: builds each municipality's search index (from the cached
 * readings when they cover it, so in well under a second) and then loads the analyser in the
 * background, so that no resident's or clerk's first search waits for either.
 */
export async function warmManual(db: DbOrTx, municipalityIds: readonly string[]): Promise<void> {
  for (const id of municipalityIds) await publishedLibrary(db, id);
  await loadAnalyser();
}
