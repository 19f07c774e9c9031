import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import type { PDFDocument } from "pdf-lib";

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

/**
 * Noto Sans JP (OFL) from an npm font package. It was chosen over BIZ UDPGothic, the Digital Agency's
 * UD font, because BIZ UDPGothic has no glyph for 𠮷 (U+20BB7), which appears in registered names;
 * Noto Sans JP has it, 髙, 﨑, and a cmap format 14 table with Adobe-Japan1 variation sequences.
 */
const fontPath = createRequire(import.meta.url).resolve(
  "@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
);

const isVariationSelector = (cp: number): boolean =>
  (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** How a (base, selector) pair is drawn: the cmap's own glyph, a glyph of its own, or not at all. */
type VariationGlyph = { kind: "default" } | { kind: "glyph"; id: number } | { kind: "none" };

interface SelectorTable {
  /** Sorted [start, end] code point ranges drawn with the cmap's own glyph. */
  defaults: Array<[number, number]>;
  glyphs: Map<number, number>;
}

// Decoding a selector's records is costly (Noto's U+E0100 has 4,693 ranges): done once per font.
const selectorTables = new WeakMap<fontkit.FontkitFont, Map<number, SelectorTable>>();

function selectorTable(font: fontkit.FontkitFont, selector: number): SelectorTable | undefined {
  let tables = selectorTables.get(font);
  if (!tables) {
    tables = new Map();
    for (const record of font._cmapProcessor.uvs?.varSelectors.toArray() ?? []) {
      tables.set(record.varSelector, {
        defaults: (record.defaultUVS ?? []).map((r) => [
          r.startUnicodeValue,
          r.startUnicodeValue + r.additionalCount,
        ]),
        glyphs: new Map((record.nonDefaultUVS ?? []).map((m) => [m.unicodeValue, m.glyphID])),
      });
    }
    selectorTables.set(font, tables);
  }
  return tables.get(selector);
}

function lookupVariation(font: fontkit.FontkitFont, base: number, selector: number): VariationGlyph {
  const table = selectorTable(font, selector);
  if (!table) return { kind: "none" };
  const glyph = table.glyphs.get(base);
  if (glyph !== undefined) return { kind: "glyph", id: glyph };
  let low = 0;
  let high = table.defaults.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = table.defaults[mid] as [number, number];
    if (base < start) high = mid - 1;
    else if (base > end) low = mid + 1;
    else return { kind: "default" };
  }
  return { kind: "none" };
}

/**
 * fontkit 2.0.4's getVariationSelector only reaches the non-default mappings of a selector that has
 * no default ranges: for Noto Sans JP's U+E0100 (which has both) it answers 0, and layout silently
 * draws the plain glyph — 葛 instead of 葛󠄀. This replacement answers from the same cmap 14 table; 0
 * still means "use the cmap's glyph", which is right for default sequences and for those the font
 * lacks (findMissingGlyphs reports those before anything is drawn).
 */
function fixVariationSelectors(font: fontkit.FontkitFont): void {
  font._cmapProcessor.getVariationSelector = (base, selector) => {
    const found = lookupVariation(font, base, selector);
    return found.kind === "glyph" ? found.id : 0;
  };
}

/**
 * pdf-lib serialises a subset through `encodeStream()` (the API of @pdf-lib/fontkit, whose Japanese
 * subsets are broken: about a quarter of the kanji render blank). Upstream fontkit 2.x subsets
 * correctly but only offers `encode()`; this gives pdf-lib the stream it reads from.
 */
function withEncodeStream(font: fontkit.FontkitFont): void {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    return Object.assign(subset, {
      encodeStream() {
        const handlers = new Map<string, (value?: unknown) => void>();
        let scheduled = false;
        const stream = {
          on(event: string, handler: (value?: unknown) => void) {
            handlers.set(event, handler);
            // pdf-lib attaches data, end and error in one synchronous chain: emit once it is done.
            if (!scheduled) {
              scheduled = true;
              queueMicrotask(() => {
                try {
                  handlers.get("data")?.(subset.encode());
                  handlers.get("end")?.();
                } catch (error) {
                  handlers.get("error")?.(error);
                }
              });
            }
            return stream;
          },
        };
        return stream;
      },
    });
  };
}

