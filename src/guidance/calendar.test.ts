import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  endOfYearsPeriod,
  formatIsoDate,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
} from "./calendar";

const date = (text: string) => {
  const parsed = parseIsoDate(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed;
};

describe("ISO dates", () => {
  it.each([
    ["2026-04-01", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2026-02-29", false],
    ["1900-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-4-1", false],
    ["２０２６-04-01", false],
    ["2026-04-01T00:00:00", false],
    ["", false],
  ])("treat %s as a real calendar date: %s", (text, real) => {
    expect(parseIsoDate(text) !== null).toBe(real);
  });

  it("format back to the same text they were read from", () => {
    expect(formatIsoDate(date("0999-01-09"))).toBe("0999-01-09");
    expect(formatIsoDate(date("2026-11-30"))).toBe("2026-11-30");
  });

  it("count days without a time zone, across months, years and leap days", () => {
    expect(formatIsoDate(addDays(date("2026-04-06"), 14))).toBe("2026-04-20");
    expect(formatIsoDate(addDays(date("2026-12-25"), 14))).toBe("2027-01-08");
    expect(formatIsoDate(addDays(date("2028-02-20"), 14))).toBe("2028-03-05");
    expect(formatIsoDate(addDays(date("2027-02-20"), 14))).toBe("2027-03-06");
    expect(formatIsoDate(addDays(date("2026-03-01"), -1))).toBe("2026-02-28");
  });

  it("convert every day to a day number and back unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber(1800, 1, 1), max: toDayNumber(2200, 12, 31) }), (n) => {
        const d = fromDayNumber(n);
        expect(toDayNumber(d.year, d.month, d.day)).toBe(n);
        expect(parseIsoDate(formatIsoDate(d))).toEqual(d);
      }),
    );
  });
});

describe("a period of years under 民法 §143", () => {
  it.each([
    ["2026-02-03", 2, "2028-02-03"],
    ["2024-02-29", 2, "2026-02-28"],
    ["2024-02-28", 2, "2026-02-28"],
    ["2023-02-28", 1, "2024-02-29"],
    ["2027-02-28", 1, "2028-02-29"],
    ["2025-12-31", 2, "2027-12-31"],
    ["2026-01-31", 2, "2028-01-31"],
  ])("starting the day after %s, lasting %i years, ends on %s", (from, years, end) => {
    expect(formatIsoDate(endOfYearsPeriod(date(from), years))).toBe(end);
  });
});
