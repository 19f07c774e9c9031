import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "../../i18n/catalogues";
import { formatDeadline } from "../../shared/dates";
import { translator } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import { kpiIds } from "../kpi";
import { kpiMessageCodes, surveyMessageCodes } from "../kpi.errors";
import { groupLabel, kpiLabel, type Names, type TargetView } from "../kpi.presenters";
import { formatDate, formatPercentile, formatValue, labelText, TargetCell } from "./components";

const ja = translator("ja");
const en = translator("en");
const names: Names = {
  offices: [{ id: "o1", code: "chuo", name: { ja: "中央区役所", en: "Chuo Ward Office" } }],
  purposes: [],
};

describe("values as shown", () => {
  it("mark a bucketed percentile with ≈ and leave an exact one (or none) plain", () => {
    expect(formatPercentile("duration", 754, true, ja)).toBe("≈12.6分");
    expect(formatPercentile("duration", 754, false, en)).toBe("12.6 min");
    expect(formatPercentile("duration", null, true, ja)).toBe("—");
  });
  it("write shares as percentages and counts as whole numbers in every language", () => {
    expect(formatValue("share", 1 / 3, ja)).toBe("33.3%");
    expect(formatValue("share", 1 / 3, en)).toBe("33.3%");
    expect(formatValue("count", 2.4, en)).toBe("2");
    expect(formatValue("number", 2.456, ja)).toBe("2.46");
  });
  it("write the period's dates as before: 西暦 with the weekday and the 和暦", () => {
    for (const iso of ["2026-04-20", "2027-03-31", "2019-05-01"]) {
      expect(formatDate(iso, ja)).toBe(formatDeadline(iso, "ja"));
      expect(formatDate(iso, en)).toBe(formatDeadline(iso, "en"));
    }
  });
});

describe("labels", () => {
  it("name KPIs and groups from the catalogue and from data, in the reader's language", () => {
    expect(labelText(kpiLabel("stay"), ja)).toBe("滞在時間");
    expect(labelText(kpiLabel("stay"), en)).toBe("Time in the building");
    expect(labelText(groupLabel("office", "o1", names), en)).toBe("Chuo Ward Office");
    expect(labelText(groupLabel("office", "gone", names), en)).toBe("An office no longer listed");
    expect(labelText(groupLabel("event", "unheard-of", names), ja)).toBe("その他の出来事");
    expect(labelText(groupLabel("purpose", "none", names), ja)).toBe("用件なし");
    expect(labelText(groupLabel("fy", "2026", names), ja)).toBe("2026年度");
    expect(labelText(groupLabel("fy", "2026", names), en)).toBe("FY2026");
    expect(labelText(groupLabel("week", "2026-06-01", names), en)).toBe("week of 2026-06-01");
    expect(labelText(groupLabel("none", "all", names), ja)).toBe("全体");
    expect(labelText(groupLabel("event", "", names), en)).toBe("No visit recorded");
    expect(labelText(groupLabel("event", "move-in", names), ja)).toBe("転入");
    expect(labelText(groupLabel("event", "toString", names), ja)).toBe("その他の出来事");
    expect(labelText(groupLabel("day", "2026-06-01", names), ja)).toBe("2026-06-01");
  });
  it("have text for every KPI in Japanese and English", () => {
    for (const id of kpiIds)
      for (const lang of ["ja", "en"]) {
        expect(OWN_CATALOGUES[lang]?.[`kpi.metric.${id}`], `${lang} kpi.metric.${id}`).toBeTruthy();
        expect(OWN_CATALOGUES[lang]?.[`kpi.metricDefinition.${id}`]).toBeTruthy();
      }
  });
});

describe("messages", () => {
  it("give every refusal and problem text in Japanese and English", () => {
    for (const code of kpiMessageCodes)
      for (const lang of ["ja", "en"]) expect(OWN_CATALOGUES[lang]?.[code], `${lang} ${code}`).toBeTruthy();
  });
  it("give every word of the resident's survey in all six languages", () => {
    const surveyKeys = Object.keys(OWN_CATALOGUES.ja ?? {}).filter((k) => k.startsWith("kpi.survey"));
    expect(surveyKeys.length).toBeGreaterThan(15);
    expect(surveyKeys).toEqual(expect.arrayContaining([...surveyMessageCodes]));
    for (const lang of ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"])
      for (const key of surveyKeys) expect(OWN_CATALOGUES[lang]?.[key], `${lang} ${key}`).toBeTruthy();
  });
});

describe("a target's scope", () => {
  const target = (scope: TargetView["scope"]): TargetView => ({
    kpi: "stay",
    fiscalYear: "2026",
    goal: "30",
    unit: "minutes",
    direction: "atMost",
    proRated: null,
    scope,
    actual: "25.0",
    met: true,
  });
  const ctx = (lang: string): PageContext => ({
    lang,
    t: translator(lang),
    path: "/kpi",
    session: undefined,
    csrfToken: "",
    warningMinutes: 5,
  });

  it("names the office and the event instead of their codes", () => {
    const scope: TargetView["scope"] = [
      { name: names.offices[0]?.name ?? { ja: "" } },
      groupLabel("event", "move-in", names),
    ];
    const ja = String(TargetCell({ ctx: ctx("ja"), targets: [target(scope)] }));
    expect(ja).toContain("（中央区役所・転入）");
    expect(ja).not.toMatch(/chuo|move-in/);
    const en = String(TargetCell({ ctx: ctx("en"), targets: [target(scope)] }));
    expect(en).toContain("(Chuo Ward Office, ");
    expect(en).not.toMatch(/chuo|move-in/);
  });
});
