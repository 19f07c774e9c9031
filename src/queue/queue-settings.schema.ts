import { z } from "zod";
import type { Problem } from "../shared/errors";
import { type MessageKey, translator } from "../web/i18n";
import { checkBands } from "./numbering";

/**
 * The queue settings form of one office, read at the edge: text NFKC-normalised (full-width digits
 * and colons become ASCII), each field checked, then the rules across fields (closing after opening,
 * an open weekday, real and unique closed dates, bands that hold and do not overlap, a counter per
 * purpose). Every refusal is a custom issue whose params name a message key, so one mapper writes
 * the problems in both languages with each field's id as its path.
 */

export interface PurposeSettings {
  /** Null for a purpose added on this form. */
  id: string | null;
  /** The purpose's row on the form (its field ids are `p<row>-…`). */
  row: number;
  labelJa: string;
  labelEasy: string;
  labelEn: string;
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
  purposes: PurposeSettings[];
}

/** The form as typed (all text), for showing it again with its problems. */
export interface PurposeSettingsForm {
  id: string;
  labelJa: string;
  labelEasy: string;
  labelEn: string;
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
  purposes: PurposeSettingsForm[];
}

export const LABEL_MAX = 60;
export const SERVICE_MINUTES_MAX = 480;
export const NEARLY_MAX = 50;
export const BAND_MAX = 9999;
export const CLOSED_DATES_MAX = 400;
const PURPOSES_MAX = 50;

export const purposeFields = [
  "labelJa",
  "labelEasy",
  "labelEn",
  "bandStart",
  "bandEnd",
  "defaultServiceMinutes",
] as const;

/** The field id of a purpose's field on the form. */
export const purposeFieldId = (row: number, field: (typeof purposeFields)[number] | "counters"): string =>
  `p${row}-${field}`;

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
export function readSettingsForm(body: FormBody): QueueSettingsForm {
  const rows = Math.min(Number.parseInt(one(body, "purposeRows"), 10) || 0, PURPOSES_MAX);
  const purposes: PurposeSettingsForm[] = [];
  for (let row = 0; row < rows; row++) {
    const p: PurposeSettingsForm = {
      id: one(body, `p${row}-id`),
      labelJa: one(body, purposeFieldId(row, "labelJa")),
      labelEasy: one(body, purposeFieldId(row, "labelEasy")),
      labelEn: one(body, purposeFieldId(row, "labelEn")),
      bandStart: one(body, purposeFieldId(row, "bandStart")),
      bandEnd: one(body, purposeFieldId(row, "bandEnd")),
      defaultServiceMinutes: one(body, purposeFieldId(row, "defaultServiceMinutes")),
      counterIds: many(body, purposeFieldId(row, "counters")),
    };
    purposes.push(p);
  }
  const last = purposes.at(-1);
  if (last && last.id === "" && purposeFields.every((f) => last[f].trim() === "")) purposes.pop();
  return {
    opensAt: one(body, "opensAt"),
    closesAt: one(body, "closesAt"),
    openWeekdays: many(body, "openWeekdays"),
    observeNationalHolidays: one(body, "observeNationalHolidays") === "on",
    observeYearEnd: one(body, "observeYearEnd") === "on",
    closedDates: one(body, "closedDates"),
    nearlyCalledAhead: one(body, "nearlyCalledAhead"),
    purposes,
  };
}

/** What a refusal says: a message key, the key of the field's label, and values for both languages. */
export interface Say {
  key: MessageKey;
  field?: MessageKey;
  values?: Record<string, string>;
  /** Values that differ by language (a purpose's name). */
  ja?: Record<string, string>;
  en?: Record<string, string>;
}

const say = (ctx: z.RefinementCtx, s: Say, path: PropertyKey[] = []) =>
  ctx.addIssue({ code: "custom", message: s.key, params: s, path });

const nfkc = (s: string) => s.normalize("NFKC").trim();

const time = (field: MessageKey) =>
  z.string().transform((raw, ctx) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(nfkc(raw));
    const minute = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
      say(ctx, { key: "queueSettingsTimeInvalid", field });
      return z.NEVER;
    }
    return minute;
  });

const integer = (field: MessageKey, min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    const text = nfkc(raw);
    const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= min && n <= max)) {
      say(ctx, { key: "queueSettingsNumberInvalid", field, values: { min: String(min), max: String(max) } });
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

const label = (field: MessageKey, normalize: (s: string) => string = (s) => s.normalize("NFKC")) =>
  z.string().transform((raw, ctx) => {
    const text = normalize(raw).trim().replace(/\s+/gu, " ");
    if (text === "") say(ctx, { key: "queueSettingsRequired", field });
    else if (text.length > LABEL_MAX)
      say(ctx, { key: "queueSettingsTooLong", field, values: { max: String(LABEL_MAX) } });
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
    say(ctx, { key: "queueSettingsTooManyDates", values: { max: String(CLOSED_DATES_MAX) } });
    return z.NEVER;
  }
  const seen = new Set<string>();
  for (const line of lines) {
    if (!isRealIsoDate(line)) say(ctx, { key: "queueSettingsDateInvalid", values: { value: line } });
    else if (seen.has(line)) say(ctx, { key: "queueSettingsDateDuplicate", values: { value: line } });
    seen.add(line);
  }
  return [...seen].filter(isRealIsoDate).sort();
});

