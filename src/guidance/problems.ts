import type { z } from "zod";
import { formatIssuePath } from "../catalog/catalog.errors";
import type { Problem } from "../shared/errors";
import type { LocaleMap, MessageParams } from "../shared/locale";

/** Stable codes: clients and tests match on these, never on the wording. */
export const problemCodes = [
  "json.malformed",
  "schema.required",
  "schema.unknown-field",
  "schema.type",
  "schema.value",
  "schema.empty",
  "schema.duplicate",
  "date.invalid",
  "event.unsupported",
  "event.subject-missing",
  "event.subject-unknown",
  "event.funeral-host-unknown",
  "event.funeral-host-is-subject",
  "member.duplicate-id",
  "member.born-after-event",
  "member.kouki-under-65",
  "member.insurance-over-75",
  "member.pension-age",
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** The catalogue id of a problem code: `guidance.problem.<code>` in locales/<lang>/guidance.json. */
export const problemMessageId = (code: ProblemCode): string => `guidance.problem.${code}`;

/**
 * One reason a household is refused, naming the member (when there is one) and the field. `code` is
 * the catalogue id (`guidance.problem.member.kouki-under-65`); `params` always has `hasMember`
 * ("yes"/"no") and `member`, so the text can say whose entry is wrong.
 */
export interface HouseholdProblem extends Problem {
  /** The member's id when the problem is about a member (or names one). */
  member?: string;
  /** The field at fault, e.g. "insurance"; "" for the document as a whole. */
  field: string;
}

/** The error value for a refused household, as the CLI, the API and the staff page present it. */
export interface GuidanceError {
  code: "household.invalid" | "json.malformed";
  problems: HouseholdProblem[];
}

/** The names of the input's fields in Japanese; other languages read the field's own key. */
const fieldLabels: Record<string, string> = {
  event: "出来事",
  type: "出来事の種類",
  date: "日付",
  origin: "転入元",
  destination: "転出先",
  crossPrefecture: "都道府県をまたぐか",
  subject: "亡くなった方",
  funeralHost: "喪主",
  deathRegistered: "死亡届の提出済み",
  schoolDistrictChanges: "通学区域の変更",
  members: "世帯員",
  id: "番号",
  relation: "続柄",
  name: "氏名",
  kana: "フリガナ",
  birthDate: "生年月日",
  sex: "性別",
  moving: "引っ越すか",
  insurance: "健康保険",
  pension: "国民年金の種別",
  pensionRecipient: "年金の受給",
  myNumberCard: "マイナンバーカード",
  careLevel: "要介護度",
  disabilityCertificate: "障害者手帳",
  sealRegistered: "印鑑登録",
  pregnant: "妊娠",
  needsDaycare: "保育の希望",
  publicServant: "公務員",
  benefits: "受けている手当・助成",
  owns: "持っているもの",
  requests: "ご希望",
  answers: "回答",
};

/** A field as problems name it: 「生年月日（birthDate）」 in Japanese, the key itself in other languages. */
export function fieldLabel(field: string | undefined): LocaleMap {
  if (field === undefined) return { ja: "入力", en: "The input" };
  return { ja: `${fieldLabels[field] ?? field}（${field}）`, en: field };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The id of the member a path points into, read from the raw input (it may itself be invalid). */
export function memberIdAt(root: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== "members" || typeof path[1] !== "number") return undefined;
  const id = valueAt(root, ["members", path[1], "id"]);
  return typeof id === "string" && id !== "" ? id : undefined;
}

export function problem(
  code: ProblemCode,
  root: unknown,
  path: readonly PropertyKey[],
  params: MessageParams = {},
): HouseholdProblem {
  const member = memberIdAt(root, path);
  const last = [...path].reverse().find((key) => typeof key === "string");
  return {
    path: formatIssuePath(path),
    code: problemMessageId(code),
    params: { ...params, hasMember: member ? "yes" : "no", member: member ?? "" },
    ...(member ? { member } : {}),
    field: typeof last === "string" ? last : "",
  };
}

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Turns schema issues into problems with catalogue codes, one per issue (one per unknown key). */
export function problemsFromIssues(error: z.ZodError, root: unknown): HouseholdProblem[] {
  const out: HouseholdProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    const field = [...path].reverse().find((key) => typeof key === "string");
    const label = fieldLabel(typeof field === "string" ? field : undefined);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys)
          out.push(problem("schema.unknown-field", root, [...path, key], { key }));
        break;
      case "invalid_type":
        if (valueAt(root, path) === undefined) out.push(problem("schema.required", root, path, { label }));
        else out.push(problem("schema.type", root, path, { label, expected: issue.expected, detail: "" }));
        break;
      case "invalid_value": {
        const values = issue.values.map((v) => String(v)).join(", ");
        out.push(problem("schema.value", root, path, { label, given: shown(valueAt(root, path)), values }));
        break;
      }
      case "too_small":
        out.push(problem("schema.empty", root, path, { label }));
        break;
      case "custom": {
        const code = (issue.params as { code?: unknown } | undefined)?.code;
        if (code === "date.invalid")
          out.push(problem("date.invalid", root, path, { label, given: shown(valueAt(root, path)) }));
        else out.push(problem("schema.duplicate", root, path, { label }));
        break;
      }
      default:
        out.push(problem("schema.type", root, path, { label, expected: "none", detail: issue.message }));
    }
  }
  return out;
}
