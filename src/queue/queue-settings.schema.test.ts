import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import {
  isRealIsoDate,
  normalizeJapaneseLabel,
  parseQueueSettings as parse,
  type QueueSettingsForm,
  readSettingsForm,
  type SettingsParseOptions,
} from "./queue-settings.schema";

const options: SettingsParseOptions = {
  labelLocales: ["ja", "ja-x-easy", "en", "vi"],
  captionLocales: ["ja-x-easy", "en", "vi"],
  fieldLabel: (field) => ({ ja: `【${field}】`, en: `[${field}]` }),
};
const parseQueueSettings = (form: QueueSettingsForm) => parse(form, options);

const purpose = (over: Partial<QueueSettingsForm["purposes"][number]> = {}) => ({
  id: "a",
  labels: { ja: "証明書", "ja-x-easy": "しょうめいしょ", en: "Certificates", vi: "" },
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
  displayCaptions: ["en"],
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
    [
      "an empty Japanese name",
      { purposes: [purpose({ labels: { ja: "  ", en: "Certificates" } })] },
      ["p0-label-ja"],
    ],
    [
      "a name too long",
      { purposes: [purpose({ labels: { ja: "証明書", vi: "x".repeat(61) } })] },
      ["p0-label-vi"],
    ],
  ])("refuses %s", (_, over, expected) => {
    expect(paths(form(over))).toEqual(expected);
  });

  it("keeps the names that were filled in, Japanese first, and the captions among those offered", () => {
    const r = parseQueueSettings(form({ displayCaptions: ["vi", "xx", "ja", "en"] }));
    expect(r).toMatchObject({
      ok: true,
      settings: {
        displayCaptions: ["en", "vi"],
        purposes: [{ labels: { ja: "証明書", "ja-x-easy": "しょうめいしょ", en: "Certificates" } }],
      },
    });
    if (r.ok) expect(Object.keys(r.settings.purposes[0]?.labels ?? {})).not.toContain("vi");
  });

  it("gives each problem as a code with parameters: the other purpose by its names, a field by its label", () => {
    const r = parseQueueSettings(
      form({
        opensAt: "25:00",
        purposes: [purpose(), purpose({ id: "b", bandStart: "150", counterIds: [] })],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      {
        path: "opensAt",
        code: "queue.settingsTimeInvalid",
        params: { field: { ja: "【opensAt】", en: "[opensAt]" } },
      },
      {
        path: "p1-bandStart",
        code: "queue.settingsBandOverlap",
        params: { other: { ja: "証明書", "ja-x-easy": "しょうめいしょ", en: "Certificates" } },
      },
      { path: "p1-counters", code: "queue.settingsCounterRequired" },
    ]);
    const ja = translator("ja");
    const en = translator("en");
    expect(ja.message(r.problems[1] ?? { code: "" })).toBe(
      "番号帯が「証明書」の番号帯と重なっています。重ならない範囲にしてください。",
    );
    expect(en.message(r.problems[1] ?? { code: "" })).toBe(
      "The band overlaps the band of “Certificates”. Choose numbers that do not overlap.",
    );
    expect(en.message(r.problems[0] ?? { code: "" })).toBe(
      "Enter [opensAt] as a time from 00:00 to 23:59, such as 08:30.",
    );
  });
});

describe("readSettingsForm", () => {
  it("drops the empty row for a new purpose and reads repeated checkboxes", () => {
    const f = readSettingsForm(
      {
        purposeRows: "2",
        openWeekdays: ["1", "2"],
        displayCaptions: ["en", "vi"],
        "p0-id": "a",
        "p0-label-ja": "証明書",
        "p0-label-vi": "Giấy chứng nhận",
        "p0-counters": "c1",
        "p1-id": "",
        "p1-label-ja": " ",
      },
      options.labelLocales,
    );
    expect(f.openWeekdays).toEqual(["1", "2"]);
    expect(f.displayCaptions).toEqual(["en", "vi"]);
    expect(f.purposes).toHaveLength(1);
    expect(f.purposes[0]?.counterIds).toEqual(["c1"]);
    expect(f.purposes[0]?.labels).toEqual({ ja: "証明書", "ja-x-easy": "", en: "", vi: "Giấy chứng nhận" });
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
