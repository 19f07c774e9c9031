import { describe, expect, it } from "vitest";
import {
  parseQueueSettings,
  type QueueSettingsForm,
  type SettingsParseOptions,
} from "./queue-settings.schema";

const form = (en: string): QueueSettingsForm => ({
  opensAt: "08:30",
  closesAt: "17:15",
  openWeekdays: ["1", "2", "3", "4", "5"],
  observeNationalHolidays: true,
  observeYearEnd: true,
  closedDates: "",
  nearlyCalledAhead: "3",
  displayCaptions: ["en"],
  purposes: [
    {
      id: "a",
      labels: { ja: "証明書", en },
      bandStart: "100",
      bandEnd: "199",
      defaultServiceMinutes: "5",
      counterIds: ["c1"],
    },
  ],
});
const options: SettingsParseOptions = {
  labelLocales: ["ja", "en"],
  captionLocales: ["en"],
  fieldLabel: (field) => ({ ja: field, en: field }),
};

describe("a purpose's label on the queue settings", () => {
  it("refuses a 個人番号, saying why, and keeps other numbers", () => {
    const refused = parseQueueSettings(form("Certificates 1234 5678 9018"), options);
    expect(refused).toMatchObject({ ok: false, problems: [{ code: "common.myNumberRefused" }] });
    expect(parseQueueSettings(form("Certificates 1234 5678 9017"), options)).toMatchObject({
      ok: true,
    });
  });
});
