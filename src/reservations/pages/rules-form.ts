import { formatMinute } from "../../queue/calendar";
import type { Problem } from "../../shared/errors";
import { type SlotRules, slotRulesSchema } from "../slot-rules";

/** The settings form as text, as a browser sends it and as the page shows it back. */
export interface RulesForm {
  enabled: boolean;
  start: string;
  end: string;
  slotMinutes: string;
  capacity: string[];
  overrides: string;
  horizonDays: string;
  leadMinutes: string;
  walkInSharePercent: string;
  cancelCutoffHours: string;
  checkInEarlyMinutes: string;
  graceMinutes: string;
  baseVersion: string;
}

export const numberFields = [
  "slotMinutes",
  "horizonDays",
  "leadMinutes",
  "walkInSharePercent",
  "cancelCutoffHours",
  "checkInEarlyMinutes",
  "graceMinutes",
] as const;

export function rulesFormOf(rules: SlotRules, version: number | undefined): RulesForm {
  return {
    enabled: rules.enabled,
    start: formatMinute(rules.startMinute),
    end: formatMinute(rules.endMinute),
    slotMinutes: String(rules.slotMinutes),
    capacity: rules.capacityByWeekday.map(String),
    overrides: rules.overrides.map((o) => `${o.from} ${o.to} ${o.capacity}`).join("\n"),
    horizonDays: String(rules.horizonDays),
    leadMinutes: String(rules.leadMinutes),
    walkInSharePercent: String(rules.walkInSharePercent),
    cancelCutoffHours: String(rules.cancelCutoffHours),
    checkInEarlyMinutes: String(rules.checkInEarlyMinutes),
    graceMinutes: String(rules.graceMinutes),
    baseVersion: version === undefined ? "" : String(version),
  };
}

const text = (v: unknown): string => (typeof v === "string" ? v.slice(0, 4000) : "");

export function readRulesForm(body: Record<string, unknown>): RulesForm {
  const capacity = Array.from({ length: 7 }, (_, i) => text(body[`capacity${i}`]));
  return {
    enabled: body.enabled === "on",
    start: text(body.start),
    end: text(body.end),
    slotMinutes: text(body.slotMinutes),
    capacity,
    overrides: text(body.overrides),
    horizonDays: text(body.horizonDays),
    leadMinutes: text(body.leadMinutes),
    walkInSharePercent: text(body.walkInSharePercent),
    cancelCutoffHours: text(body.cancelCutoffHours),
    checkInEarlyMinutes: text(body.checkInEarlyMinutes),
    graceMinutes: text(body.graceMinutes),
    baseVersion: text(body.baseVersion),
  };
}

const minuteOf = (hhmm: string): number | undefined => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.normalize("NFKC").trim());
  if (!m) return undefined;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minute <= 1440 ? minute : undefined;
};

const int = (s: string): number | undefined => {
  const v = s.normalize("NFKC").trim();
  return /^\d{1,5}$/.test(v) ? Number(v) : undefined;
};

/** The form read into rules, or every problem with the field it belongs to. */
export function parseRulesForm(
  form: RulesForm,
): { ok: true; rules: SlotRules; baseVersion: number | null } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (path: string) => problems.push({ path, code: "reservations.rulesInvalid" });
  const overrides = [];
  for (const [i, line] of form.overrides.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})\s+(\d{1,2})$/.exec(line.normalize("NFKC").trim());
    if (!m) {
      bad("overrides");
      problems[problems.length - 1] = {
        path: "overrides",
        code: "reservations.rulesOverrideLine",
        params: { line: i + 1 },
      };
      continue;
    }
    overrides.push({ from: m[1] as string, to: m[2] as string, capacity: Number(m[3]) });
  }
  const candidate = {
    enabled: form.enabled,
    startMinute: minuteOf(form.start),
    endMinute: minuteOf(form.end),
    capacityByWeekday: form.capacity.map(int),
    overrides,
    ...Object.fromEntries(numberFields.map((f) => [f, int(form[f])])),
  };
  const parsed = slotRulesSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      const path =
        head === "startMinute"
          ? "start"
          : head === "endMinute"
            ? "end"
            : head === "capacityByWeekday"
              ? `capacity${String(index ?? 0)}`
              : String(head ?? "");
      if (!problems.some((p) => p.path === path)) bad(path);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const base = form.baseVersion === "" ? null : int(form.baseVersion);
  return { ok: true, rules: parsed.data, baseVersion: base ?? null };
}