const purposeSchema = z.object({
  id: z.string().transform((id) => (id === "" ? null : id)),
  labelJa: label("queueSettingsLabelJa", normalizeJapaneseLabel),
  labelEasy: label("queueSettingsLabelEasy", normalizeJapaneseLabel),
  labelEn: label("queueSettingsLabelEn"),
  bandStart: integer("queueSettingsBandStart", 1, BAND_MAX),
  bandEnd: integer("queueSettingsBandEnd", 1, BAND_MAX),
  defaultServiceMinutes: integer("queueSettingsServiceMinutes", 1, SERVICE_MINUTES_MAX),
  counterIds: z.array(z.string().max(100)).transform((ids, ctx) => {
    if (ids.length === 0) say(ctx, { key: "queueSettingsCounterRequired" });
    return [...new Set(ids)];
  }),
});

const purposeNames = (p: { labelJa: string; labelEn: string }, row: number) => ({
  ja: { purpose: p.labelJa || `${row + 1}` },
  en: { purpose: p.labelEn || `${row + 1}` },
});

export const queueSettingsSchema = z
  .object({
    opensAt: time("queueSettingsOpensAt"),
    closesAt: time("queueSettingsClosesAt"),
    openWeekdays: z.array(z.string()).transform((days, ctx) => {
      const list = [...new Set(days)].map(Number).filter((d) => Number.isInteger(d) && d >= 0 && d <= 6);
      if (list.length === 0) say(ctx, { key: "queueSettingsWeekdayRequired" });
      return list.sort((a, b) => a - b);
    }),
    observeNationalHolidays: z.boolean(),
    observeYearEnd: z.boolean(),
    closedDates,
    nearlyCalledAhead: integer("queueSettingsNearly", 0, NEARLY_MAX),
    purposes: z.array(purposeSchema).max(PURPOSES_MAX),
  })
  // The rules across fields run even when some field is wrong (each on the fields it can read), so the
  // person sees every problem at once.
  .superRefine(
    (s, ctx) => {
      const isNumber = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
      if (isNumber(s.opensAt) && isNumber(s.closesAt) && s.closesAt <= s.opensAt)
        say(ctx, { key: "queueSettingsClosesBeforeOpens" }, ["closesAt"]);
      if (!Array.isArray(s.purposes)) return;
      const banded = s.purposes.flatMap((p, row) =>
        isNumber(p?.bandStart) && isNumber(p?.bandEnd)
          ? [{ code: String(row), bandStart: p.bandStart, bandEnd: p.bandEnd }]
          : [],
      );
      for (const problem of checkBands(banded)) {
        const row = Number(problem.code);
        const p = s.purposes[row];
        if (!p) continue;
        const names = purposeNames(p, row);
        if (problem.kind === "invalid")
          say(ctx, { key: "queueSettingsBandInvalid", values: { max: String(BAND_MAX) }, ...names }, [
            "purposes",
            row,
            "bandStart",
          ]);
        else {
          const other = s.purposes[Number(problem.other)];
          const otherNames = other ? purposeNames(other, Number(problem.other)) : names;
          say(
            ctx,
            {
              key: "queueSettingsBandOverlap",
              ja: { ...names.ja, other: otherNames.ja.purpose },
              en: { ...names.en, other: otherNames.en.purpose },
            },
            ["purposes", row, "bandStart"],
          );
        }
      }
    },
    { when: () => true },
  );

/** The field id a schema path points at. */
export function fieldIdOf(path: readonly PropertyKey[]): string {
  if (path[0] === "purposes" && typeof path[1] === "number") {
    const field = path[2] === "counterIds" ? "counters" : path[2];
    return purposeFieldId(path[1], (field ?? "labelJa") as (typeof purposeFields)[number]);
  }
  return typeof path[0] === "string" ? path[0] : "";
}

const ja = translator("ja");
const en = translator("en");

/** A refusal as a problem in both languages; a purpose's field is prefixed with the purpose's number. */
export function problemOf(s: Say, path: readonly PropertyKey[]): Problem {
  const row = path[0] === "purposes" && typeof path[1] === "number" ? path[1] : undefined;
  const text = (t: typeof ja, own: Record<string, string> | undefined) => {
    const message = t(s.key, { ...s.values, ...own, ...(s.field ? { field: t(s.field) } : {}) });
    return row === undefined ? message : `${t("queueSettingsPurposeN", { n: String(row + 1) })}: ${message}`;
  };
  return { path: fieldIdOf(path), ja: text(ja, s.ja), en: text(en, s.en) };
}

export type SettingsParse = { ok: true; settings: QueueSettings } | { ok: false; problems: Problem[] };

/** Parses the form; the problems come in the order of the fields on the page. */
export function parseQueueSettings(form: QueueSettingsForm): SettingsParse {
  const parsed = queueSettingsSchema.safeParse(form);
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
        purposes: d.purposes.map((p, row) => ({ ...p, row })),
      },
    };
  }
  const problems = parsed.error.issues.map((issue) => {
    const params = (issue as { params?: Say }).params;
    return problemOf(params?.key ? params : { key: "queueSettingsInvalid" }, issue.path);
  });
  return { ok: false, problems: sortByField(problems) };
}

const fieldOrder = ["opensAt", "closesAt", "openWeekdays", "closedDates", "nearlyCalledAhead"];

/** Problems in page order: the office's fields, then each purpose's in its row order. */
export function sortByField(problems: Problem[]): Problem[] {
  const rank = (path: string) => {
    const i = fieldOrder.indexOf(path);
    if (i >= 0) return i;
    const m = /^p(\d+)-(\w+)$/.exec(path);
    if (!m) return 1_000_000;
    const f = [...purposeFields, "counters"].indexOf(m[2] ?? "");
    return 100 + Number(m[1]) * 10 + Math.max(0, f);
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.path) - rank(b.p.path) || a.i - b.i)
    .map((x) => x.p);
}
