import type { Problem } from "../../shared/errors";
import { DEFAULT_LOCALE, type Locale, type LocaleMap } from "../../shared/locale";
import { LANGUAGES, type MessageKey, STAFF_LOCALES, type Translate, translator } from "../../web/i18n";
import { formatMinute } from "../calendar";
import type { CounterInfo, Purpose, QueueOffice } from "../queue.repository";
import {
  purposeRowOf,
  type QueueSettingsForm,
  type SettingsField,
  type SettingsParseOptions,
} from "../queue-settings.schema";
import type { QueueSettingsView } from "./queue-settings.page";

/** The label of a purpose's name field per language; a language without its own reads "名称（<its name>）". */
const nameFieldKey: Record<Locale, MessageKey> = {
  ja: "queue.settingsLabelJa",
  "ja-x-easy": "queue.settingsLabelEasy",
  en: "queue.settingsLabelEn",
  "zh-Hans": "queue.settingsLabelZhHans",
  ko: "queue.settingsLabelKo",
  vi: "queue.settingsLabelVi",
};

export function nameFieldLabel(locale: Locale, t: Translate): string {
  const key = nameFieldKey[locale];
  if (key) return t(key);
  return t("queue.settingsLabelIn", { language: LANGUAGES.find((l) => l.code === locale)?.name ?? locale });
}

const fieldKey: Record<Exclude<SettingsField, `label-${string}`>, MessageKey> = {
  opensAt: "queue.settingsOpensAt",
  closesAt: "queue.settingsClosesAt",
  nearlyCalledAhead: "queue.settingsNearly",
  bandStart: "queue.settingsBandStart",
  bandEnd: "queue.settingsBandEnd",
  defaultServiceMinutes: "queue.settingsServiceMinutes",
};

/** A field's label in every staff language, for the problems that name it. */
function fieldLabel(field: SettingsField): LocaleMap {
  const text = (t: Translate) =>
    field.startsWith("label-")
      ? nameFieldLabel(field.slice("label-".length), t)
      : t(fieldKey[field as keyof typeof fieldKey]);
  const map: LocaleMap = { ja: text(translator(DEFAULT_LOCALE)) };
  for (const locale of STAFF_LOCALES) map[locale] = text(translator(locale));
  return map;
}

/** The languages of the settings form: names in each offered language (Japanese first), captions. */
export function settingsParseOptions(offered: readonly Locale[]): SettingsParseOptions {
  const labelLocales = [DEFAULT_LOCALE, ...offered.filter((l) => l !== DEFAULT_LOCALE)];
  return { labelLocales, captionLocales: labelLocales.filter((l) => l !== DEFAULT_LOCALE), fieldLabel };
}

/** The form's values as the office has them now. */
export function settingsFormOf(
  office: QueueOffice,
  purposes: Purpose[],
  labelLocales: readonly Locale[],
): QueueSettingsForm {
  return {
    opensAt: formatMinute(office.opensAtMinute),
    closesAt: formatMinute(Math.min(office.closesAtMinute, 24 * 60 - 1)),
    openWeekdays: office.openWeekdays.map(String),
    observeNationalHolidays: office.observeNationalHolidays,
    observeYearEnd: office.observeYearEnd,
    closedDates: office.closedDates.join("\n"),
    nearlyCalledAhead: String(office.nearlyCalledAhead),
    displayCaptions: office.displayCaptions,
    purposes: purposes.map((p) => ({
      id: p.id,
      labels: Object.fromEntries(labelLocales.map((l) => [l, p.labels[l] ?? ""])),
      bandStart: String(p.bandStart),
      bandEnd: String(p.bandEnd),
      defaultServiceMinutes: String(p.defaultServiceMinutes),
      counterIds: p.counterIds,
    })),
  };
}

/** A purpose's problem reads with the purpose's number first ("用件 2: …"), on the field and in the summary. */
export function withPurposeNumbers(problems: readonly Problem[], t: Translate): Problem[] {
  return problems.map((p) => {
    const row = purposeRowOf(p.path);
    if (row === undefined) return p;
    return {
      path: p.path,
      code: "queue.settingsInPurpose",
      params: { n: String(row + 1), problem: t.message(p) },
    };
  });
}

export function settingsView(p: {
  t: Translate;
  office: QueueOffice;
  offices: QueueOffice[];
  counters: CounterInfo[];
  offered: readonly Locale[];
  form: QueueSettingsForm;
  lockedPurposeIds: string[];
  problems: readonly Problem[];
  saved: boolean;
}): QueueSettingsView {
  const { labelLocales, captionLocales } = settingsParseOptions(p.offered);
  return {
    officeId: p.office.officeId,
    officeName: p.office.name,
    form: p.form,
    nameFields: labelLocales.map((code) => ({ code, label: nameFieldLabel(code, p.t) })),
    captionLanguages: LANGUAGES.filter((l) => captionLocales.includes(l.code)).map((l) => ({
      code: l.code,
      name: l.name,
    })),
    counters: p.counters.map((c) => ({ id: c.id, labels: c.labels })),
    lockedPurposeIds: p.lockedPurposeIds,
    otherOffices: p.offices
      .filter((o) => o.officeId !== p.office.officeId)
      .map((o) => ({ id: o.officeId, name: o.name })),
    problems: withPurposeNumbers(p.problems, p.t),
    saved: p.saved,
  };
}
