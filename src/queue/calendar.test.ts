import { describe, expect, it } from "vitest";
import { closedReason, formatMinute, issueWindow, japanTime, type OfficeHours } from "./calendar";

const kumamoto: OfficeHours = {
  opensAtMinute: 8 * 60 + 30,
  closesAtMinute: 17 * 60 + 15,
  openWeekdays: [1, 2, 3, 4, 5],
  observeNationalHolidays: true,
  observeYearEnd: true,
  closedDates: ["2026-06-15"],
};
const at = (iso: string) => new Date(iso);

describe("office calendar", () => {
  it("reads the date, weekday and minute in Japan whatever the instant's zone", () => {
    expect(japanTime(at("2026-03-01T23:30:00Z"))).toEqual({
      date: "2026-03-02",
      weekday: 1,
      minute: 8 * 60 + 30,
    });
    expect(japanTime(at("2026-03-02T14:59:00Z"))).toEqual({
      date: "2026-03-02",
      weekday: 1,
      minute: 23 * 60 + 59,
    });
  });

  it("agrees with the Asia/Tokyo time zone's own reading every seven hours over ten years, and at midnight and new year", () => {
    const tokyo = new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Tokyo",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const instants = [at("2026-12-31T14:59:59.999Z"), at("2026-12-31T15:00:00Z"), at("2028-02-28T15:00:00Z")];
    for (
      let t = Date.parse("2020-01-01T00:00:00Z");
      t < Date.parse("2030-01-01T00:00:00Z");
      t += 3_600_000 + 60_000
    )
      instants.push(new Date(t));
    for (const instant of instants) {
      const p = Object.fromEntries(tokyo.formatToParts(instant).map((x) => [x.type, x.value]));
      expect(japanTime(instant)).toEqual({
        date: `${p.year}-${p.month}-${p.day}`,
        weekday: days.indexOf(p.weekday ?? ""),
        minute: Number(p.hour) * 60 + Number(p.minute),
      });
    }
  });

  it.each([
    { when: "2026-03-02T08:30:00+09:00", expected: { open: true }, why: "a Monday at opening time" },
    { when: "2026-03-02T17:14:59+09:00", expected: { open: true }, why: "a minute before closing" },
    {
      when: "2026-03-02T08:29:00+09:00",
      expected: { open: false, reason: { kind: "before-hours" } },
      why: "before opening",
    },
    {
      when: "2026-03-02T17:15:00+09:00",
      expected: { open: false, reason: { kind: "after-hours" } },
      why: "at closing time",
    },
    {
      when: "2026-03-07T10:00:00+09:00",
      expected: { open: false, reason: { kind: "weekday" } },
      why: "a Saturday",
    },
    {
      when: "2026-05-05T10:00:00+09:00",
      expected: { open: false, reason: { kind: "holiday", nameJa: "こどもの日", nameEn: "Children's Day" } },
      why: "a national holiday (こどもの日)",
    },
    {
      when: "2026-05-06T10:00:00+09:00",
      expected: {
        open: false,
        reason: { kind: "holiday", nameJa: "こどもの日 振替休日", nameEn: "Holiday in lieu" },
      },
      why: "a substitute holiday",
    },
    {
      when: "2026-12-29T10:00:00+09:00",
      expected: { open: false, reason: { kind: "year-end" } },
      why: "12/29, the first day of the year-end closure",
    },
    {
      when: "2027-01-04T10:00:00+09:00",
      expected: { open: true },
      why: "1/4, the first working day of the year",
    },
    {
      when: "2026-06-15T10:00:00+09:00",
      expected: { open: false, reason: { kind: "local" } },
      why: "a local closed day from the office's configuration",
    },
  ])("$why → $expected.open", ({ when, expected }) => {
    expect(issueWindow(at(when), kumamoto)).toEqual(expected);
  });

  it("12/28 and 1/3 bound the year-end closure", () => {
    expect(closedReason("2026-12-28", 1, kumamoto)).toBeNull();
    expect(closedReason("2027-01-03", 0, kumamoto)).toEqual({ kind: "year-end" });
  });

  it("an office that opens on holidays and at year-end issues on those days", () => {
    const open: OfficeHours = { ...kumamoto, observeNationalHolidays: false, observeYearEnd: false };
    expect(closedReason("2026-05-05", 2, open)).toBeNull();
    expect(closedReason("2026-12-30", 3, open)).toBeNull();
  });

  it("formats minutes of the day as a clock time", () => {
    expect(formatMinute(510)).toBe("08:30");
    expect(formatMinute(1035)).toBe("17:15");
  });
});
