import type { z } from "zod";
import { formatIssuePath } from "../catalog/catalog.errors";
import type { Problem } from "../shared/errors";

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

/** One reason a household is refused, naming the member (when there is one) and the field. */
export interface HouseholdProblem extends Problem {
  code: ProblemCode;
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

export const fieldLabel = (field: string): string => fieldLabels[field] ?? field;

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
  ja: string,
  en: string,
): HouseholdProblem {
  const member = memberIdAt(root, path);
  const last = [...path].reverse().find((key) => typeof key === "string");
  const where = formatIssuePath(path);
  const who = member ? `${member}: ` : "";
  return {
    code,
    path: where,
    ...(member ? { member } : {}),
    field: typeof last === "string" ? last : "",
    ja: `${who}${ja}`,
    en: `${who}${en}`,
  };
}

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Turns schema issues into problems written for people, one per issue (one per unknown key). */
export function problemsFromIssues(error: z.ZodError, root: unknown): HouseholdProblem[] {
  const out: HouseholdProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    const field = [...path].reverse().find((key) => typeof key === "string");
    const label = typeof field === "string" ? `${fieldLabel(field)}（${field}）` : "入力";
    const labelEn = typeof field === "string" ? field : "The input";
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          out.push(
            problem(
              "schema.unknown-field",
              root,
              [...path, key],
              `「${key}」という項目は使えません。`,
              `Unknown field "${key}".`,
            ),
          );
        }
        break;
      case "invalid_type":
        if (valueAt(root, path) === undefined) {
          out.push(
            problem("schema.required", root, path, `${label}がありません。`, `${labelEn} is required.`),
          );
        } else {
          out.push(
            problem(
              "schema.type",
              root,
              path,
              `${label}の形式が違います（${issue.expected}）。`,
              `${labelEn} must be of type ${issue.expected}.`,
            ),
          );
        }
        break;
      case "invalid_value": {
        const values = issue.values.map((v) => String(v)).join(", ");
        const given = shown(valueAt(root, path));
        out.push(
          problem(
            "schema.value",
            root,
            path,
            `${label}に ${given} は使えません。次のどれかです: ${values}`,
            `${labelEn} cannot be ${given}; use one of: ${values}.`,
          ),
        );
        break;
      }
      case "too_small":
        out.push(problem("schema.empty", root, path, `${label}が空です。`, `${labelEn} must not be empty.`));
        break;
      case "custom": {
        const code = (issue.params as { code?: unknown } | undefined)?.code;
        if (code === "date.invalid") {
          const given = shown(valueAt(root, path));
          out.push(
            problem(
              "date.invalid",
              root,
              path,
              `${label}の ${given} は、ありえる日付（YYYY-MM-DD）ではありません。`,
              `${labelEn} ${given} is not a real calendar date (YYYY-MM-DD).`,
            ),
          );
        } else {
          out.push(
            problem(
              "schema.duplicate",
              root,
              path,
              `${label}に同じものが2回以上あります。`,
              `${labelEn} lists the same item more than once.`,
            ),
          );
        }
        break;
      }
      default:
        out.push(
          problem("schema.type", root, path, `${label}の形式が違います。`, `${labelEn}: ${issue.message}.`),
        );
    }
  }
  return out;
}
