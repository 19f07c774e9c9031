import type { Page } from "playwright-core";
import procedures from "../../src/catalog/procedures.json" with { type: "json" };
import * as vocabulary from "../../src/catalog/vocabulary";
import { kumamotoDestinations } from "../../src/handoff/destinations.kumamoto";
import { openReasons } from "../../src/registry/open-household";
import { kumamotoSeed } from "../../src/tenancy/kumamoto.seed";

/**
 * No internal id or code in text a person reads (issue 16, deliverable 6): names, labels and 続柄
 * instead of member ids (m1), procedure ids (juki.move-in), vocabulary codes (move-in, kokuho, chuo)
 * and keys made of them (…:gakko). `findInternalIds` reads plain text; `expectNoInternalIds` fails a
 * test on any finding; `expectPageHasNoInternalIds` reads a browser page as people meet it (its text,
 * the options of its lists, its buttons' and images' names, its title).
 */

export type FindingKind = "member-id" | "procedure-id" | "code-in-brackets" | "keyed-code" | "bare-code";

export interface Finding {
  kind: FindingKind;
  /** What was found. */
  match: string;
  /** The text around it, to find it on the page. */
  context: string;
}

export interface ScanOptions {
  /**
   * The page's language. On a Japanese page a word of the vocabulary standing alone ("change",
   * "move-in", "kokuho") can only be a code shown raw; on an English page the same word may be English,
   * so only codes in brackets and keys are looked for there.
   */
  lang?: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The catalogue's procedure ids. */
const procedureIds: string[] = (procedures as { procedures: Array<{ id: string }> }).procedures.map(
  (p) => p.id,
);

/**
 * The codes that must never reach a reader: the vocabulary (events, relations, insurances, …), the
 * reasons for opening a registry household, the demo tenant's office and department codes, the
 * hand-off destinations.
 */
export const internalCodes: ReadonlySet<string> = new Set(
  [
    ...Object.values(vocabulary).flatMap((value) =>
      Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [],
    ),
    ...openReasons,
    ...kumamotoSeed.offices.map((o) => o.code),
    ...kumamotoSeed.departments.map((d) => d.code),
    ...kumamotoDestinations.destinations.map((d) => d.id),
  ].filter((code) => /^[a-z][A-Za-z0-9-]*$/.test(code)),
);

/**
 * Codes that are also ordinary English words: on a page in another language than Japanese they may be
 * the page's own words ("Person 3 (child)"), so only a Japanese page is held to them.
 */
const englishWords: ReadonlySet<string> = new Set([
  "head",
  "spouse",
  "child",
  "parent",
  "other",
  "employee",
  "welfare",
  "female",
  "male",
  "death",
  "birth",
  "marriage",
  "divorce",
  "resident",
  "insurance",
  "children",
  "education",
  "tax",
  "external",
  "guidance",
  "moving",
  "subject",
  "remaining",
  "household",
  "dog",
  "moped",
  "change",
  "certificate",
  "abroad",
  "pregnant",
  "preschool",
  "one-stop",
]);

const memberIdPattern = /(?<![A-Za-z0-9_.-])m\d+(?![A-Za-z0-9_])/g;
const procedurePattern = new RegExp(
  `(?<![A-Za-z0-9_.-])(?:${procedureIds.map(escapeRegExp).join("|")})(?![A-Za-z0-9_-])`,
  "g",
);
/** Codes in brackets, alone or in a list: "（chuo, move-in）", "(kokuho)". */
const bracketPattern = /[（(]\s*([a-z][A-Za-z0-9-]*(?:\s*[,、]\s*[a-z][A-Za-z0-9-]*)*)\s*[）)]/g;
/** An id or code with a code after a colon and no space: "3f2c…:gakko", "flag:sealRegistered". */
const keyedPattern = /(?<![A-Za-z0-9_./-])[A-Za-z0-9][A-Za-z0-9_.-]*:([a-z][A-Za-z0-9-]*)(?![A-Za-z0-9_/-])/g;
/** A word of ASCII letters, digits and hyphens standing alone. */
const wordPattern = /(?<![A-Za-z0-9_.@/-])[a-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9_.@/-])/g;

/** Whether a word stands between two English words ("the procedures a household needs"). */
function inEnglishProse(text: string, index: number, length: number): boolean {
  const before = /[A-Za-z]+[\s,;]*$/.test(text.slice(Math.max(0, index - 24), index).replace(/\s+$/, " "));
  const after = /^[\s,;.]*[A-Za-z]+/.test(text.slice(index + length, index + length + 24));
  return before && after;
}

