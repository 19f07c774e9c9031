import { z } from "zod";
import type { Problem } from "../shared/errors";
import { DEFAULT_LOCALE, type Locale, type LocaleMap, type MessageParams } from "../shared/locale";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import { checkBands } from "./numbering";

/**
 * The queue settings form of one office, read at the edge: text NFKC-normalised (full-width digits
 * and colons become ASCII), each field checked, then the rules across fields (closing after opening,
 * an open weekday, real and unique closed dates, bands that hold and do not overlap, a counter per
 * purpose). Every refusal is a problem `{ path, code, params }` whose path is the field's id on the
 * form and whose code is a message id in locales/<lang>/queue.json. A purpose's names are one input per
 * offered language, Japanese required.
 */

export interface PurposeSettings {
  /** Null for a purpose added on this form. */
  id: string | null;
  /** The purpose's row on the form (its field ids are `p<row>-…`). */
  row: number;
  /** Japanese and every other language that was filled in. */
  labels: LocaleMap;
  bandStart: number;
  bandEnd: number;
  defaultServiceMinutes: number;
  counterIds: string[];
}

export interface QueueSettings {
  opensAtMinute: number;
  closesAtMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  openWeekdays: number[];
  observeNationalHolidays: boolean;
  observeYearEnd: boolean;
  /** ISO dates, sorted. */
  closedDates: string[];
  nearlyCalledAhead: number;
  /** The languages the display board shows under its Japanese, in the order offered. */
  displayCaptions: Locale[];
  purposes: PurposeSettings[];
}

/** The form as typed (all text), for showing it again with its problems. */
export interface PurposeSettingsForm {
  id: string;
  /** Per locale, as typed ("" where empty). */
  labels: Record<Locale, string>;
  bandStart: string;
  bandEnd: string;
  defaultServiceMinutes: string;
  counterIds: string[];
}

export interface QueueSettingsForm {
  opensAt: string;
  closesAt: string;
  openWeekdays: string[];
  observeNationalHolidays: boolean;
  observeYearEnd: boolean;
  closedDates: string;
  nearlyCalledAhead: string;
  displayCaptions: string[];
  purposes: PurposeSettingsForm[];
}

export const LABEL_MAX = 60;
export const SERVICE_MINUTES_MAX = 480;
export const NEARLY_MAX = 50;
export const BAND_MAX = 9999;
export const CLOSED_DATES_MAX = 400;
const PURPOSES_MAX = 50;

/** The fields of a purpose that are one input each (the names are one input per language). */
export const purposeNumberFields = ["bandStart", "bandEnd", "defaultServiceMinutes"] as const;
export type PurposeField = `label-${Locale}` | (typeof purposeNumberFields)[number] | "counters";

/** A field whose label a problem names ({field} in the message); the web layer words it. */
export type SettingsField =
  | "opensAt"
  | "closesAt"
  | "nearlyCalledAhead"
  | (typeof purposeNumberFields)[number]
  | `label-${Locale}`;

/** What parsing needs to know of the page: its name languages, and the wording of field labels. */
export interface SettingsParseOptions {
  /** The languages a purpose is named in on the form, Japanese first. */
  labelLocales: readonly Locale[];
  /** The languages the display may show as captions (Japanese is always shown). */
  captionLocales: readonly Locale[];
  /** A field's label in each staff language, for the messages that name it. */
  fieldLabel: (field: SettingsField) => LocaleMap;
}

/** The field id of a purpose's field on the form. */
export const purposeFieldId = (row: number, field: PurposeField): string => `p${row}-${field}`;

type FormBody = Record<string, unknown>;

const one = (body: FormBody, name: string): string => {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
};
const many = (body: FormBody, name: string): string[] => {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === "string");
};

/**
 * The flat form body (`parseBody({ all: true })`) as the form's values. The rows are `p0`, `p1`, …
 * up to `purposeRows`; the last, empty row for a new purpose is dropped when nothing was typed in it.
 */
