import { isKatakana, toHiragana } from "wanakana";
import { variantFolds } from "../registry/name-key";

/**
 * The one normalisation of manual search, applied alike to what is indexed and to what people type:
 * NFKC (half-width kana, full-width letters and digits, compatibility ideographs), katakana folded to
 * hiragana (wanakana), lower case, old and variant kanji to their common forms, and a few spelling
 * variants to one form (障がい/障碍 → 障害, 子ども/子供 → こども, 保育所 → 保育園, 引っ越し → 引越 …).
 *
 * It keeps, for each folded character, where it came from in the original text, so that the words a
 * search matched can be highlighted in the text as written.
 */

/** Old forms (旧字体) seen in procedure words, beside the registry's table of name variants. */
const oldForms: Readonly<Record<string, string>> = {
  屆: "届",
  險: "険",
  醫: "医",
  證: "証",
  學: "学",
  會: "会",
  區: "区",
  縣: "県",
  齡: "齢",
  號: "号",
  兒: "児",
  戶: "戸",
  與: "与",
  舊: "旧",
  體: "体",
  當: "当",
  拂: "払",
  變: "変",
  轉: "転",
  總: "総",
  廳: "庁",
  圖: "図",
  寫: "写",
  賣: "売",
  續: "続",
  擔: "担",
  氣: "気",
  數: "数",
  參: "参",
  辯: "弁",
  辨: "弁",
  關: "関",
  勞: "労",
  營: "営",
  廢: "廃",
  歸: "帰",
  經: "経",
  讓: "譲",
  齒: "歯",
  應: "応",
  圓: "円",
  價: "価",
  稅: "税",
  發: "発",
  效: "効",
  點: "点",
  實: "実",
  壽: "寿",
  齋: "斎",
  繼: "継",
  戀: "恋",
  晝: "昼",
  藥: "薬",
  驛: "駅",
  權: "権",
  婦: "婦",
  乘: "乗",
  樂: "楽",
  處: "処",
  臺: "台",
  ヶ: "け",
  ヵ: "か",
  ゖ: "け",
  ゕ: "か",
};

const charFolds: Readonly<Record<string, string>> = { ...variantFolds, ...oldForms };

/**
 * Spelling variants of whole words, written in their already folded form (hiragana, common kanji).
 * Longer variants first wins: the matcher tries the longest at each position.
 */
export const wordVariants: ReadonlyArray<readonly [string, string]> = [
  ["障がい", "障害"],
  ["障碍", "障害"],
  ["しょうがい者", "障害者"],
  ["子ども", "こども"],
  ["子供", "こども"],
  ["保育所", "保育園"],
  ["保育えん", "保育園"],
  ["引っ越し", "引越"],
  ["引っ越", "引越"],
  ["引越し", "引越"],
  ["ひっこし", "引越"],
  ["ひっこす", "引越"],
  ["届け出", "届出"],
  ["とどけで", "届出"],
  ["届け", "届"],
  ["申し込み", "申込"],
  ["申込み", "申込"],
  ["手続き", "手続"],
  ["受け取り", "受取"],
  ["取り消し", "取消"],
  ["払い戻し", "払戻"],
  ["振り込み", "振込"],
  ["振込み", "振込"],
  ["貰う", "もらう"],
  ["辞める", "やめる"],
  ["亡くなっ", "死亡"],
];

const variantStarts = new Map<string, Array<readonly [string, string]>>();
for (const pair of [...wordVariants].sort((a, b) => b[0].length - a[0].length)) {
  const first = pair[0][0] as string;
  const list = variantStarts.get(first) ?? [];
  list.push(pair);
  variantStarts.set(first, list);
}

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the start (in the original) of what it came from. */
  from: number[];
  /** For each UTF-16 unit of `text`, the end (exclusive, in the original) of what it came from. */
  to: number[];
}

const VOICING = /[\uFF9E\uFF9F\u3099\u309A]/;

function foldUnit(cluster: string): string {
  let s = cluster.normalize("NFKC").normalize("NFC").toLowerCase();
  s = [...s].map((c) => charFolds[c] ?? c).join("");
  if ([...s].some((c) => isKatakana(c) && c !== "ー"))
    s = [...s].map((c) => (c === "ー" ? c : toHiragana(c, { passRomaji: true }))).join("");
  return s;
}

/**
 * One character's fold without the general path, for the characters text is mostly made of (ASCII,
 * hiragana, full-width katakana, common kanji); null when the general path must decide.
 */
