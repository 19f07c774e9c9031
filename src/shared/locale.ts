/**
 * Language-neutral shapes that code below the web layer uses instead of sentences: a message is a code
 * with parameters, and a label that comes from data is a map from locale to text with Japanese required.
 * The web layer (src/i18n, src/web) alone turns these into text.
 */

/** A BCP 47 tag naming one catalogue folder under locales/ ("ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"). */
export type Locale = string;

export const DEFAULT_LOCALE: Locale = "ja";

/** Text from data (a purpose, an office, a vocabulary label) in each language it has; Japanese is required. */
export type LocaleMap = { ja: string } & { [locale: string]: string | undefined };

/** A value a message may interpolate; a LocaleMap is resolved to the reader's language. */
export type MessageParam = string | number | Date | LocaleMap;
export type MessageParams = Record<string, MessageParam>;

/** What a use case, the engine or an error says, as a stable code with parameters ("queue.ticketFinished"). */
export interface Message {
  code: string;
  params?: MessageParams;
}

/**
 * The label for a reader of `locale`, with the language it is really in (so a page can mark a Japanese
 * fallback with lang="ja"): the locale itself, やさしい日本語 falling back to Japanese, else Japanese.
 */
export function pickLabel(map: LocaleMap, locale: Locale): { text: string; lang: Locale } {
  const own = map[locale];
  if (own) return { text: own, lang: locale };
  return { text: map.ja, lang: "ja" };
}

export const isLocaleMap = (value: unknown): value is LocaleMap =>
  typeof value === "object" &&
  value !== null &&
  !(value instanceof Date) &&
  typeof (value as { ja?: unknown }).ja === "string";
