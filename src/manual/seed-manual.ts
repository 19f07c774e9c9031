import { existsSync } from "node:fs";
import type { DbOrTx } from "../db/database";
import { importEntries } from "./import-entries";
import { defaultContentDir, loadEntriesFromDir } from "./load-entries";

/**
 * The demo tenant's manual from the repository (content/manual/<municipality>), imported at every
 * start when the folder exists: unchanged entries cost a read each, a changed file becomes a new
 * published version. A folder with an invalid file is left out whole (as `manual import` would), and
 * the problems are returned for the caller to print.
 */
export async function seedDemoManual(
  db: DbOrTx,
  municipalityId: string,
  dir = defaultContentDir(municipalityId),
) {
  if (!existsSync(dir)) return { imported: 0, problems: [] };
  const { entries, problems } = await loadEntriesFromDir(dir);
  if (problems.length > 0) return { imported: 0, problems };
  const outcome = await importEntries(db, {
    municipalityId,
    entries,
    origin: "demo seed: content/manual",
    now: new Date(),
  });
  return { imported: outcome.created.length + outcome.updated.length, problems };
}