function fastFold(code: number): string | null {
  if (code < 0x80)
    return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : String.fromCharCode(code);
  if (code >= 0x3041 && code <= 0x3096) return String.fromCharCode(code);
  // Katakana ァ–ヴ are hiragana ぁ–ゔ shifted by 0x60, the mapping wanakana's toHiragana applies.
  if (code >= 0x30a1 && code <= 0x30f4) return String.fromCharCode(code - 0x60);
  if (code === 0x30fc) return "ー";
  if (code >= 0x4e00 && code <= 0x9fff) {
    const c = String.fromCharCode(code);
    return charFolds[c] ?? c;
  }
  return null;
}

/** Folds text for search and keeps the position map back to the original. */
export function foldWithMap(original: string): Folded {
  // 1. Character by character (a voiced-sound mark joins the kana before it).
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    const next = original.charCodeAt(i + 1);
    const voiced = next === 0xff9e || next === 0xff9f || next === 0x3099 || next === 0x309a;
    const quick = voiced ? null : fastFold(code);
    if (quick !== null) {
      text += quick;
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    let end = i + (cp > 0xffff ? 2 : 1);
    while (end < original.length && VOICING.test(original[end] as string)) end++;
    const folded = foldUnit(original.slice(i, end));
    for (let k = 0; k < folded.length; k++) {
      from.push(i);
      to.push(end);
    }
    text += folded;
    i = end;
  }
  // 2. Word variants, longest first at each position.
  let out = "";
  const from2: number[] = [];
  const to2: number[] = [];
  let j = 0;
  outer: while (j < text.length) {
    const candidates = variantStarts.get(text[j] as string);
    if (candidates) {
      for (const [variant, canonical] of candidates) {
        if (text.startsWith(variant, j)) {
          const start = from[j] as number;
          const stop = to[j + variant.length - 1] as number;
          for (let k = 0; k < canonical.length; k++) {
            from2.push(start);
            to2.push(stop);
          }
          out += canonical;
          j += variant.length;
          continue outer;
        }
      }
    }
    out += text[j];
    from2.push(from[j] as number);
    to2.push(to[j] as number);
    j++;
  }
  return { text: out, from: from2, to: to2 };
}

const variantPattern = new RegExp(
  [...wordVariants]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([v]) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "g",
);
const canonical = new Map(wordVariants);

/** The folded form only (what `foldWithMap` gives as `text`, without keeping the map: the index's path). */
export function fold(original: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    const next = original.charCodeAt(i + 1);
    const voiced = next === 0xff9e || next === 0xff9f || next === 0x3099 || next === 0x309a;
    const quick = voiced ? null : fastFold(code);
    if (quick !== null) {
      out.push(quick);
      i++;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    let end = i + (cp > 0xffff ? 2 : 1);
    while (end < original.length && VOICING.test(original[end] as string)) end++;
    out.push(foldUnit(original.slice(i, end)));
    i = end;
  }
  return out.join("").replace(variantPattern, (m) => canonical.get(m) ?? m);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ヶ]/u;
const WORD = /[\p{L}\p{N}]/u;
const STOP = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "in",
  "on",
  "for",
  "and",
  "or",
  "my",
  "i",
  "is",
  "do",
  "how",
  "what",
  "when",
  "where",
  "can",
  "be",
  "it",
  "me",
  "with",
  "at",
  "by",
  "from",
  "about",
  "want",
  "need",
]);

/** A very small English stemmer: plurals and -ing/-ed, so "moving" and "move", "certificates" meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3).replace(/(.)\1$/, "$1");
  if (word.endsWith("ed") && word.length > 4) return word.slice(0, -2).replace(/(.)\1$/, "$1");
  if (word.endsWith("es") && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  if (word.endsWith("e") && word.length > 4) return word.slice(0, -1);
  return word;
}

/**
 * The index terms of folded text: Japanese runs as overlapping two-character pieces (a one-character
 * run as itself), other words whole (stemmed; common English words dropped). Two-character pieces
 * need no dictionary, so a word the analyser does not know is still found.
 */
export function termsOf(folded: string): string[] {
  const terms: string[] = [];
  let i = 0;
  const chars = [...folded];
  while (i < chars.length) {
    const c = chars[i] as string;
    if (CJK.test(c)) {
      let j = i;
      while (j < chars.length && CJK.test(chars[j] as string)) j++;
      if (j - i === 1) terms.push(c);
      for (let k = i; k + 1 < j; k++) terms.push(`${chars[k]}${chars[k + 1]}`);
      i = j;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < chars.length && WORD.test(chars[j] as string) && !CJK.test(chars[j] as string)) j++;
      const word = chars.slice(i, j).join("");
      if (!STOP.has(word)) terms.push(/^[a-z]+$/.test(word) ? stem(word) : word);
      i = j;
    } else i++;
  }
  return terms;
}

/** Whether text contains a kanji (then the analyser adds its reading to a query). */
export const hasKanji = (text: string): boolean => /\p{Script=Han}/u.test(text);
