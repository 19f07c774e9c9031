import type { DbOrTx } from "../db/database";
import { analyserIfReady, loadAnalyser } from "./analyser";
import { manualRepository } from "./manual.repository";
import { publishedLibrary } from "./manual-library";
import { maskQuery } from "./mask-query";
import type { ManualHit, SearchAudience } from "./search-index";

const JAPANESE = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u;

export interface SearchManualOptions {
  municipalityId: string;
  query: string;
  audience: SearchAudience;
  lang: string;
  now: Date;
  limit?: number;
}

export interface SearchManualResult {
  hits: ManualHit[];
  /** The log row of this search (results link to entries with it, so a click is counted), or null. */
  logId: number | null;
}

/**
 * Searches a municipality's published manual and logs the query without personal data (`maskQuery`)
 * with its number of results. An empty query searches nothing and logs nothing.
 */
export async function searchManual(db: DbOrTx, options: SearchManualOptions): Promise<SearchManualResult> {
  const library = await publishedLibrary(db, options.municipalityId);
  const query = options.query.trim();
  if (!query) return { hits: [], logId: null };
  const hits = await library.search(query, {
    audience: options.audience,
    lang: options.lang,
    limit: options.limit ?? 20,
  });
  // Names are masked with the analyser: a Japanese query waits for it (the server loads it at start,
  // src/manual/warm-manual.ts, so in practice nobody waits; the search itself may run from cache).
  const masked = maskQuery(query, JAPANESE.test(query) ? await loadAnalyser() : analyserIfReady());
  const logId = await manualRepository(db).logSearch({
    municipalityId: options.municipalityId,
    searchedAt: options.now,
    audience: options.audience,
    lang: options.lang,
    query: masked,
    resultCount: hits.length,
  });
  return { hits, logId };
}
