import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "../shared/locale";

/**
 * The languages are the folders of locales/: adding one is a translation job (a folder with
 * language.json and the module catalogues), never a code change.
 */
export const LOCALES_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));

const languageSchema = z.strictObject({
  /** The language's name in itself, as the switch shows it ("Tiếng Việt"). */
  name: z.string().min(1),
  /** The locale Intl formats dates, numbers and plurals with ("ja" for やさしい日本語). */
  intl: z.string().min(2),
  /** Where the language is offered: resident pages only, or staff pages too. */
  audience: z.enum(["resident", "staff"]),
  /** Order in switches and on the kiosk. */
  order: z.number().int(),
});
export type LanguageInfo = z.infer<typeof languageSchema> & { code: Locale };

function readLanguages(dir: string): LanguageInfo[] {
  const found: LanguageInfo[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = `${dir}/${entry.name}/language.json`;
    const info = languageSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    found.push({ ...info, code: entry.name });
  }
  if (!found.some((l) => l.code === DEFAULT_LOCALE)) throw new Error(`locales/${DEFAULT_LOCALE} is missing`);
  return found.sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
}

// Filled in place by useLocalesDir, so that modules may hold on to these arrays.
const languages: LanguageInfo[] = [];
const localeCodes: Locale[] = [];
const staffLocales: Locale[] = [];
const byLowerCase = new Map<string, Locale>();
let currentDir = LOCALES_DIR;

/** Every language with a catalogue folder, in display order. */
export const LANGUAGES: readonly LanguageInfo[] = languages;
export const LOCALE_CODES: readonly Locale[] = localeCodes;
/** Staff pages are in the languages whose folder says so (today Japanese and English). */
export const STAFF_LOCALES: readonly Locale[] = staffLocales;

/** The folder the catalogues are read from. */
export const localesDir = (): string => currentDir;

/**
 * Reads the languages from a catalogue folder (locales/ by default, at import). The composition root
 * may point it elsewhere (LOCALES_DIR); tests use it to add a pseudo-locale as a folder, the way a
 * city adds a language.
 */
export function readLanguagesFrom(dir: string): void {
  const found = readLanguages(dir);
  currentDir = dir;
  languages.splice(0, languages.length, ...found);
  localeCodes.splice(0, localeCodes.length, ...found.map((l) => l.code));
  staffLocales.splice(
    0,
    staffLocales.length,
    ...found.filter((l) => l.audience === "staff").map((l) => l.code),
  );
  byLowerCase.clear();
  for (const l of found) byLowerCase.set(l.code.toLowerCase(), l.code);
}
readLanguagesFrom(LOCALES_DIR);

/** A known locale code from a cookie, query or form value (case-insensitive), else undefined. */
export function parseLocale(value: string | undefined | null): Locale | undefined {
  if (!value) return undefined;
  return byLowerCase.get(value.trim().toLowerCase());
}

export function languageInfo(locale: Locale): LanguageInfo {
  return (
    LANGUAGES.find((l) => l.code === locale) ??
    (LANGUAGES.find((l) => l.code === DEFAULT_LOCALE) as LanguageInfo)
  );
}

/**
 * The best offered locale for an Accept-Language header (q-values honoured; "zh", "zh-CN" → zh-Hans,
 * "en-US" → en), else Japanese.
 */
export function negotiateLocale(
  header: string | undefined | null,
  offered: readonly Locale[] = LOCALE_CODES,
): Locale {
  if (!header) return DEFAULT_LOCALE;
  const wanted = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((r) => /^\s*q=([0-9.]+)\s*$/.exec(r)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const lowered = offered.map((code) => ({ code, lower: code.toLowerCase() }));
  for (const { tag } of wanted) {
    const exact = lowered.find((o) => o.lower === tag);
    if (exact) return exact.code;
    const primary = tag.split("-")[0];
    const sameLanguage = lowered.find((o) => o.lower.split("-")[0] === primary && !o.lower.includes("-x-"));
    if (sameLanguage) return sameLanguage.code;
  }
  return DEFAULT_LOCALE;
}