export function readSettingsForm(body: FormBody, labelLocales: readonly Locale[]): QueueSettingsForm {
  const rows = Math.min(Number.parseInt(one(body, "purposeRows"), 10) || 0, PURPOSES_MAX);
  const purposes: PurposeSettingsForm[] = [];
  for (let row = 0; row < rows; row++) {
    purposes.push({
      id: one(body, `p${row}-id`),
      labels: Object.fromEntries(labelLocales.map((l) => [l, one(body, purposeFieldId(row, `label-${l}`))])),
      bandStart: one(body, purposeFieldId(row, "bandStart")),
      bandEnd: one(body, purposeFieldId(row, "bandEnd")),
      defaultServiceMinutes: one(body, purposeFieldId(row, "defaultServiceMinutes")),
      counterIds: many(body, purposeFieldId(row, "counters")),
    });
  }
  const last = purposes.at(-1);
  const blank = (p: PurposeSettingsForm) =>
    Object.values(p.labels).every((v) => v.trim() === "") &&
    purposeNumberFields.every((f) => p[f].trim() === "");
  if (last && last.id === "" && blank(last)) purposes.pop();
  return {
    opensAt: one(body, "opensAt"),
    closesAt: one(body, "closesAt"),
    openWeekdays: many(body, "openWeekdays"),
    observeNationalHolidays: one(body, "observeNationalHolidays") === "on",
    observeYearEnd: one(body, "observeYearEnd") === "on",
    closedDates: one(body, "closedDates"),
    nearlyCalledAhead: one(body, "nearlyCalledAhead"),
    displayCaptions: many(body, "displayCaptions"),
    purposes,
  };
}

/** What a refusal says: a message code, the field it names, and other parameters. */
export interface Say {
  code: string;
  field?: SettingsField;
  params?: MessageParams;
}

const say = (ctx: z.RefinementCtx, s: Say, path: PropertyKey[] = []) =>
  ctx.addIssue({ code: "custom", message: s.code, params: s, path });

const nfkc = (s: string) => s.normalize("NFKC").trim();

const time = (field: SettingsField) =>
  z.string().transform((raw, ctx) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(nfkc(raw));
    const minute = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
      say(ctx, { code: "queue.settingsTimeInvalid", field });
      return z.NEVER;
    }
    return minute;
  });

const integer = (field: SettingsField, min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    const text = nfkc(raw);
    const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= min && n <= max)) {
      say(ctx, {
        code: "queue.settingsNumberInvalid",
        field,
        params: { min: String(min), max: String(max) },
      });
      return z.NEVER;
    }
    return n;
  });

/**
 * NFKC for a Japanese label, except the full-width ASCII punctuation that Japanese text is written
 * with (（）：！ and the like), which NFKC would turn into ASCII: "ワンストップ（引越し）" saved unchanged
 * stays as it is, while half-width katakana and full-width letters and digits are still folded.
 */
export const normalizeJapaneseLabel = (text: string): string =>
  text.replace(/[^\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF5E]+/gu, (run) => run.normalize("NFKC"));

/** Japanese and Chinese are written with full-width punctuation; other languages are folded whole. */
const normalizeLabel = (locale: Locale) =>
  /^(ja|zh)(-|$)/.test(locale) ? normalizeJapaneseLabel : (s: string) => s.normalize("NFKC");

const label = (locale: Locale, required: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const text = normalizeLabel(locale)(raw ?? "")
        .trim()
        .replace(/\s+/gu, " ");
      const field: SettingsField = `label-${locale}`;
      if (text === "" && required) say(ctx, { code: "queue.settingsRequired", field });
      else if (text.length > LABEL_MAX)
        say(ctx, { code: "queue.settingsTooLong", field, params: { max: String(LABEL_MAX) } });
      else if (containsMyNumber(text)) say(ctx, { code: myNumberRefused, field });
      return text;
    });

/** A real calendar date written YYYY-MM-DD. */
export function isRealIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