/**
 * Forms print kanji, kana and digits in boxes: one glyph per character is what they need, and
 * fontkit's full OpenType shaping (GSUB/GPOS lookups for every string) was the largest cost of a
 * bundle. pdf-lib measures and then draws each string, so the runs are also memoised (bounded).
 * One glyph per character also keeps the PDF's ToUnicode map exact for text extraction.
 */
function withCharacterLayout(font: fontkit.FontkitFont): void {
  const runs = new Map<string, { glyphs: fontkit.FontkitGlyph[] }>();
  font.layout = (text: string) => {
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= 20_000) runs.clear();
      run = { glyphs: font.glyphsForString(text) };
      runs.set(text, run);
    }
    return run;
  };
}

function prepare(font: fontkit.FontkitFont): fontkit.FontkitFont {
  fixVariationSelectors(font);
  withEncodeStream(font);
  withCharacterLayout(font);
  return font;
}

interface LoadedFont {
  bytes: Uint8Array;
  font: fontkit.FontkitFont;
}

let loaded: LoadedFont | undefined;

/** The Japanese font, read and parsed once per process (about 5 MB; parsing is lazy and cheap). */
export function formsFont(): LoadedFont {
  if (!loaded) {
    const bytes = new Uint8Array(readFileSync(fontPath));
    loaded = { bytes, font: prepare(fontkit.create(bytes)) };
  }
  return loaded;
}

/**
 * The fontkit that pdf-lib's `registerFontkit` takes: it hands back the already parsed font for our
 * bytes (each bundle embeds it once, as a subset), and parses anything else with upstream fontkit.
 */
export const fontkitAdapter: Fontkit = {
  create(buffer: Uint8Array) {
    const current = formsFont();
    if (buffer === current.bytes) return current.font as never;
    return prepare(fontkit.create(buffer)) as never;
  },
};

/** One character (or base + variation selector) the font cannot draw as written. */
export interface UncoveredCharacter {
  char: string;
  /** "U+20BB7", or "U+845B U+E0101" for a variation sequence. */
  codePoints: string;
}

const coverage = new WeakMap<fontkit.FontkitFont, Map<number, boolean>>();

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Every character of `text` the font has no glyph for. A variation sequence counts as covered only
 * when the font's cmap 14 lists it (as a default or its own glyph): drawing the base glyph instead
 * would print a different character form on an official record, so it is reported like a missing one.
 */
export function uncoveredCharacters(text: string, font = formsFont().font): UncoveredCharacter[] {
  let known = coverage.get(font);
  if (!known) {
    known = new Map();
    coverage.set(font, known);
  }
  const cache = known;
  // fontkit decodes cmap records on every lookup; a form bundle asks about the same few hundred
  // characters thousands of times.
  const has = (cp: number) => {
    let found = cache.get(cp);
    if (found === undefined) {
      found = font.hasGlyphForCodePoint(cp);
      cache.set(cp, found);
    }
    return found;
  };
  const out: UncoveredCharacter[] = [];
  const cps = Array.from(text, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] as number;
    const next = cps[i + 1];
    if (next !== undefined && isVariationSelector(next) && !isVariationSelector(cp)) {
      i++;
      if (!has(cp) || lookupVariation(font, cp, next).kind === "none") {
        out.push({ char: String.fromCodePoint(cp, next), codePoints: `${hex(cp)} ${hex(next)}` });
      }
      continue;
    }
    if (isVariationSelector(cp) || !has(cp)) {
      out.push({ char: String.fromCodePoint(cp), codePoints: hex(cp) });
    }
  }
  return out;
}
