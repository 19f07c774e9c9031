import { readdirSync, readFileSync } from "node:fs";
import { DEFAULT_LOCALE, type Locale } from "../shared/locale";
import { LOCALE_CODES, localesDir, readLanguagesFrom } from "./locales";

/** One language's messages, flattened to "module.key" ids: locales/<lang>/<module>.json holds { key: message }. */
export type Catalogue = Record<string, string>;

function readCatalogue(dir: string): Catalogue {
  const messages: Catalogue = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".json") || file === "language.json") continue;
    const module = file.slice(0, -".json".length);
    const data = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as Record<string, unknown>;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== "string") throw new Error(`locales: ${dir}/${file}: "${key}" is not a string`);
      messages[`${module}.${key}`] = value;
    }
  }
  return messages;
}

const catalogues: Record<Locale, Catalogue> = {};
const listeners: (() => void)[] = [];

/** Each language's own messages, as translated (read at start, and again by useLocalesDir). */
export const OWN_CATALOGUES: Readonly<Record<Locale, Catalogue>> = catalogues;

function readAll(): void {
  for (const key of Object.keys(catalogues)) delete catalogues[key];
  for (const code of LOCALE_CODES) catalogues[code] = readCatalogue(`${localesDir()}/${code}`);
  for (const listener of listeners) listener();
}
readAll();

/** Called when the catalogues are read again (the translators drop what they built). */
export function onCataloguesChanged(listener: () => void): void {
  listeners.push(listener);
}

/** Reads languages and catalogues from another folder (see readLanguagesFrom). */
export function useLocalesDir(dir: string): void {
  readLanguagesFrom(dir);
  readAll();
}

/** The keys a language lacks, which readers of it see in Japanese (listed by the parity test, never shown as keys). */
export function missingKeys(locale: Locale): string[] {
  const own = OWN_CATALOGUES[locale] ?? {};
  return Object.keys(OWN_CATALOGUES[DEFAULT_LOCALE] ?? {}).filter((key) => own[key] === undefined);
}

/** Keys a language has that Japanese does not: always a mistake (a renamed or removed key). */
export function strayKeys(locale: Locale): string[] {
  const ja = OWN_CATALOGUES[DEFAULT_LOCALE] ?? {};
  return Object.keys(OWN_CATALOGUES[locale] ?? {}).filter((key) => ja[key] === undefined);
}
