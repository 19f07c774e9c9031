import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
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
 * number through Intl). A key a language lacks reads in Japanese; a code the catalogues lack entirely
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

const cache = createIntlCache();
const translators = new Map<Locale, Translate>();
onCataloguesChanged(() => translators.clear());

function build(locale: Locale): Translate {
  const ja = OWN_CATALOGUES[DEFAULT_LOCALE] ?? {};
  const own = OWN_CATALOGUES[locale] ?? {};
  const intlLocale = languageInfo(locale).intl;
  const intl: IntlShape = createIntl(
    {
      locale: intlLocale,
      defaultLocale: "ja",
      timeZone: "Asia/Tokyo",
      messages: { ...ja, ...own },
      // A missing message never reaches a reader (the parity test lists them); formatting errors do throw.
      onError: (error) => {
        if (error.code !== "MISSING_TRANSLATION") throw error;
      },
    },
    cache,
  );
  const format = (code: string, params?: MessageParams): string => {
    let values: Record<string, string | number | Date> | undefined;
    if (params) {
      values = {};
      for (const [name, value] of Object.entries(params))
        values[name] = isLocaleMap(value) ? pickLabel(value, locale).text : value;
    }
    return intl.formatMessage({ id: code }, values, { ignoreTag: true }) as string;
  };
  const has = (code: string): boolean => ja[code] !== undefined;
  const t = ((key: MessageKey, params?: MessageParams) => format(key, params)) as Translate;
  t.message = (m: Message) => (has(m.code) ? format(m.code, m.params) : format("common.errorLead"));
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
