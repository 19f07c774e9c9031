import type { DbOrTx } from "../db/database";
import { type Analyser, loadAnalyser } from "./analyser";
import { defaultContentDir } from "./load-entries";
import { manualRepository } from "./manual.repository";
import type { ManualEntry } from "./manual-entry";
import { parseEntry } from "./parse-entry";
import { cachedReader, coversAll, loadReadingsCache, type ReadingsCache } from "./readings";
import { buildSearchIndex, type ManualHit, type ManualIndex, type SearchOptions } from "./search-index";

/** A municipality's published manual: its entries (with their versions) and their search index. */
export interface ManualLibrary {
  index: ManualIndex;
  /** The index's search, after loading the analyser when the query needs it. */
  search(query: string, options: SearchOptions): Promise<ManualHit[]>;
  entries: readonly ManualEntry[];
  version(id: string): number | undefined;
  publishedAt(id: string): Date | undefined;
}

/**
 * Builds the index over entries read from files (the CLI) or rows (the server). With a readings cache
 * that holds every indexed text (`manual import` writes it), no analyser is loaded; otherwise the
 * analyser is loaded first. `search` loads it too for a query with kanji the cache cannot read.
 */
export async function libraryOf(
  entries: readonly ManualEntry[],
  meta: ReadonlyMap<string, { version: number; createdAt: Date }> = new Map(),
  readings?: ReadingsCache,
  /** Which analyser the cached reader may fall back to (tests pass one that never is). */
  analyser?: () => Analyser | undefined,
): Promise<ManualLibrary> {
  const index =
    readings && coversAll(readings, entries)
      ? buildSearchIndex(entries, cachedReader(readings, analyser))
      : buildSearchIndex(entries, await loadAnalyser());
  return {
    index,
    async search(query, options) {
      if (index.needsAnalyser(query)) await loadAnalyser();
      return index.search(query, options);
    },
    entries,
    version: (id) => meta.get(id)?.version,
    publishedAt: (id) => meta.get(id)?.createdAt,
  };
}

interface Cached {
  stamp: string;
  library: Promise<ManualLibrary>;
}

const caches = new WeakMap<object, Map<string, Cached>>();

/**
 * The published manual of a municipality, built once and kept per process; a cheap read of the
 * entries' stamp (count and last change) per call rebuilds it after an import or an approval, in
 * this process or another one on the same database.
 */
export async function publishedLibrary(db: DbOrTx, municipalityId: string): Promise<ManualLibrary> {
  let perDb = caches.get(db);
  if (!perDb) {
    perDb = new Map();
    caches.set(db, perDb);
  }
  const repo = manualRepository(db);
  const stamp = await repo.stamp(municipalityId);
  const cached = perDb.get(municipalityId);
  if (cached && cached.stamp === stamp) return cached.library;
  const library = (async () => {
    const rows = await repo.published(municipalityId);
    const entries: ManualEntry[] = [];
    const meta = new Map<string, { version: number; createdAt: Date }>();
    for (const row of rows) {
      const parsed = parseEntry(row.source);
      if (!parsed.ok) continue; // every stored version was validated when written
      entries.push(parsed.entry);
      meta.set(row.entryId, { version: row.version, createdAt: row.createdAt });
    }
    return libraryOf(entries, meta, await loadReadingsCache(defaultContentDir(municipalityId)));
  })();
  perDb.set(municipalityId, { stamp, library });
  library.catch(() => perDb?.delete(municipalityId));
  return library;
}
