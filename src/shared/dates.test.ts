import { describe, expect, it, vi } from "vitest";
import {
  dateProblem,
  formatDeadline,
  formatWareki,
  formatWesternWithWeekday,
  parseDateInput,
  todayInJapan,
} from "./dates";

describe("a deadline as the counter shows it", () => {
  it.each([
    ["2026-04-20", "2026年4月20日（月）／令和8年4月20日"],
    ["2026-04-21", "2026年4月21日（火）／令和8年4月21日"],
    ["2026-02-17", "2026年2月17日（火）／令和8年2月17日"],
    ["2028-02-03", "2028年2月3日（木）／令和10年2月3日"],
    ["2028-02-29", "2028年2月29日（火）／令和10年2月29日"],
    ["2026-01-01", "2026年1月1日（木）／令和8年1月1日"],
    ["2026-12-31", "2026年12月31日（木）／令和8年12月31日"],
  ])("%s reads %s in Japanese", (iso, shown) => {
    expect(formatDeadline(iso, "ja")).toBe(shown);
  });

  it.each([
    ["2026-04-20", "Mon, 20 April 2026 (令和8年4月20日)"],
    ["2026-04-26", "Sun, 26 April 2026 (令和8年4月26日)"],
    ["2019-05-01", "Wed, 1 May 2019 (令和元年5月1日)"],
  ])("%s reads %s in English, with the 和暦 beside it", (iso, shown) => {
    expect(formatDeadline(iso, "en")).toBe(shown);
  });

  it("gives every weekday of one week in order", () => {
    const week = [
      "2026-04-19",
      "2026-04-20",
      "2026-04-21",
      "2026-04-22",
      "2026-04-23",
      "2026-04-24",
      "2026-04-25",
    ];
    expect(week.map((d) => formatWesternWithWeekday(d).slice(-3))).toEqual([
      "（日）",
      "（月）",
      "（火）",
      "（水）",
      "（木）",
      "（金）",
      "（土）",
    ]);
  });
});

describe("the 和暦", () => {
  it.each([
    ["2019-04-30", "平成31年4月30日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2020-01-01", "令和2年1月1日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1989-01-08", "平成元年1月8日"],
    ["1944-09-09", "昭和19年9月9日"],
  ])("%s is %s", (iso, wareki) => {
    expect(formatWareki(iso)).toBe(wareki);
  });

  it.each(["America/Los_Angeles", "UTC", "Pacific/Kiritimati"])(
    "and the weekday do not depend on the server's time zone (%s)",
    (zone) => {
      const saved = process.env.TZ;
      process.env.TZ = zone;
      try {
        expect(formatWareki("2019-05-01")).toBe("令和元年5月1日");
        expect(formatDeadline("2019-04-30", "ja")).toBe("2019年4月30日（火）／平成31年4月30日");
        expect(todayInJapan(new Date("2026-03-31T15:30:00Z"))).toBe("2026-04-01");
      } finally {
        process.env.TZ = saved;
      }
    },
  );
});

describe("today in Japan", () => {
  it.each([
    ["2026-03-31T14:59:59Z", "2026-03-31"],
    ["2026-03-31T15:00:00Z", "2026-04-01"],
    ["2026-03-31T15:30:00Z", "2026-04-01"],
    ["2026-04-01T14:59:59.999Z", "2026-04-01"],
    ["2025-12-31T15:00:00Z", "2026-01-01"],
    ["2028-02-28T15:00:00Z", "2028-02-29"],
  ])("at %s is %s", (instant, today) => {
    expect(todayInJapan(new Date(instant))).toBe(today);
  });

  it("is read from the clock when no time is given", () => {
    vi.useFakeTimers({ now: new Date("2026-03-31T15:30:00Z") });
    try {
      expect(todayInJapan()).toBe("2026-04-01");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a date as people type it", () => {
  it.each([
    ["2026-04-01", "2026-04-01"],
    ["2026/4/1", "2026-04-01"],
    ["2026.4.1", "2026-04-01"],
    ["2026年4月1日", "2026-04-01"],
    ["20260401", "2026-04-01"],
    ["R8.4.1", "2026-04-01"],
    ["r8.4.1", "2026-04-01"],
    ["令和8年4月1日", "2026-04-01"],
    ["令和元年5月1日", "2019-05-01"],
    ["S55.4.2", "1980-04-02"],
    ["S55-04-02", "1980-04-02"],
    ["昭和55年4月2日", "1980-04-02"],
    ["１９８０－０４－０２", "1980-04-02"],
    ["Ｓ５５．４．２", "1980-04-02"],
    ["昭和 55年 4月 2日", "1980-04-02"],
    ["H1.1.8", "1989-01-08"],
    ["S64.1.7", "1989-01-07"],
    ["平成31年4月30日", "2019-04-30"],
    ["2026年4月20日（月）", "2026-04-20"],
    ["R8.4.20(月曜日)", "2026-04-20"],
  ])("%s reads as %s", (typed, iso) => {
    expect(parseDateInput(typed)).toEqual({ ok: true, iso });
  });

  it.each([
    ["2026-02-30", "date.notExist"],
    ["2025-02-29", "date.notExist"],
    ["R8.13.1", "date.notExist"],
    ["H32.1.1", "date.outsideEra"],
    ["S64.1.8", "date.outsideEra"],
    ["R1.4.30", "date.outsideEra"],
    ["R0.5.1", "date.outsideEra"],
    ["", "date.invalid"],
    ["yesterday", "date.invalid"],
    ["X8.4.1", "date.invalid"],
    ["2026-04-01'; drop table", "date.invalid"],
  ])("%s is refused as %s", (typed, code) => {
    expect(parseDateInput(typed)).toEqual({ ok: false, code });
  });
});

describe("a typed date that was refused", () => {
  it("is the problem of its field, with the message that names the field", () => {
    expect(dateProblem("m0-birthDate", "date.notExist", "birthDate")).toEqual({
      path: "m0-birthDate",
      code: "common.dateNotExist",
      params: { field: "birthDate" },
    });
    expect(dateProblem("from", "date.invalid").code).toBe("common.dateInvalid");
    expect(dateProblem("to", "date.outsideEra", "to").code).toBe("common.dateOutsideEra");
  });
});
