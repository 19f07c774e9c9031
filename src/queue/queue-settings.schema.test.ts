import { describe, expect, it } from "vitest";
import {
  isRealIsoDate,
  normalizeJapaneseLabel,
  parseQueueSettings,
  type QueueSettingsForm,
  readSettingsForm,
} from "./queue-settings.schema";

const purpose = (over: Partial<QueueSettingsForm["purposes"][number]> = {}) => ({
  id: "a",
  labelJa: "証明書",
  labelEasy: "しょうめいしょ",
  labelEn: "Certificates",
  bandStart: "100",
  bandEnd: "199",
  defaultServiceMinutes: "5",
  counterIds: ["c1"],
  ...over,
});

const form = (over: Partial<QueueSettingsForm> = {}): QueueSettingsForm => ({
  opensAt: "08:30",
  closesAt: "17:15",
  openWeekdays: ["1", "2", "3", "4", "5"],
  observeNationalHolidays: true,
  observeYearEnd: true,
  closedDates: "",
  nearlyCalledAhead: "3",
  purposes: [purpose()],
  ...over,
});

const paths = (f: QueueSettingsForm) => {
  const r = parseQueueSettings(f);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe("parseQueueSettings", () => {
  it("reads a valid form: times in minutes, weekdays as numbers, dates sorted", () => {
    const r = parseQueueSettings(form({ closedDates: "2026-05-07\r\n\r\n２０２６-０１-０５\n" }));
    expect(r).toMatchObject({
      ok: true,
      settings: {
        opensAtMinute: 510,
        closesAtMinute: 1035,
        openWeekdays: [1, 2, 3, 4, 5],
        closedDates: ["2026-01-05", "2026-05-07"],
        purposes: [{ id: "a", row: 0, bandStart: 100, bandEnd: 199, counterIds: ["c1"] }],
      },
    });
  });

  it.each<[string, Partial<QueueSettingsForm>, string[]]>([
    ["closing before opening", { opensAt: "17:00", closesAt: "08:30" }, ["closesAt"]],
    ["closing equal to opening", { closesAt: "08:30" }, ["closesAt"]],
    ["a time that is not one", { opensAt: "25:00" }, ["opensAt"]],
    ["no open weekday", { openWeekdays: [] }, ["openWeekdays"]],
    ["an impossible date", { closedDates: "2026-02-29" }, ["closedDates"]],
    ["a date twice", { closedDates: "2026-05-07\n2026-05-07" }, ["closedDates"]],
    ["a threshold out of range", { nearlyCalledAhead: "51" }, ["nearlyCalledAhead"]],
    [
      "overlapping bands",
      { purposes: [purpose(), purpose({ id: "b", bandStart: "150", bandEnd: "300" })] },
      ["p1-bandStart"],
    ],
    ["a band upside down", { purposes: [purpose({ bandStart: "300" })] }, ["p0-bandStart"]],
    ["a band past 9999", { purposes: [purpose({ bandEnd: "10000" })] }, ["p0-bandEnd"]],
    ["a purpose without a counter", { purposes: [purpose({ counterIds: [] })] }, ["p0-counters"]],
    ["an empty label", { purposes: [purpose({ labelEn: "  " })] }, ["p0-labelEn"]],
  ])("refuses %s", (_, over, expected) => {
    expect(paths(form(over))).toEqual(expected);
  });

  it("names the purpose in each of its problems", () => {
    const r = parseQueueSettings(form({ purposes: [purpose(), purpose({ id: "b", counterIds: [] })] }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.ja)).toEqual([
        "用件 2: 番号帯が「証明書」の番号帯と重なっています。重ならない範囲にしてください。",
        "用件 2: 呼び出す窓口を1つ以上選んでください。",
      ]);
  });
});

describe("readSettingsForm", () => {
  it("drops the empty row for a new purpose and reads repeated checkboxes", () => {
    const f = readSettingsForm({
      purposeRows: "2",
      openWeekdays: ["1", "2"],
      "p0-id": "a",
      "p0-labelJa": "証明書",
      "p0-counters": "c1",
      "p1-id": "",
      "p1-labelJa": " ",
    });
    expect(f.openWeekdays).toEqual(["1", "2"]);
    expect(f.purposes).toHaveLength(1);
    expect(f.purposes[0]?.counterIds).toEqual(["c1"]);
  });
});

describe("labels and dates", () => {
  it("folds half-width kana and full-width letters but keeps Japanese punctuation", () => {
    expect(normalizeJapaneseLabel("ﾜﾝｽﾄｯﾌﾟ（引越し）ＡＢ１")).toBe("ワンストップ（引越し）AB1");
  });

  it.each([
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["2026-5-7", false],
  ])("%s is a real date: %s", (text, real) => {
    expect(isRealIsoDate(text)).toBe(real);
  });
});
