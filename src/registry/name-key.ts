/**
 * Search keys for Japanese names and addresses. The registered text is stored and shown exactly as
 * registered (rare kanji, IVS sequences, byte for byte); only these derived keys are normalised, so
 * that 高橋 finds 髙橋 and たかはし finds タカハシ without the record ever being rewritten.
 */

/**
 * Old and variant forms folded to the form a person types. A small maintained table, not a full
 * 異体字 dictionary: each entry is a character that appears in registered names and that staff or a
 * card reader cannot be expected to enter. Both sides of a commonly confused pair (斉/斎, 辺/邉) fold
 * to one key on purpose: the key only finds candidates, and the list shows the registered name so the
 * staff member chooses the right person.
 */
export const variantFolds: Readonly<Record<string, string>> = {
  髙: "高",
  﨑: "崎",
  嵜: "崎",
  碕: "崎",
  "\u{20BB7}": "吉", // 𠮷 (つちよし), outside the BMP
  邉: "辺",
  邊: "辺",
  齋: "斎",
  齊: "斎",
  斉: "斎",
  澤: "沢",
  國: "国",
  濵: "浜",
  濱: "浜",
  櫻: "桜",
  廣: "広",
  嶋: "島",
  嶌: "島",
  德: "徳",
  瀨: "瀬",
  冨: "富",
  槗: "橋",
  栁: "柳",
  藏: "蔵",
  惠: "恵",
  眞: "真",
  實: "実",
  榮: "栄",
  壽: "寿",
  條: "条",
  藪: "薮",
  籔: "薮",
  檜: "桧",
  舘: "館",
  龜: "亀",
  萬: "万",
  禮: "礼",
  傳: "伝",
  團: "団",
  淺: "浅",
  增: "増",
  曾: "曽",
  來: "来",
  黑: "黒",
  驒: "騨",
  峯: "峰",
  嶽: "岳",
};

// Every fold of a name key as one table from code point to replacement, applied in one pass after
// NFKC: a key is computed twice per resident on every import, so it must cost microseconds.
const nameFolds = new Map<number, string>();
for (const [from, to] of Object.entries(variantFolds)) nameFolds.set(from.codePointAt(0) as number, to);
// Ideographic variation selectors (U+E0100–E01EF) and standardised ones (U+FE00–FE0F) choose a glyph
// of the same character: the key ignores them.
for (let cp = 0xe0100; cp <= 0xe01ef; cp++) nameFolds.set(cp, "");
for (let cp = 0xfe00; cp <= 0xfe0f; cp++) nameFolds.set(cp, "");
// Katakana ァ (U+30A1) … ヶ (U+30F6) and the iteration marks ヽヾ sit exactly 0x60 above their hiragana.
for (let cp = 0x30a1; cp <= 0x30f6; cp++) nameFolds.set(cp, String.fromCodePoint(cp - 0x60));
nameFolds.set(0x30fd, "ゝ");
nameFolds.set(0x30fe, "ゞ");
// Spellings registers and residents use both ways (ぢ/じ, づ/ず, ゐ/い, ゑ/え, small ヵヶ) fold to one form.
for (const [from, to] of Object.entries({
  ぢ: "じ",
  づ: "ず",
  ゐ: "い",
  ゑ: "え",
  ゕ: "か",
  ゖ: "け",
  ヂ: "じ",
  ヅ: "ず",
  ヰ: "い",
  ヱ: "え",
  ヵ: "か",
  ヶ: "け",
})) {
  nameFolds.set(from.codePointAt(0) as number, to);
}
// Spaces, middle dots, periods and hyphens separate parts of a name and are not part of its key.
for (const ch of " \t\n\r\u3000・･.-‐－") nameFolds.set(ch.codePointAt(0) as number, "");

/**
 * The key a name (氏名 or フリガナ) is found by: NFKC (full-width Latin, half-width kana and the CJK
 * compatibility ideographs), IVS selectors removed, variant kanji folded, katakana folded to hiragana
 * (the long-vowel mark kept as typed), Latin lower-cased, spaces and middle dots removed. A table
 * rather than a kana library: wanakana's toHiragana measured about 50 µs a call here.
 */
export function nameKey(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    const folded = nameFolds.get(ch.codePointAt(0) as number);
    out += folded ?? ch;
  }
  return out;
}

const variationSelectors = /[\u{E0100}-\u{E01EF}\uFE00-\uFE0F]/gu;
const foldPattern = new RegExp(`[${Object.keys(variantFolds).join("")}]`, "gu");

