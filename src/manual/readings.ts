import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type Analyser, analyserIfReady, type ReadToken, readTokens } from "./analyser";
import { hasKanji } from "./fold";
import type { ManualEntry } from "./manual-entry";
import { markdownText } from "./markdown";

/**
 * The analyser's readings cached as data, so that a process can build the search index without
 * kuromoji (whose dictionary costs ~0.7 s to load). `manual import DIR` writes `DIR/_readings.json`
 * (the loader skips files starting with "_"): the tokens of every text the index reads (Japanese and
 * やさしい日本語 titles, kanji keywords) and a dictionary of the corpus's kanji words with their
 * readings, from which a query's reading is made by longest match. A text or a query word the cache
 * does not hold falls back to the analyser, loaded then; a stale cache only costs that load.
 */

/** How search reads text: the tokens of an indexed text, the reading of a query (undefined: unknown). */
export interface Reader {
  tokens(text: string): ReadToken[] | undefined;
  queryReading(query: string): string | undefined;
}

const tokenSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()]);
const cacheSchema = z.object({
  version: z.literal(1),
  texts: z.record(z.string(), z.array(tokenSchema)),
  words: z.record(z.string(), z.string()),
});
export type ReadingsCache = z.infer<typeof cacheSchema>;

export const READINGS_FILE = "_readings.json";

/** The texts whose readings the index uses (see buildSearchIndex). */
export function indexedTexts(entries: readonly ManualEntry[]): string[] {
  const texts = new Set<string>();
  for (const e of entries) {
    texts.add(e.title.ja);
    if (e.title["ja-x-easy"]) texts.add(e.title["ja-x-easy"]);
    for (const k of e.keywords) if (hasKanji(k)) texts.add(k);
  }
  return [...texts];
}

/** Reads every indexed text and the Japanese bodies once (import time) into a cache. */
export function buildReadingsCache(entries: readonly ManualEntry[], analyser: Analyser): ReadingsCache {
  const texts: ReadingsCache["texts"] = {};
  const words: ReadingsCache["words"] = {};
  const learn = (text: string, tokens: ReadToken[]) => {
    for (const t of tokens) {
      const surface = text.slice(t.start, t.end);
      if (hasKanji(surface) && !(surface in words)) words[surface] = t.reading;
    }
  };
  for (const text of indexedTexts(entries).sort()) {
    const tokens = readTokens(analyser, text);
    texts[text] = tokens.map((t) => [t.start, t.end, t.reading]);
    learn(text, tokens);
  }
  for (const e of entries) {
    const bodies = (["public.ja", "public.ja-x-easy", "staff.ja"] as const).map((k) =>
      markdownText(e.sections[k] ?? ""),
    );
    for (const line of bodies.join("\n").split("\n"))
      if (hasKanji(line)) learn(line, readTokens(analyser, line));
  }
  return { version: 1, texts, words: Object.fromEntries(Object.entries(words).sort()) };
}

export async function writeReadingsCache(dir: string, cache: ReadingsCache): Promise<void> {
  await writeFile(join(dir, READINGS_FILE), `${JSON.stringify(cache)}\n`, "utf8");
}

/** The cache of a content folder, or undefined when it is absent or not valid (then nothing is cached). */
export async function loadReadingsCache(dir: string): Promise<ReadingsCache | undefined> {
  const path = join(dir, READINGS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Reads with the analyser itself. */
export const analyserReader = (analyser: Analyser): Reader => ({
  tokens: (text) => readTokens(analyser, text),
  queryReading: (query) =>
    readTokens(analyser, query)
      .map((t) => t.reading)
      .join(""),
});

const MAX_WORD = 12;

/**
 * Reads from the cache; once the analyser is loaded (`analyser()` returns it) a miss is read by it,
 * and queries are read by it. Before that, a query is read by longest match over the corpus's kanji
 * words, kana and other characters kept as they are; undefined when a kanji is not covered.
 */
export function cachedReader(
  cache: ReadingsCache,
  analyser: () => Analyser | undefined = analyserIfReady,
): Reader {
  const words = new Map(Object.entries(cache.words));
  return {
    tokens(text) {
      const cached = cache.texts[text];
      if (cached) return cached.map(([start, end, reading]) => ({ start, end, reading }));
      const a = analyser();
      return a ? readTokens(a, text) : undefined;
    },
    queryReading(query) {
      const a = analyser();
      if (a) return analyserReader(a).queryReading(query);
      let out = "";
      let i = 0;
      while (i < query.length) {
        let found = false;
        if (hasKanji(query[i] as string)) {
          for (let n = Math.min(MAX_WORD, query.length - i); n > 0; n--) {
            const reading = words.get(query.slice(i, i + n));
            if (reading !== undefined) {
              out += reading;
              i += n;
              found = true;
              break;
            }
          }
          if (!found) return undefined;
        } else {
          out += query[i];
          i++;
        }
      }
      return out;
    },
  };
}

/** Whether every indexed text is in the cache (then the index needs no analyser). */
export const coversAll = (cache: ReadingsCache | undefined, entries: readonly ManualEntry[]): boolean =>
  cache !== undefined && indexedTexts(entries).every((t) => t in cache.texts);
