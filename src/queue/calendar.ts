import holidayJp from "@holiday-jp/holiday_jp";

/**
 * When an office issues tickets: its hours (Japan time) on its open weekdays, except national holidays
 * (from @holiday-jp/holiday_jp), the year-end closure 12/29–1/3 and the office's own closed days.
 */
export interface OfficeHours {
  opensAtMinute: number;
  closesAtMinute: number;
  openWeekdays: readonly number[];
  observeNationalHolidays: boolean;
  observeYearEnd: boolean;
  closedDates: readonly string[];
}

export type ClosedReason =
  | { kind: "holiday"; nameJa: string; nameEn: string }
  | { kind: "year-end" }
  | { kind: "weekday" }
  | { kind: "local" };

export type IssueWindow =
  | { open: true }
  | { open: false; reason: ClosedReason | { kind: "before-hours" } | { kind: "after-hours" } };

export interface JapanTime {
  /** ISO date in Japan. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes after midnight in Japan. */
  minute: number;
}

/** Japan has kept UTC+9 without daylight saving since 1951 (the Asia/Tokyo zone). */
const JAPAN_OFFSET_MS = 9 * 3_600_000;

/**
 * The date, weekday and minute of the day in Japan for an instant, whatever the server's time zone.
 * Arithmetic on the fixed offset, not `Intl` (which costs more than the rest of a ticket's issue).
 */
export function japanTime(now: Date): JapanTime {
  const local = new Date(now.getTime() + JAPAN_OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    weekday: local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

const holidays = holidayJp.holidays as Readonly<
  Record<string, { name: string; name_en: string } | undefined>
>;

/** Why an office is closed on a date (ISO, with its weekday), or null when it opens. */
export function closedReason(date: string, weekday: number, hours: OfficeHours): ClosedReason | null {
  if (hours.closedDates.includes(date)) return { kind: "local" };
  const monthDay = date.slice(5);
  if (hours.observeYearEnd && (monthDay >= "12-29" || monthDay <= "01-03")) return { kind: "year-end" };
  const holiday = hours.observeNationalHolidays ? holidays[date] : undefined;
  if (holiday) return { kind: "holiday", nameJa: holiday.name, nameEn: holiday.name_en };
  if (!hours.openWeekdays.includes(weekday)) return { kind: "weekday" };
  return null;
}

export function issueWindow(now: Date, hours: OfficeHours): IssueWindow {
  const t = japanTime(now);
  const closed = closedReason(t.date, t.weekday, hours);
  if (closed) return { open: false, reason: closed };
  if (t.minute < hours.opensAtMinute) return { open: false, reason: { kind: "before-hours" } };
  if (t.minute >= hours.closesAtMinute) return { open: false, reason: { kind: "after-hours" } };
  return { open: true };
}

/** "08:30" from 510. */
export function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** A counter opened on an earlier day is not open today: each day starts with every counter closed. */
export function isOpenToday(state: { open: boolean; changedAt: Date }, today: string): boolean {
  return state.open && japanTime(state.changedAt).date === today;
}
