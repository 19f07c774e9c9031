import type { Household } from "../guidance/household.schema";
import { type Answers, type AnswerValue, fieldByKey } from "./field-dictionary";
import type { AnswerProblem } from "./forms.errors";

export interface ParsedAnswers {
  answers: Answers;
  /** Answers that failed their field's validation; the caller refuses them (GOV.UK-style summary). */
  problems: AnswerProblem[];
  /** Keys no field of the dictionary has, or that nobody answers (an age): ignored, but worth a warning. */
  ignored: string[];
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * Checks interview answers (`household.answers`, keyed by field key) against the field dictionary.
 * A household field's answer is its value; a member field's answer maps member ids to values:
 * `{ "previousSchool": { "m3": "熊本市立五福小学校" } }`. A member-type answer must name a member.
 */
export function parseAnswers(raw: unknown, household: Household): ParsedAnswers {
  const householdValues: Record<string, AnswerValue> = {};
  const memberValues: Record<string, Record<string, AnswerValue>> = {};
  const problems: AnswerProblem[] = [];
  const ignored: string[] = [];
  const memberIds = new Set(household.members.map((m) => m.id));
  const entries = record(raw);
  if (raw !== undefined && !entries) {
    problems.push({
      path: "answers",
      key: "",
      ja: "answers は項目名をキーとするオブジェクトにしてください。",
      en: "answers must be an object keyed by field key.",
    });
  }
  for (const [key, given] of Object.entries(entries ?? {})) {
    const field = fieldByKey.get(key);
    if (!field?.schema) {
      ignored.push(key);
      continue;
    }
    const check = (value: unknown, path: string, memberId?: string): AnswerValue | undefined => {
      const parsed = field.schema?.safeParse(value);
      if (parsed?.success) return parsed.data;
      const detail = parsed?.error.issues[0]?.message ?? "invalid";
      const [ja, en] = detail.includes(" / ") ? detail.split(" / ") : [detail, detail];
      problems.push({
        path,
        key,
        ...(memberId === undefined ? {} : { memberId }),
        ja: `${field.label.ja}: ${ja}`,
        en: `${field.label.en}: ${en}`,
      });
      return undefined;
    };
    if (field.scope === "member") {
      const byMember = record(given);
      if (!byMember) {
        problems.push({
          path: `answers.${key}`,
          key,
          ja: `${field.label.ja}: 世帯員の番号ごとに答えてください（例 {"m1": …}）。`,
          en: `${field.label.en}: answer per member id (e.g. {"m1": …}).`,
        });
        continue;
      }
      for (const [memberId, value] of Object.entries(byMember)) {
        const path = `answers.${key}.${memberId}`;
        if (!memberIds.has(memberId)) {
          problems.push({
            path,
            key,
            memberId,
            ja: `${field.label.ja}: 番号「${memberId}」の世帯員がいません。`,
            en: `${field.label.en}: no member has the id "${memberId}".`,
          });
          continue;
        }
        const parsed = check(value, path, memberId);
        if (parsed !== undefined) {
          memberValues[memberId] ??= {};
          (memberValues[memberId] as Record<string, AnswerValue>)[key] = parsed;
        }
      }
      continue;
    }
    const parsed = check(given, `answers.${key}`);
    if (parsed === undefined) continue;
    if (field.type === "member" && !memberIds.has(String(parsed))) {
      problems.push({
        path: `answers.${key}`,
        key,
        ja: `${field.label.ja}: 番号「${parsed}」の世帯員がいません。`,
        en: `${field.label.en}: no member has the id "${parsed}".`,
      });
      continue;
    }
    householdValues[key] = parsed;
  }
  return { answers: { household: householdValues, members: memberValues }, problems, ignored };
}
