import MiniSearch, { type SearchResult } from "minisearch";
import type { Analyser } from "./analyser";
import { fold, foldWithMap, hasKanji, termsOf } from "./fold";
import { entryTitle, isPublic, type ManualEntry, PUBLIC_LANGS, publicPart } from "./manual-entry";
import { markdownText } from "./markdown";
import { analyserReader, type Reader } from "./readings";

/**
 * The manual's search: BM25 (minisearch) over folded text cut into two-character pieces, with the
 * readings of titles and keywords from the analyser, so that a query in kana, kanji, half-width kana,
 * variant spellings or English finds the entry. Pure once built: no I/O, the analyser passed in.
 */

export type SearchAudience = "public" | "staff";

export interface Segment {
  text: string;
  hit: boolean;
}

export interface Highlighted {
  text: string;
  lang: string;
  segments: Segment[];
}

export interface ManualHit {
  id: string;
  kind: ManualEntry["kind"];
  procedures: string[];
  audience: ManualEntry["audience"];
  score: number;
  title: Highlighted;
  snippet: Highlighted | null;
}

export interface SearchOptions {
  audience: SearchAudience;
  lang?: string;
  limit?: number;
}

/** Queries longer than this are cut (a search box is not an essay). */
export const MAX_QUERY_CHARS = 200;

interface Doc {
  id: string;
  title: string;
  keywords: string;
  reading: string;
  body: string;
  staff: string;
}

interface TitleWord {
  start: number;
  end: number;
  reading: string;
}

export interface ManualIndex {
  search(query: string, options: SearchOptions): ManualHit[];
  readonly size: number;
  /** The entries, by id, as indexed. */
  entry(id: string): ManualEntry | undefined;
  /** Whether the query has kanji that the reader cannot read yet (load the analyser first). */
  needsAnalyser(query: string): boolean;
}

/** Results scoring under this share of the best one are dropped. */
const MIN_RELATIVE_SCORE = 0.02;

const boosts = { title: 4, keywords: 3, reading: 2, body: 1, staff: 1 };

/** Builds the index of a set of entries (about 100: a few hundred ms, most of it the analyser's). */
export function buildSearchIndex(
  entries: readonly ManualEntry[],
  source: Analyser | Reader | undefined,
): ManualIndex {
  const reader: Reader | undefined =
    source && "tokenize" in source ? analyserReader(source) : (source as Reader | undefined);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const titleWords = new Map<string, TitleWord[]>();
  const foldedTitles = new Map<string, string[]>();
  const foldedKeywords = new Map<string, string[]>();
  const mini = new MiniSearch<Doc>({
    fields: ["title", "keywords", "reading", "body", "staff"],
    tokenize: termsOf,
    processTerm: (t) => t,
    searchOptions: { tokenize: termsOf, processTerm: (t) => t },
  });
  const docs: Doc[] = [];
  // Keywords repeat across entries (転入, 住所変更 …): each is read once.
  const readingCache = new Map<string, string>();
  const readingOnce = (text: string): string => {
    let r = readingCache.get(text);
    if (r === undefined && reader) {
      r = (reader.tokens(text) ?? []).map((t) => t.reading).join("");
      readingCache.set(text, r);
    }
    return r ?? "";
  };
  for (const e of entries) {
    const titles = Object.values(e.title).filter((t): t is string => Boolean(t));
    const words: TitleWord[] = [];
    const readings: string[] = [];
    if (reader) {
      for (const lang of ["ja", "ja-x-easy"] as const) {
        const t = e.title[lang];
        const tokens = t ? (reader.tokens(t) ?? []) : [];
        for (const w of tokens) words.push({ ...w, reading: `${lang}:${fold(w.reading)}` });
        readings.push(tokens.map((w) => w.reading).join(""));
      }
      for (const k of e.keywords) if (hasKanji(k)) readings.push(readingOnce(k));
    }
    titleWords.set(e.id, words);
    foldedTitles.set(e.id, titles.map(fold));
    foldedKeywords.set(e.id, e.keywords.map(fold));
    const body = PUBLIC_LANGS.map((l) => e.sections[`public.${l}`] ?? "").map(markdownText);
    docs.push({
      id: e.id,
      title: foldedTitles.get(e.id)?.join("\n") ?? "",
      keywords: foldedKeywords.get(e.id)?.join("\n") ?? "",
      reading: readings.map(fold).join("\n"),
      body: fold(body.join("\n")),
      staff: fold(markdownText(e.sections["staff.ja"] ?? "")),
    });
  }
  mini.addAll(docs);

  // Each entry's lines of text per language, folded once on first use (snippets are cut from them).
  const lineCache = new Map<string, SnippetLines>();
  const snippetLines = (key: string, markdown: string): SnippetLines => {
    let cached = lineCache.get(key);
    if (!cached) {
      const lines = markdownText(markdown).split("\n");
      cached = { lines, folded: lines.map(fold) };
      lineCache.set(key, cached);
    }
    return cached;
  };

  const search = (rawQuery: string, options: SearchOptions): ManualHit[] => {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const folded = fold(query).trim();
    if (!folded) return [];
    const extra = reader && hasKanji(query) ? fold(reader.queryReading(query) ?? "") : "";
    const fields =
      options.audience === "staff" ? Object.keys(boosts) : ["title", "keywords", "reading", "body"];
    const raw: SearchResult[] = mini.search(`${folded} ${extra}`, {
      fields,
      boost: boosts,
      combineWith: "OR",
      prefix: (term) => [...term].length === 1 || /^[a-z]{4,}$/.test(term),
      fuzzy: (term) => (/^[a-z]{7,}$/.test(term) ? 1 : false),
      maxFuzzy: 1,
      filter: (r) =>
        options.audience === "staff" || isPublic(byId.get(r.id as string) ?? { audience: "staff" }),
    });
    const compact = folded.replace(/\s+/g, "");
    const compactReading = extra.replace(/\s+/g, "");
    const ranked = raw.slice(0, 40).map((r) => {
      const id = r.id as string;
      let score = r.score;
      const titles = foldedTitles.get(id) ?? [];
      const keywords = foldedKeywords.get(id) ?? [];
      // A query that is a whole title or keyword (or part of one) beats one that only shares pieces.
      if (keywords.includes(compact) || titles.includes(compact)) score *= 2;
      else if (
        compact.length >= 2 &&
        [...titles, ...keywords].some((t) => t.replace(/\s+/g, "").includes(compact))
      )
        score *= 1.5;
      else if (
        compactReading.length >= 2 &&
        (titleWords.get(id) ?? []).some((w) => w.reading.includes(compactReading))
      )
        score *= 1.3;
      return { id, score, terms: r.terms };
    });
    ranked.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    // Entries sharing a stray piece with the query (に, ょう) are noise beside a real match.
    const floor = (ranked[0]?.score ?? 0) * MIN_RELATIVE_SCORE;
    const lang = options.lang ?? "ja";
    return ranked
      .filter((r) => r.score >= floor)
      .slice(0, options.limit ?? 10)
      .map((r) => {
        const e = byId.get(r.id) as ManualEntry;
        const title = entryTitle(e, lang);
        const words = (titleWords.get(e.id) ?? [])
          .filter((w) => w.reading.startsWith(`${title.lang}:`))
          .filter((w) => {
            // A kana query marks the words whose whole reading it holds (いにんじょう marks 委任 and 状).
            const reading = w.reading.slice(title.lang.length + 1);
            return [...reading].length >= 2 && !hasKanji(compact) && compact.includes(reading);
          });
        return {
          id: e.id,
          kind: e.kind,
          procedures: [...e.procedures],
          audience: e.audience,
          score: Math.round(r.score * 1000) / 1000,
          title: { ...title, segments: highlight(title.text, r.terms, words) },
          snippet: snippetOf(e, lang, r.terms, options.audience, snippetLines),
        };
      });
  };

  const needsAnalyser = (query: string): boolean => {
    const q = query.slice(0, MAX_QUERY_CHARS);
    return reader !== undefined && hasKanji(q) && reader.queryReading(q) === undefined;
  };
  return { search, size: entries.length, entry: (id) => byId.get(id), needsAnalyser };
}

