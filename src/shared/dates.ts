// Dates as residents read them: 西暦 with the weekday, and 和暦 beside it where official forms use it.
// Era names come from ICU's Japanese calendar (Intl), not from a hand-made era table.

const utc = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

const formats = {
  western: new Intl.DateTimeFormat("ja-JP", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }),
  weekdayJa: new Intl.DateTimeFormat("ja-JP", { weekday: "short", timeZone: "UTC" }),
  wareki: new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
    era: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
};

/** "令和8年4月20日" */
export const formatWareki = (iso: string): string => formats.wareki.format(utc(iso));

/** "2026年4月20日（月）" */
export const formatWesternWithWeekday = (iso: string): string =>
  `${formats.western.format(utc(iso))}（${formats.weekdayJa.format(utc(iso))}）`;

/**
 * A deadline as the counter shows it: "2026年4月20日（月）／令和8年4月20日" in Japanese,
 * "Mon, 20 April 2026 (令和8年4月20日)" in English.
 */
export function formatDeadline(iso: string, lang: "ja" | "en"): string {
  if (lang === "ja") return `${formatWesternWithWeekday(iso)}／${formatWareki(iso)}`;
  return `${formats.en.format(utc(iso))} (${formatWareki(iso)})`;
}

const westernByLocale = new Map<string, Intl.DateTimeFormat>();

/**
 * A date with its weekday in the reader's Intl locale: "2026年4月20日（月）" in Japanese, "Mon, 20 April
 * 2026" in English (day first, as the counter's English sheet always read), the same in any other.
 */
export function formatWesternDate(iso: string, intlLocale: string): string {
  if (intlLocale === "ja") return formatWesternWithWeekday(iso);
  let format = westernByLocale.get(intlLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale === "en" ? "en-GB" : intlLocale, {
      weekday: "short",
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    westernByLocale.set(intlLocale, format);
  }
  return format.format(utc(iso));
}

/** Today's date in Japan as an ISO date, whatever the server's time zone. */
export function todayInJapan(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(now);
}
