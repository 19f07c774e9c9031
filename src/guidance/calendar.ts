/**
 * Calendar arithmetic on plain year-month-day values. No `Date` objects: a date in the input is a
 * day in Japan, and mixing it with a time zone is how "one day early" bugs are made.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0);
}

/** Parses `YYYY-MM-DD`; null when the text is not in that form or the day does not exist. */
export function parseIsoDate(text: string): CalendarDate | null {
  if (text.length !== 10 || text[4] !== "-" || text[7] !== "-") return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
export function toDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  const y = year < 1000 ? String(year).padStart(4, "0") : String(year);
  return `${y}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date.year, date.month, date.day) + days);
}

/**
 * The last day of a period of `years` years that starts the day after `date` (民法 §140, §143):
 * it ends the day before the day corresponding to the start day, or — when that month has no
 * such day — on the last day of the month. 2026-02-03 → 2028-02-03; 2024-02-29 → 2026-02-28.
 */
export function endOfYearsPeriod(date: CalendarDate, years: number): CalendarDate {
  const start = addDays(date, 1);
  const year = start.year + years;
  const last = daysInMonth(year, start.month);
  if (start.day > last) return { year, month: start.month, day: last };
  return addDays({ year, month: start.month, day: start.day }, -1);
}

/**
 * The last day of a period of `months` months that starts the day after `date` (民法 §140, §143),
 * as {@link endOfYearsPeriod} does for years: the day before the later month's day corresponding to
 * the start day, or that month's last day when it has no such day. 2027-01-10 → 2027-04-10;
 * 2026-11-30 → 2027-02-28; 2027-01-31 → 2027-04-30; 2027-02-28 → 2027-05-31 (the period starts on
 * 1 March, so it runs three whole months).
 */
export function endOfMonthsPeriod(date: CalendarDate, months: number): CalendarDate {
  const start = addDays(date, 1);
  const index = start.month - 1 + months;
  const year = start.year + Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  if (start.day > last) return { year, month, day: last };
  return addDays({ year, month, day: start.day }, -1);
}