const closedDates = z.string().transform((raw, ctx) => {
  const lines = nfkc(raw)
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length > CLOSED_DATES_MAX) {
    say(ctx, { code: "queue.settingsTooManyDates", params: { max: String(CLOSED_DATES_MAX) } });
    return z.NEVER;
  }
  const seen = new Set<string>();
  for (const line of lines) {
    if (!isRealIsoDate(line)) say(ctx, { code: "queue.settingsDateInvalid", params: { value: line } });
    else if (seen.has(line)) say(ctx, { code: "queue.settingsDateDuplicate", params: { value: line } });
    seen.add(line);
  }
  return [...seen].filter(isRealIsoDate).sort();
});

/** The names that were filled in, Japanese first. */
const filled = (labels: Record<Locale, string>): LocaleMap => {
  const map: LocaleMap = { ja: labels[DEFAULT_LOCALE] ?? "" };
  for (const [locale, text] of Object.entries(labels)) if (text !== "") map[locale] = text;
  return map;
};

/** A purpose as a message names it: its labels, or its row number when it has no Japanese name yet. */
const purposeName = (p: { labels?: Record<Locale, string> } | undefined, row: number): LocaleMap => {
  const labels = p?.labels ? filled(p.labels) : { ja: "" };
  return labels.ja === "" ? { ja: String(row + 1) } : labels;
};

function settingsSchema(options: SettingsParseOptions) {
  const locales = [DEFAULT_LOCALE, ...options.labelLocales.filter((l) => l !== DEFAULT_LOCALE)];
  const purposeSchema = z.object({
    id: z.string().transform((id) => (id === "" ? null : id)),
    labels: z.object(Object.fromEntries(locales.map((l) => [l, label(l, l === DEFAULT_LOCALE)]))),
    bandStart: integer("bandStart", 1, BAND_MAX),
    bandEnd: integer("bandEnd", 1, BAND_MAX),
    defaultServiceMinutes: integer("defaultServiceMinutes", 1, SERVICE_MINUTES_MAX),
    counterIds: z.array(z.string().max(100)).transform((ids, ctx) => {
      if (ids.length === 0) say(ctx, { code: "queue.settingsCounterRequired" });
      return [...new Set(ids)];
    }),
  });
  return (
    z
      .object({
        opensAt: time("opensAt"),
        closesAt: time("closesAt"),
        openWeekdays: z.array(z.string()).transform((days, ctx) => {
          const list = [...new Set(days)].map(Number).filter((d) => Number.isInteger(d) && d >= 0 && d <= 6);
          if (list.length === 0) say(ctx, { code: "queue.settingsWeekdayRequired" });
          return list.sort((a, b) => a - b);
        }),
        observeNationalHolidays: z.boolean(),
        observeYearEnd: z.boolean(),
        closedDates,
        nearlyCalledAhead: integer("nearlyCalledAhead", 0, NEARLY_MAX),
        // Unknown codes are dropped (a language no longer offered), the rest kept in the offered order.
        displayCaptions: z
          .array(z.string())
          .transform((codes) =>
            options.captionLocales.filter((l) => l !== DEFAULT_LOCALE && codes.includes(l)),
          ),
        purposes: z.array(purposeSchema).max(PURPOSES_MAX),
      })
      // The rules across fields run even when some field is wrong (each on the fields it can read), so the
      // person sees every problem at once.
      .superRefine(
        (s, ctx) => {
          const isNumber = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
          if (isNumber(s.opensAt) && isNumber(s.closesAt) && s.closesAt <= s.opensAt)
            say(ctx, { code: "queue.settingsClosesBeforeOpens" }, ["closesAt"]);
          if (!Array.isArray(s.purposes)) return;
          const banded = s.purposes.flatMap((p, row) =>
            isNumber(p?.bandStart) && isNumber(p?.bandEnd)
              ? [{ code: String(row), bandStart: p.bandStart, bandEnd: p.bandEnd }]
              : [],
          );
          for (const problem of checkBands(banded)) {
            const row = Number(problem.code);
            if (!s.purposes[row]) continue;
            const path = ["purposes", row, "bandStart"];
            if (problem.kind === "invalid")
              say(ctx, { code: "queue.settingsBandInvalid", params: { max: String(BAND_MAX) } }, path);
            else {
              const other = Number(problem.other);
              const name = purposeName(s.purposes[other] as { labels?: Record<Locale, string> }, other);
              say(ctx, { code: "queue.settingsBandOverlap", params: { other: name } }, path);
            }
          }
        },
        { when: () => true },
      )
  );
}