/** Cuts text into segments, marking what the matched terms cover (and words whose reading matched). */
export function highlight(
  text: string,
  terms: readonly string[],
  words: ReadonlyArray<{ start: number; end: number }> = [],
): Segment[] {
  const f = foldWithMap(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    if (!term) continue;
    let at = f.text.indexOf(term);
    while (at >= 0) {
      const start = f.from[at] as number;
      const end = f.to[at + term.length - 1] as number;
      for (let k = start; k < end; k++) marked[k] = true;
      at = f.text.indexOf(term, at + 1);
    }
  }
  for (const w of words) for (let k = w.start; k < w.end && k < text.length; k++) marked[k] = true;
  // A stemmed English term (marriag) marks its whole word (marriage).
  for (let k = 0; k < text.length; k++) {
    if (!marked[k] || !LATIN.test(text[k] as string)) continue;
    for (let b = k - 1; b >= 0 && !marked[b] && LATIN.test(text[b] as string); b--) marked[b] = true;
    for (let a = k + 1; a < text.length && !marked[a] && LATIN.test(text[a] as string); a++) marked[a] = true;
  }
  const segments: Segment[] = [];
  for (let k = 0; k < text.length; k++) {
    const hit = marked[k] as boolean;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += text[k];
    else segments.push({ text: text[k] as string, hit });
  }
  return segments;
}

const SNIPPET_CHARS = 90;
const LATIN = /[A-Za-z]/;

interface SnippetLines {
  lines: string[];
  folded: string[];
}

/** The line of the entry's text (in the reader's language) with the most matches, cut around the first. */
function snippetOf(
  e: ManualEntry,
  lang: string,
  terms: readonly string[],
  audience: SearchAudience,
  linesOf: (key: string, markdown: string) => SnippetLines,
): Highlighted | null {
  const part =
    publicPart(e, lang) ??
    (audience === "staff" && e.sections["staff.ja"]
      ? { markdown: e.sections["staff.ja"], lang: "ja" }
      : null);
  if (!part) return null;
  const { lines, folded } = linesOf(`${e.id}\u0000${part.lang}`, part.markdown);
  let best = lines[0] ?? "";
  let bestCount = 0;
  folded.forEach((f, i) => {
    const count = terms.filter((t) => f.includes(t)).length;
    if (count > bestCount) {
      best = lines[i] as string;
      bestCount = count;
    }
  });
  let text = best;
  if ([...text].length > SNIPPET_CHARS) {
    const segments = highlight(text, terms);
    let firstHit = 0;
    let pos = 0;
    for (const s of segments) {
      if (s.hit) {
        firstHit = pos;
        break;
      }
      pos += s.text.length;
    }
    const start = Math.max(0, firstHit - 20);
    text = `${start > 0 ? "…" : ""}${text.slice(start, start + SNIPPET_CHARS)}…`;
  }
  return { text, lang: part.lang, segments: highlight(text, terms) };
}