function contextOf(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 30), index + length + 30)
    .replace(/\s+/g, " ")
    .trim();
}

/** Every internal id or code in a text a person reads. */
export function findInternalIds(text: string, options: ScanOptions = {}): Finding[] {
  const japanese = (options.lang ?? "ja").startsWith("ja");
  const isCode = (word: string) => internalCodes.has(word) && (japanese || !englishWords.has(word));
  const found: Finding[] = [];
  const add = (kind: FindingKind, m: RegExpMatchArray) =>
    found.push({ kind, match: m[0], context: contextOf(text, m.index ?? 0, m[0].length) });
  for (const m of text.matchAll(memberIdPattern)) add("member-id", m);
  for (const m of text.matchAll(procedurePattern)) add("procedure-id", m);
  for (const m of text.matchAll(bracketPattern)) {
    const codes = (m[1] ?? "").split(/\s*[,、]\s*/);
    if (codes.some((code) => isCode(code) || /^m\d+$/.test(code))) add("code-in-brackets", m);
  }
  for (const m of text.matchAll(keyedPattern)) if (internalCodes.has(m[1] ?? "")) add("keyed-code", m);
  if (japanese) {
    for (const m of text.matchAll(wordPattern)) {
      // An English word inside an English sentence of a Japanese page (the API reference's English
      // descriptions) is prose, not a code.
      if (englishWords.has(m[0]) && inEnglishProse(text, m.index ?? 0, m[0].length)) continue;
      // A procedure id's parts ("juki", "move-in") are reported once, as the id.
      if (internalCodes.has(m[0]) && !found.some((f) => f.kind === "procedure-id" && f.match.includes(m[0])))
        add("bare-code", m);
    }
  }
  return found;
}

/** Fails with every finding listed, when the text shows any internal id or code. */
export function expectNoInternalIds(text: string, label: string, options: ScanOptions = {}): void {
  const found = findInternalIds(text, options);
  if (found.length === 0) return;
  const lines = found.map((f) => `- ${f.kind} "${f.match}" in "…${f.context}…"`);
  throw new Error(`${found.length} internal id(s) or code(s) in the text of ${label}:\n${lines.join("\n")}`);
}

/** A run of a page's readable text, in the language it is marked with. */
export interface TextRun {
  text: string;
  lang: string;
}

/**
 * The text of a page as people meet it, run by run in the language each is marked with (a sheet in
 * English inside a Japanese staff page, a Japanese name inside an English one): what it shows, the
 * options of its lists, the names of its controls and images, its title. Hidden elements are left out.
 */
export function readableText(page: Page): Promise<TextRun[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang || "ja";
    const langOf = (el: Element | null): string => el?.closest("[lang]")?.getAttribute("lang") || pageLang;
    const runs: Array<{ text: string; lang: string }> = [{ text: document.title, lang: pageLang }];
    const push = (text: string, lang: string) => {
      const last = runs[runs.length - 1];
      if (last && last.lang === lang) last.text += ` ${text}`;
      else runs.push({ text, lang });
    };
    const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "OPTION"]);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.nodeValue?.trim() ?? "";
      if (!parent || !text || skip.has(parent.tagName) || !parent.checkVisibility()) continue;
      push(text, langOf(parent));
    }
    for (const option of Array.from(document.querySelectorAll("option")))
      push(option.textContent ?? "", langOf(option));
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [alt], [placeholder]"))) {
      for (const name of ["aria-label", "title", "alt", "placeholder"]) {
        const value = el.getAttribute(name);
        if (value) push(value, langOf(el));
      }
    }
    for (const input of Array.from(
      document.querySelectorAll<HTMLInputElement>("input[type=submit], input[type=button]"),
    ))
      push(input.value, langOf(input));
    return runs;
  });
}

/** Fails when the page, as it is now, shows an internal id or code anywhere a person reads. */
export async function expectPageHasNoInternalIds(page: Page, label = page.url()): Promise<void> {
  const found = (await readableText(page)).flatMap((run) => findInternalIds(run.text, { lang: run.lang }));
  if (found.length === 0) return;
  const lines = found.map((f) => `- ${f.kind} "${f.match}" in "…${f.context}…"`);
  throw new Error(`${found.length} internal id(s) or code(s) in the text of ${label}:\n${lines.join("\n")}`);
}
