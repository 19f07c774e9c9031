import type { Household } from "../guidance/household.schema";
import { memberLabel } from "../guidance/problems";
import type { LocaleMap, MessageParams } from "../shared/locale";
import { anyMyNumber, myNumberRefusedText } from "../shared/my-number";
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

/** The field checks word their message as "日本語 / English" (field-dictionary.ts). */
function detailOf(message: string | undefined): LocaleMap {
  const text = message ?? "invalid";
  const [ja, en] = text.includes(" / ") ? text.split(" / ") : [text, text];
  return { ja: ja ?? text, en: en ?? text };
}

type Reason = "answerInvalid" | "answerPerMember" | "answerUnknownMember" | "answersNotObject";

/** The Japanese and English text of each reason, for callers that do not read the catalogues. */
const wording: Record<
  Reason,
  (p: { who: string; label: LocaleMap; detail: LocaleMap }, lang: "ja" | "en") => string
> = {
  answerInvalid: (p, lang) => `${p.who}${p.label[lang] ?? p.label.ja}: ${p.detail[lang] ?? p.detail.ja}`,
  answerPerMember: (p, lang) =>
    lang === "ja"
      ? `${p.label.ja}: 世帯員ごとに答えてください。`
      : `${p.label.en ?? p.label.ja}: answer for each member.`,
  answerUnknownMember: (p, lang) =>
    lang === "ja"
      ? `${p.label.ja}: その方はこの世帯にいません。`
      : `${p.label.en ?? p.label.ja}: that person is not a member of the household.`,
  answersNotObject: (_, lang) =>
    lang === "ja" ? "回答は項目ごとに答えてください。" : "Answers must be given field by field.",
};

/**
 * Checks interview answers (`household.answers`, keyed by field key) against the field dictionary.
 * A household field's answer is its value; a member field's answer maps member ids to values:
 * `{ "previousSchool": { "m3": "熊本市立五福小学校" } }`. A member-type answer must name a member.
 * Each problem is a catalogue code (`forms.answerInvalid` …) with its parameters — the member by
 * name, the field by its label, never an id or a key — and the same text in Japanese and English.
 */
export function parseAnswers(raw: unknown, household: Household): ParsedAnswers {
  const householdValues: Record<string, AnswerValue> = {};
  const memberValues: Record<string, Record<string, AnswerValue>> = {};
  const problems: AnswerProblem[] = [];
  const ignored: string[] = [];
  const memberIds = new Set(household.members.map((m) => m.id));
  const whoIs = (memberId: string | undefined): LocaleMap | undefined => {
    if (memberId === undefined) return undefined;
    const index = household.members.findIndex((m) => m.id === memberId);
    return index < 0 ? undefined : memberLabel(household.members[index]?.name, index);
  };
  const refuse = (
    reason: Reason,
    at: { path: string; key: string; memberId?: string },
    label: LocaleMap,
    detail: LocaleMap = { ja: "", en: "" },
  ) => {
    const who = whoIs(at.memberId);
    const params: MessageParams = { hasMember: who ? "yes" : "no", member: who ?? "", label, detail };
    const prefix = (lang: "ja" | "en") => (who ? `${who[lang] ?? who.ja}: ` : "");
    problems.push({
      ...at,
      code: `forms.${reason}`,
      params,
      ja: wording[reason]({ who: prefix("ja"), label, detail }, "ja"),
      en: wording[reason]({ who: prefix("en"), label, detail }, "en"),
    });
  };
  const entries = record(raw);
  if (raw !== undefined && !entries) {
    refuse("answersNotObject", { path: "answers", key: "" }, { ja: "回答", en: "Answers" });
  }
  for (const [key, given] of Object.entries(entries ?? {})) {
    const field = fieldByKey.get(key);
    if (!field?.schema) {
      // A key nobody asks is kept as sent, so a 個人番号 in it is refused before it is stored.
      if (anyMyNumber(given)) {
        const label: LocaleMap = field ? { ...field.label } : { ja: "回答", en: "Answer" };
        refuse("answerInvalid", { path: `answers.${key}`, key }, label, detailOf(myNumberRefusedText));
        continue;
      }
      ignored.push(key);
      continue;
    }
    const label: LocaleMap = { ...field.label };
    const check = (value: unknown, path: string, memberId?: string): AnswerValue | undefined => {
      const at = { path, key, ...(memberId === undefined ? {} : { memberId }) };
      // A 個人番号 in any answer (a field of numbers too) is refused before it is stored (shared/my-number.ts).
      if (anyMyNumber(value)) {
        refuse("answerInvalid", at, label, detailOf(myNumberRefusedText));
        return undefined;
      }
      const parsed = field.schema?.safeParse(value);
      if (parsed?.success) return parsed.data;
      refuse("answerInvalid", at, label, detailOf(parsed?.error.issues[0]?.message));
      return undefined;
    };
    if (field.scope === "member") {
      const byMember = record(given);
      if (!byMember) {
        refuse("answerPerMember", { path: `answers.${key}`, key }, label);
        continue;
      }
      for (const [memberId, value] of Object.entries(byMember)) {
        const path = `answers.${key}.${memberId}`;
        if (!memberIds.has(memberId)) {
          refuse("answerUnknownMember", { path, key }, label);
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
      refuse("answerUnknownMember", { path: `answers.${key}`, key }, label);
      continue;
    }
    householdValues[key] = parsed;
  }
  return { answers: { household: householdValues, members: memberValues }, problems, ignored };
}

/**
 * The answers document of validated answers (the inverse of {@link parseAnswers}): household values
 * by key, member values as `{ key: { memberId: value } }` — what `renderForms` takes.
 */
export function answersDocument(answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = { ...answers.household };
  for (const [memberId, values] of Object.entries(answers.members)) {
    for (const [key, value] of Object.entries(values)) {
      out[key] = { ...((out[key] as Record<string, unknown> | undefined) ?? {}), [memberId]: value };
    }
  }
  return out;
}
