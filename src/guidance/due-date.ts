import holidayJp from "@holiday-jp/holiday_jp";
import { formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber } from "./calendar";

/**
 * `due`: the last day an office actually accepts a procedure. When the legal deadline falls on a day
 * the municipality is closed (熊本市の休日を定める条例 and its like: Saturdays, Sundays, national
 * holidays and 12/29–1/3, plus its own closed dates), the period ends on the next open day
 * (地方自治法 §4の2④; 行政機関の休日に関する法律 §2 for national bodies such as the pension office).
 * A resident is never told that a deadline on a closed day stands.
 */

const holidays = holidayJp.holidays as Readonly<Record<string, unknown>>;

/** Whether offices are closed on an ISO date (with the municipality's own closed dates). */
export function isClosedDay(iso: string, localClosedDates: readonly string[] = []): boolean {
  const date = parseIsoDate(iso);
  if (!date) return false;
  if (localClosedDates.includes(iso)) return true;
  const monthDay = iso.slice(5);
  if (monthDay >= "12-29" || monthDay <= "01-03") return true;
  if (holidays[iso] !== undefined) return true;
  // Day 0 (1970-01-01) was a Thursday.
  const weekday = (((toDayNumber(date.year, date.month, date.day) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** The deadline, or the next open day after it when it falls on a closed day; null stays null. */
export function dueDate(deadline: string | null, localClosedDates: readonly string[] = []): string | null {
  if (deadline === null) return null;
  const date = parseIsoDate(deadline);
  if (!date) return deadline;
  let day = toDayNumber(date.year, date.month, date.day);
  // The longest closure is the year end with a weekend and a holiday around it: a few days at most.
  for (let i = 0; i < 30 && isClosedDay(formatIsoDate(fromDayNumber(day)), localClosedDates); i++) day++;
  return formatIsoDate(fromDayNumber(day));
}