/** The field id a schema path points at. */
export function fieldIdOf(path: readonly PropertyKey[]): string {
  if (path[0] === "purposes" && typeof path[1] === "number") {
    const row = path[1];
    if (path[2] === "labels") return purposeFieldId(row, `label-${String(path[3] ?? DEFAULT_LOCALE)}`);
    if (path[2] === "counterIds") return purposeFieldId(row, "counters");
    return purposeFieldId(row, (path[2] ?? `label-${DEFAULT_LOCALE}`) as PurposeField);
  }
  return typeof path[0] === "string" ? path[0] : "";
}

/** A refusal as a problem: the message code, its parameters, and the field's label where it names one. */
export function problemOf(
  s: Say,
  path: readonly PropertyKey[],
  fieldLabel?: SettingsParseOptions["fieldLabel"],
): Problem {
  const params: MessageParams = { ...s.params };
  if (s.field && fieldLabel) params.field = fieldLabel(s.field);
  return { path: fieldIdOf(path), code: s.code, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/** The purpose row a problem's field belongs to (its form row, from 0), if it is a purpose's. */
export function purposeRowOf(path: string): number | undefined {
  const m = /^p(\d+)-/.exec(path);
  return m ? Number(m[1]) : undefined;
}

export type SettingsParse = { ok: true; settings: QueueSettings } | { ok: false; problems: Problem[] };

/** Parses the form; the problems come in the order of the fields on the page. */
export function parseQueueSettings(form: QueueSettingsForm, options: SettingsParseOptions): SettingsParse {
  const parsed = settingsSchema(options).safeParse(form);
  if (parsed.success) {
    const d = parsed.data;
    return {
      ok: true,
      settings: {
        opensAtMinute: d.opensAt,
        closesAtMinute: d.closesAt,
        openWeekdays: d.openWeekdays,
        observeNationalHolidays: d.observeNationalHolidays,
        observeYearEnd: d.observeYearEnd,
        closedDates: d.closedDates,
        nearlyCalledAhead: d.nearlyCalledAhead,
        displayCaptions: d.displayCaptions,
        purposes: d.purposes.map((p, row) => ({ ...p, labels: filled(p.labels), row })),
      },
    };
  }
  const problems = parsed.error.issues.map((issue) => {
    const params = (issue as { params?: Say }).params;
    return problemOf(
      params?.code ? params : { code: "queue.settingsInvalid" },
      issue.path,
      options.fieldLabel,
    );
  });
  return { ok: false, problems: sortByField(problems, options.labelLocales) };
}

const fieldOrder = [
  "opensAt",
  "closesAt",
  "openWeekdays",
  "closedDates",
  "nearlyCalledAhead",
  "displayCaptions",
];

/** Problems in page order: the office's fields, then each purpose's in its row order. */
export function sortByField(
  problems: Problem[],
  labelLocales: readonly Locale[] = [DEFAULT_LOCALE],
): Problem[] {
  const purposeOrder = [...labelLocales.map((l) => `label-${l}`), ...purposeNumberFields, "counters"];
  const rank = (path: string) => {
    const i = fieldOrder.indexOf(path);
    if (i >= 0) return i;
    const m = /^p(\d+)-(.+)$/.exec(path);
    if (!m) return 1_000_000;
    const f = purposeOrder.indexOf(m[2] ?? "");
    return 100 + Number(m[1]) * 100 + Math.max(0, f);
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.path) - rank(b.p.path) || a.i - b.i)
    .map((x) => x.p);
}
