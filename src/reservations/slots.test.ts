import { describe, expect, it } from "vitest";
import type { OfficeHours } from "../queue/calendar";
import { bookableSeats, defaultSlotRules, type SlotRules, seatsOn } from "./slot-rules";
import { addDaysIso, computeSlots, japanInstant, slotAt } from "./slots";

const hours: OfficeHours = {
  opensAtMinute: 8 * 60 + 30,
  closesAtMinute: 17 * 60 + 15,
  openWeekdays: [1, 2, 3, 4, 5],
  observeNationalHolidays: true,
  observeYearEnd: true,
  closedDates: [],
};
const rules: SlotRules = {
  ...defaultSlotRules,
  startMinute: 9 * 60,
  endMinute: 11 * 60,
  slotMinutes: 30,
  capacityByWeekday: [0, 1, 2, 2, 2, 2, 0],
  leadMinutes: 60,
  horizonDays: 30,
  walkInSharePercent: 0,
};
// Monday 2026-12-07, 08:00 in Japan.
const monday8 = japanInstant("2026-12-07", 8 * 60);
const hhmm = (d: Date) =>
  d.toLocaleTimeString("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
const slotsOn = (
  date: string,
  over: Partial<SlotRules> = {},
  now = monday8,
  taken = new Map<number, number>(),
  h = hours,
) =>
  computeSlots({
    rules: { ...rules, ...over },
    hours: h,
    from: date,
    days: 1,
    now,
    taken,
    includeFull: true,
  });

describe("slot computation", () => {
  it.each([
    [
      "a Tuesday gives four 30-minute slots of 2 seats from 09:00 to 11:00",
      "2026-12-08",
      {},
      ["09:00", "09:30", "10:00", "10:30"],
      2,
    ],
    ["a Monday has the Monday capacity of 1", "2026-12-14", {}, ["09:00", "09:30", "10:00", "10:30"], 1],
    ["a Saturday has no slots (the office is closed)", "2026-12-12", {}, [], 0],
    ["a national holiday has no slots (2027-01-11, 成人の日)", "2027-01-11", {}, [], 0],
    ["the year-end closure has no slots (12/29)", "2026-12-29", {}, [], 0],
    [
      "a 45-minute slot length fits two slots in two hours",
      "2026-12-08",
      { slotMinutes: 45 },
      ["09:00", "09:45"],
      2,
    ],
    [
      "the office's hours clip the rules' window",
      "2026-12-08",
      { startMinute: 8 * 60, endMinute: 9 * 60 },
      ["08:30"],
      2,
    ],
    [
      "a walk-in share of 50 % halves 2 seats to 1",
      "2026-12-08",
      { walkInSharePercent: 50 },
      ["09:00", "09:30", "10:00", "10:30"],
      1,
    ],
    ["a walk-in share of 100 % leaves nothing to book", "2026-12-08", { walkInSharePercent: 100 }, [], 0],
    [
      "a date-range override replaces the weekday capacity",
      "2026-12-08",
      { overrides: [{ from: "2026-12-08", to: "2026-12-09", capacity: 5 }] },
      ["09:00", "09:30", "10:00", "10:30"],
      5,
    ],
    [
      "an override of 0 closes the day to bookings",
      "2026-12-08",
      { overrides: [{ from: "2026-12-01", to: "2026-12-31", capacity: 0 }] },
      [],
      0,
    ],
    ["disabled rules give no slots", "2026-12-08", { enabled: false }, [], 0],
  ] as const)("%s", (_name, date, over, times, seats) => {
    const slots = slotsOn(date, over as Partial<SlotRules>);
    expect(slots.map((s) => hhmm(s.start))).toEqual(times);
    for (const s of slots) expect(s.seats).toBe(seats);
  });

  it("a local closed day of the office has no slots", () => {
    expect(slotsOn("2026-12-08", {}, monday8, new Map(), { ...hours, closedDates: ["2026-12-08"] })).toEqual(
      [],
    );
  });

  it("the lead time hides slots that start less than an hour from now", () => {
    const now = japanInstant("2026-12-08", 8 * 60 + 45); // 08:45: 09:00 and 09:30 start within the hour
    expect(slotsOn("2026-12-08", {}, now).map((s) => hhmm(s.start))).toEqual(["10:00", "10:30"]);
  });

  it("the horizon ends the listing: nothing beyond 30 days from today", () => {
    const far = computeSlots({ rules, hours, from: "2026-12-07", days: 60, now: monday8, taken: new Map() });
    const last = far.at(-1);
    expect(last && last.start.getTime() < japanInstant(addDaysIso("2026-12-07", 31), 0).getTime()).toBe(true);
    expect(far.length).toBeGreaterThan(0);
  });

  it("seats taken lower the remaining count, and a full slot is listed only when asked", () => {
    const start = japanInstant("2026-12-08", 9 * 60);
    const taken = new Map([[start.getTime(), 2]]);
    const all = slotsOn("2026-12-08", {}, monday8, taken);
    expect(all[0]?.remaining).toBe(0);
    const open = computeSlots({ rules, hours, from: "2026-12-08", days: 1, now: monday8, taken });
    expect(open.map((s) => hhmm(s.start))).toEqual(["09:30", "10:00", "10:30"]);
  });

  it("slotAt accepts a listed start and refuses past and off-grid instants", () => {
    expect(slotAt(rules, hours, japanInstant("2026-12-08", 9 * 60 + 30), monday8)).toMatchObject({
      ok: true,
      seats: 2,
    });
    expect(slotAt(rules, hours, japanInstant("2026-12-08", 9 * 60 + 10), monday8)).toEqual({
      ok: false,
      why: "notOffered",
    });
    expect(slotAt(rules, hours, japanInstant("2026-12-07", 8 * 60 + 30), monday8)).toEqual({
      ok: false,
      why: "past",
    });
    expect(slotAt(rules, hours, japanInstant("2026-12-12", 9 * 60), monday8)).toEqual({
      ok: false,
      why: "notOffered",
    });
  });

  it("seats and the walk-in share round in the walk-ins' favour", () => {
    expect(bookableSeats(3, 50)).toBe(1);
    expect(bookableSeats(2, 0)).toBe(2);
    expect(
      seatsOn(
        {
          ...rules,
          overrides: [
            { from: "2026-12-01", to: "2026-12-31", capacity: 4 },
            { from: "2026-12-08", to: "2026-12-08", capacity: 7 },
          ],
        },
        "2026-12-08",
        2,
      ),
    ).toBe(7);
  });
});
