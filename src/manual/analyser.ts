import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import kuromoji, { type IpadicFeatures, type Tokenizer } from "kuromoji";

/**
 * The morphological analyser (kuromoji with the IPADIC dictionary that ships in its package): it gives
 * the readings of kanji words, so that てんにゅう finds 転入届. Building it reads about 12 MB of
 * dictionary and costs some 0.6 s and 80 MB of heap, so it is built once per process, on first use,
 * and shared (`npm run bench -- manual` measures both).
 */

export type Analyser = Tokenizer<IpadicFeatures>;

let building: Promise<Analyser> | undefined;
let ready: Analyser | undefined;

const dictionaryPath = (): string =>
  join(dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict");

/** The shared analyser, built on the first call. */
export function loadAnalyser(): Promise<Analyser> {
  building ??= new Promise<Analyser>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => {
      if (error) {
        building = undefined;
        reject(error);
      } else {
        ready = tokenizer;
        resolve(tokenizer);
      }
    });
  });
  return building;
}

/** The analyser if it has been built (a query can go without readings rather than wait). */
export const analyserIfReady = (): Analyser | undefined => ready;

export interface ReadToken {
  start: number;
  end: number;
  /** The reading in katakana, or the surface form when the dictionary has none. */
  reading: string;
}

/** Each word of the text with its position and reading. */
export function readTokens(analyser: Analyser, text: string): ReadToken[] {
  return analyser.tokenize(text).map((t) => {
    const start = t.word_position - 1;
    return {
      start,
      end: start + t.surface_form.length,
      reading: t.reading && t.reading !== "*" ? t.reading : t.surface_form,
    };
  });
}

/** The reading of a whole text, words run together as the text runs (てんにゅうとどけ). */
export const readingOf = (analyser: Analyser, text: string): string =>
  readTokens(analyser, text)
    .map((t) => t.reading)
    .join("");
