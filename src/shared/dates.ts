// Dates as residents read them: 西暦 with the weekday, and 和暦 beside it where official forms use it.
// Era names come from ICU's Japanese calendar (Intl), not from a hand-made era table.

import type { Problem } from "./errors";

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

// ── Dates as people type them ─────────────────────────────────────────────────────────────────────

/** Why a typed date was refused: unreadable, a day that does not exist, or a 和暦 year outside its era. */
export type DateInputProblem = "date.invalid" | "date.notExist" | "date.outsideEra";

export type DateInputResult = { ok: true; iso: string } | { ok: false; code: DateInputProblem };

/** The eras a date of birth can fall in, with their first day; a year 1 is also written 元年. */
const eras = [
  { names: ["令和", "令", "R"], start: "2019-05-01" },
  { names: ["平成", "平", "H"], start: "1989-01-08" },
  { names: ["昭和", "昭", "S"], start: "1926-12-25" },
  { names: ["大正", "大", "T"], start: "1912-07-30" },
  { names: ["明治", "明", "M"], start: "1868-01-25" },
] as const;
const eraByName = new Map<string, number>(eras.flatMap((era, i) => era.names.map((n) => [n, i] as const)));

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const compact = /^(\d{4})(\d{2})(\d{2})$/;
const japanese =
  /^(令和|平成|昭和|大正|明治|令|平|昭|大|明|[RHSTM])(\d{1,2}|元)[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/**
 * The one parser for every date a person types, at the counter or at home: 西暦 (2026-04-01,
 * 2026/4/1, 2026年4月1日, 20260401) or 和暦 (R8.4.1, 令和8年4月1日, 令和元年5月1日, S55.4.2, S55-04-02,
 * 昭和55年4月2日), with full-width digits and dashes, spaces ignored. A day that does not exist
 * (2026-02-30) or a 和暦 date outside its era (平成32年) is refused with its own code.
 */
export function parseDateInput(input: string): DateInputResult {
  const text = input
    .normalize("NFKC")
    .replace(/[\s\u3000]/g, "")
    .replace(/[‐‑‒–—―−ー－]/g, "-")
    // A weekday after the date, as this product and most letters print it: 2026年4月20日（月）.
    .replace(/\((?:[月火水木金土日](?:曜日?)?|(?:mon|tue|wed|thu|fri|sat|sun)\.?)\)$/i, "")
    .toUpperCase();
  let year: number;
  let month: number;
  let day: number;
  let era: number | undefined;
  const w = western.exec(text) ?? compact.exec(text);
  if (w) {
    [year, month, day] = [Number(w[1]), Number(w[2]), Number(w[3])];
  } else {
    const j = japanese.exec(text);
    if (!j) return { ok: false, code: "date.invalid" };
    era = eraByName.get(j[1] as string);
    if (era === undefined) return { ok: false, code: "date.invalid" };
    const eraYear = j[2] === "元" ? 1 : Number(j[2]);
    if (eraYear < 1) return { ok: false, code: "date.outsideEra" };
    year = Number((eras[era] as (typeof eras)[number]).start.slice(0, 4)) + eraYear - 1;
    [month, day] = [Number(j[3]), Number(j[4])];
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthDays(year, month)) {
    return { ok: false, code: "date.notExist" };
  }
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (era !== undefined) {
    const start = (eras[era] as (typeof eras)[number]).start;
    const next = era > 0 ? (eras[era - 1] as (typeof eras)[number]).start : undefined;
    if (iso < start || (next !== undefined && iso >= next)) return { ok: false, code: "date.outsideEra" };
  }
  return { ok: true, iso };
}

/** The date fields the date messages name (`field` in `common.dateInvalid` and its siblings). */
export type DateFieldName = "birthDate" | "eventDate" | "from" | "to" | "date";

const problemMessage: Record<DateInputProblem, string> = {
  "date.invalid": "common.dateInvalid",
  "date.notExist": "common.dateNotExist",
  "date.outsideEra": "common.dateOutsideEra",
};

/**
 * A typed date that was refused, as the problem of the field at `path` (linked from the error
 * summary): `dateProblem("birthDate", "date.notExist", "birthDate")`.
 */
export function dateProblem(path: string, code: DateInputProblem, field: DateFieldName = "date"): Problem {
  return { path, code: problemMessage[code], params: { field } };
}