const kanaOnly = /^[\u3041-\u309F\u30FC]+$/u;

/** True when a search text, once keyed, is kana only: it is then looked up among フリガナ too. */
export const isKanaKey = (key: string): boolean => kanaOnly.test(key);

/**
 * The pieces of the keys a "partial" (infix) search is answered from, through a GIN index on a text
 * array: plain PostgreSQL on both engines, with no extension and no dependence on the locale (pg_trgm
 * ignores kana and kanji under the C locale). Every two- and three-character piece is stored: a typed
 * piece of two characters is looked up by itself, a longer one by its three-character pieces, whose
 * posting lists are short even for common names (ゆうこ is one list, not ゆう ∩ うこ). A
 * one-character key has one piece.
 */
export function searchGrams(...keys: string[]): string[] {
  const grams = new Set<string>();
  for (const key of keys) {
    const chars = Array.from(key);
    if (chars.length === 1) grams.add(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) {
      grams.add(`${chars[i]}${chars[i + 1]}`);
      if (i + 2 < chars.length) grams.add(`${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    }
  }
  return [...grams];
}

/**
 * The stored pieces a typed key must all have: none for one character (LIKE alone decides), the key
 * itself for two, and for more, three-character pieces that cover it (every third one and the last),
 * since each further list read costs time and LIKE rechecks the candidates anyway.
 */
export function queryGrams(key: string): string[] {
  const chars = Array.from(key);
  if (chars.length < 2) return [];
  if (chars.length === 2) return [key];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 3) grams.add(chars.slice(i, i + 3).join(""));
  grams.add(chars.slice(-3).join(""));
  return [...grams];
}

const kanjiDigits: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十二 → 12, 二十三 → 23, 百五 → 105; also positional 二〇 → 20. */
function kanjiNumber(text: string): number {
  if (!/[十百千]/.test(text)) {
    let value = 0;
    for (const ch of text) value = value * 10 + (kanjiDigits[ch] ?? 0);
    return value;
  }
  let total = 0;
  let current = 0;
  for (const ch of text) {
    const digit = kanjiDigits[ch];
    if (digit !== undefined) current = digit;
    else {
      const unit = ch === "十" ? 10 : ch === "百" ? 100 : 1000;
      total += (current || 1) * unit;
      current = 0;
    }
  }
  return total + current;
}

/**
 * The key an address line (after the ward) is found and compared by, so that the card's
 * 「水前寺六丁目12番3号」, the register's 「水前寺6丁目12-3」 and typed 「水前寺６－１２－３」 agree:
 * NFKC, kanji numerals before 丁目/番/号 made digits, 丁目/番地/番/号/の between numbers made hyphens,
 * spaces removed.
 */
export function addressKey(text: string): string {
  let s = text.normalize("NFKC").replace(variationSelectors, "").replace(/\s+/gu, "");
  s = s.replace(/([〇一二三四五六七八九十百千]+)(?=丁目|番|号|の\d)/gu, (m) => String(kanjiNumber(m)));
  s = s
    .replace(/(\d)丁目/gu, "$1-")
    .replace(/(\d)番地の?/gu, "$1-")
    .replace(/(\d)番/gu, "$1-")
    .replace(/(\d)号室?/gu, "$1")
    .replace(/(\d)の(?=\d)/gu, "$1-")
    .replace(/(\d)[‐－−ーｰ―–—](?=\d)/gu, "$1-")
    .replace(/-+/gu, "-")
    .replace(/-$/u, "");
  return s.replace(foldPattern, (ch) => variantFolds[ch] ?? ch);
}

/**
 * Splits a typed or card address into its ward and the rest, after dropping the prefecture and the
 * municipality's name: 「熊本県熊本市中央区水前寺六丁目12番3号」 → 中央区 + 水前寺6-12-3.
 */
export function splitAddress(
  text: string,
  municipalityName: string,
  wards: readonly string[],
): { ward: string | undefined; rest: string; key: string } {
  let s = text.normalize("NFKC").replace(/\s+/gu, "");
  s = s.replace(/^(東京都|北海道|京都府|大阪府|[^\d]{2,3}県)/u, "");
  if (municipalityName && s.startsWith(municipalityName)) s = s.slice(municipalityName.length);
  const ward = wards.find((w) => s.startsWith(w));
  if (ward) s = s.slice(ward.length);
  return { ward, rest: s, key: addressKey(s) };
}
