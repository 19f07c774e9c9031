import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";
import { figuresOf, fiscalYearOf, fiscalYearRange } from "./kpi";
import { parseKpiQuery } from "./kpi.schema";
import { goalToDate, inTargetUnit, kpiTargets, meetsTarget, targetsOf } from "./targets";

describe("fiscal years (April–March)", () => {
  it.each([
    ["2026-03-31", 2025],
    ["2026-04-01", 2026],
    ["2026-12-31", 2026],
    ["2027-01-01", 2026],
    ["2027-03-31", 2026],
  ])("puts %s in fiscal year %i", (date, year) => {
    expect(fiscalYearOf(date)).toBe(year);
  });
  it("spans 1 April to 31 March", () => {
    expect(fiscalYearRange(2026)).toEqual({ from: "2026-04-01", to: "2027-03-31" });
  });
});

describe("figures", () => {
  it("interpolates the median and p90 between ranks as percentile_cont does", () => {
    expect(figuresOf("k", [10, 20, 30, 40])).toEqual({
      key: "k",
      count: 4,
      sum: 100,
      mean: 25,
      median: 25,
      p90: 37,
    });
    expect(figuresOf("k", [7])).toMatchObject({ median: 7, p90: 7 });
    expect(figuresOf("k", [])).toEqual({ key: "k", count: 0, sum: 0, mean: null, median: null, p90: null });
  });
});

describe("filters", () => {
  const offices = ["chuo", "higashi"];
  it("defaults to the current fiscal year to date", () => {
    const parsed = parseKpiQuery({}, "2026-11-22", offices);
    expect(parsed).toMatchObject({
      ok: true,
      query: { from: "2026-04-01", to: "2026-11-22", kpi: "stay", bom: true },
    });
  });
  it("refuses an end before the start, an unknown office, a date that does not exist and an unknown KPI", () => {
    const parsed = parseKpiQuery(
      { from: "2026-06-30", to: "2026-06-01", office: "atlantis", kpi: "happiness" },
      "2026-11-22",
      offices,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.path)).toEqual(["to", "office", "kpi"]);
    const bad = parseKpiQuery({ from: "2026-02-30" }, "2026-11-22", offices);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(["from"]);
    const long = parseKpiQuery({ from: "2010-04-01", to: "2026-03-31" }, "2026-11-22", offices);
    expect(long.ok ? "" : long.problems[0]?.code).toBe("kpi.periodTooLong");
  });
  it("reads the period in 和暦 or with full-width digits, and keeps what was typed for the form", () => {
    const parsed = parseKpiQuery({ from: "R8.4.1", to: "令和８年６月３０日" }, "2026-11-22", offices);
    expect(parsed).toMatchObject({
      ok: true,
      query: { from: "2026-04-01", to: "2026-06-30", typed: { from: "R8.4.1", to: "令和８年６月３０日" } },
    });
    const outside = parseKpiQuery({ from: "H32.4.1" }, "2026-11-22", offices);
    expect(outside.ok ? [] : outside.problems).toEqual([
      { path: "from", code: "common.dateOutsideEra", params: { field: "from" } },
    ]);
  });
});

describe("CSV", () => {
  it("quotes separators and keeps a spreadsheet from running a formula", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(1.23456)).toBe("1.235");
    expect(csvField(null)).toBe("");
  });
  it("starts with a byte-order mark only when asked, and ends lines with CRLF", () => {
    expect(toCsv(["a"], [[1]], { bom: true })).toBe("\uFEFFa\r\n1\r\n");
    expect(toCsv(["a"], [[1]], { bom: false })).toBe("a\r\n1\r\n");
  });
});

describe("targets", () => {
  it("an annual count target is judged against the part of the fiscal year elapsed, not the whole", () => {
    const [oneStop] = targetsOf("kumamoto", "oneStop");
    if (!oneStop) throw new Error("Kumamoto has a one-stop target");
    // 7 December 2026: day 251 of the 365 days of FY2026.
    const december = goalToDate(oneStop, 62_600, "2026-12-07", 2026);
    expect(december).toEqual({ goal: Math.round((62_600 * 251) / 365), share: 251 / 365 });
    // 45,000 visits by 7 December is on course (a whole-year comparison would say "not met").
    expect(meetsTarget(oneStop, 45_000, december.goal)).toBe(true);
    expect(meetsTarget(oneStop, 45_000, 62_600)).toBe(false);
    // The first day counts one day; the last day, the whole target.
    expect(goalToDate(oneStop, 62_600, "2026-04-01", 2026).goal).toBe(Math.round(62_600 / 365));
    expect(goalToDate(oneStop, 62_600, "2027-03-31", 2026)).toEqual({ goal: 62_600, share: 1 });
    // A mean or a share is not pro-rated: 99 minutes stays 99 minutes all year.
    const [stay] = targetsOf("kumamoto", "stay");
    if (!stay) throw new Error("Kumamoto has a stay target");
    expect(goalToDate(stay, 99, "2026-12-07", 2026)).toEqual({ goal: 99, share: 1 });
  });

  it("preloads Kumamoto's plan and judges each figure in the target's unit", () => {
    expect(kpiTargets.kumamoto?.length).toBe(4);
    const [stay] = targetsOf("kumamoto", "stay");
    expect(stay?.byYear["2027"]).toBe(79);
    expect(stay && meetsTarget(stay, inTargetUnit(stay, 99 * 60), 99)).toBe(true);
    expect(stay && meetsTarget(stay, inTargetUnit(stay, 100 * 60), 99)).toBe(false);
    const [satisfied] = targetsOf("kumamoto", "satisfied");
    expect(satisfied && inTargetUnit(satisfied, 0.85)).toBeCloseTo(85);
    expect(targetsOf("yatsushiro", "stay")).toEqual([]);
  });
});
