import { type Formatters, IntlMessageFormat } from "intl-messageformat";
import {
  DEFAULT_LOCALE,
  isLocaleMap,
  type Locale,
  type Message,
  type MessageParams,
  pickLabel,
} from "../shared/locale";
import { OWN_CATALOGUES, onCataloguesChanged } from "./catalogues";
import type { MessageKey } from "./keys";
import { languageInfo, parseLocale } from "./locales";

export type { MessageKey } from "./keys";

/**
 * Text for one reader: `t("queue.kioskTitle", { office })`, ICU MessageFormat (plural, select, date and
 * number through Intl) by formatjs's intl-messageformat, each message compiled once per language. A key a language lacks reads in Japanese; a code the catalogues lack entirely
 * (only possible for codes from data or an old stored plan) reads as the generic error, never as the key.
 */
export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  /** A code from below the web layer ({ code, params }). */
  message(message: Message): string;
  /** Whether a code has text (in Japanese at least). */
  has(code: string): boolean;
  readonly locale: Locale;
  /** The locale Intl formats with ("ja" for やさしい日本語). */
  readonly intlLocale: string;
}

const translators = new Map<Locale, Translate>();
onCataloguesChanged(() => translators.clear());

/** One cache of Intl objects for every message; dates and times always in Japan's time zone. */
const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  kind: string,
  locales: unknown,
  options: unknown,
  make: () => T,
): T {
  const key = `${kind}|${JSON.stringify(locales)}|${JSON.stringify(options ?? {})}`;
  let value = intlCache.get(key) as T | undefined;
  if (!value) {
    value = make();
    intlCache.set(key, value);
  }
  return value;
}
const formatters: Formatters = {
  getNumberFormat: (locales, options) =>
    cached("n", locales, options, () => new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions)),
  getDateTimeFormat: (locales, options) =>
    cached(
      "d",
      locales,
      options,
      () => new Intl.DateTimeFormat(locales, { timeZone: "Asia/Tokyo", ...options }),
    ),
  getPluralRules: (locales, options) =>
    cached("p", locales, options, () => new Intl.PluralRules(locales, options)),
};

function build(locale: Locale): Translate {
  const ja = OWN_CATALOGUES[DEFAULT_LOCALE] ?? {};
  const own = OWN_CATALOGUES[locale] ?? {};
  const intlLocale = languageInfo(locale).intl;
  // Each message is parsed once, on first use, and kept: a message without arguments as its text.
  const compiled = new Map<string, IntlMessageFormat | string>();
  const compile = (code: string): IntlMessageFormat | string | undefined => {
    let entry = compiled.get(code);
    if (entry === undefined) {
      const source = own[code] ?? ja[code];
      if (source === undefined) return undefined;
      const format = new IntlMessageFormat(source, intlLocale, undefined, { ignoreTag: true, formatters });
      entry = format.getAst().every((part) => part.type === 0) ? String(format.format()) : format;
      compiled.set(code, entry);
    }
    return entry;
  };
  const format = (code: string, params?: MessageParams): string => {
    const entry = compile(code) ?? (compile("common.errorLead") as string);
    if (typeof entry === "string") return entry;
    let values: Record<string, string | number | Date> | undefined;
    if (params) {
      values = {};
      for (const [name, value] of Object.entries(params))
        values[name] = isLocaleMap(value) ? pickLabel(value, locale).text : value;
    }
    return String(entry.format(values));
  };
  const has = (code: string): boolean => ja[code] !== undefined;
  const t = ((key: MessageKey, params?: MessageParams) => format(key, params)) as Translate;
  t.message = (m: Message) => format(m.code, m.params);
  t.has = has;
  Object.defineProperty(t, "locale", { value: locale });
  Object.defineProperty(t, "intlLocale", { value: intlLocale });
  return t;
}

/** The translator for a locale (an unknown one reads Japanese); built once per locale and kept. */
export function translator(locale: Locale): Translate {
  const known = parseLocale(locale) ?? DEFAULT_LOCALE;
  let t = translators.get(known);
  if (!t) {
    t = build(known);
    translators.set(known, t);
  }
  return t;
}
