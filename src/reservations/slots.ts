import { closedReason, japanTime, type OfficeHours } from "../queue/calendar";
import { bookableSeats, type SlotRules, seatsOn } from "./slot-rules";

/**
 * Slots computed from the rules, the office's closed days and the bookings already made — pure, so a
 * table of cases pins it down (slots.test.ts). Japan keeps no daylight saving time: a Japan wall-clock
 * minute is UTC + 9 h all year.
 */
export interface Slot {
  start: Date;
  end: Date;
  /** Bookable seats (after the walk-in share). */
  seats: number;
  remaining: number;
}

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** The instant of a minute of a Japan date ("2026-12-08", 540 → 2026-12-08T00:00Z). */
export function japanInstant(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS + minute * 60_000);
}

/** An ISO date `days` after another. */
export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

export interface SlotQuery {
  rules: SlotRules;
  hours: OfficeHours;
  /** First date asked for (Japan). */
  from: string;
  days: number;
  now: Date;
  /** Seats taken per slot start (epoch ms). */
  taken: ReadonlyMap<number, number>;
  /** Also list slots with no seat left (the pages show them as full); the API lists them too. */
  includeFull?: boolean;
}

/** The first and last instant a slot may start at for a booking made now. */
export function bookingWindow(rules: SlotRules, now: Date): { earliest: Date; lastDate: string } {
  const today = japanTime(now).date;
  return {
    earliest: new Date(now.getTime() + rules.leadMinutes * 60_000),
    lastDate: addDaysIso(today, rules.horizonDays),
  };
}

/** The slots of the days asked for that are open for booking now, in time order. */
export function computeSlots(q: SlotQuery): Slot[] {
  const { rules, hours } = q;
  if (!rules.enabled) return [];
  const { earliest, lastDate } = bookingWindow(rules, q.now);
  // A slot lies inside the office's opening hours as well as the rules' own window.
  const first = Math.max(rules.startMinute, hours.opensAtMinute);
  const last = Math.min(rules.endMinute, hours.closesAtMinute);
  const out: Slot[] = [];
  for (let d = 0; d < q.days; d++) {
    const date = addDaysIso(q.from, d);
    if (date > lastDate) break;
    const weekday = weekdayOf(date);
    if (closedReason(date, weekday, hours)) continue;
    const seats = bookableSeats(seatsOn(rules, date, weekday), rules.walkInSharePercent);
    if (seats <= 0) continue;
    for (let m = first; m + rules.slotMinutes <= last; m += rules.slotMinutes) {
      const start = japanInstant(date, m);
      if (start.getTime() < earliest.getTime()) continue;
      const remaining = Math.max(0, seats - (q.taken.get(start.getTime()) ?? 0));
      if (remaining === 0 && !q.includeFull) continue;
      out.push({ start, end: new Date(start.getTime() + rules.slotMinutes * 60_000), seats, remaining });
    }
  }
  return out;
}

/**
 * Whether an instant is the start of a bookable slot now, and its seats: the check a booking makes
 * under the slot's lock (with the seats taken counted there), so a forged or stale start is refused.
 */
export function slotAt(
  rules: SlotRules,
  hours: OfficeHours,
  start: Date,
  now: Date,
): { ok: true; end: Date; seats: number } | { ok: false; why: "past" | "notOffered" } {
  if (!rules.enabled) return { ok: false, why: "notOffered" };
  const { earliest } = bookingWindow(rules, now);
  if (start.getTime() < earliest.getTime()) return { ok: false, why: "past" };
  const t = japanTime(start);
  const slots = computeSlots({
    rules,
    hours,
    from: t.date,
    days: 1,
    now,
    taken: new Map(),
    includeFull: true,
  });
  const slot = slots.find((s) => s.start.getTime() === start.getTime());
  if (!slot) return { ok: false, why: "notOffered" };
  return { ok: true, end: slot.end, seats: slot.seats };
}
