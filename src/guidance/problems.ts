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
  "schema.format",
  "date.invalid",
  "event.subject-missing",
  "event.newborn-missing",
  "event.newborn-relation",
  "event.newborn-birth-date",
  "event.mother-is-newborn",
  "event.member-unknown",
  "event.partners-missing",
  "event.partners-not-two",
  "event.partner-under-18",
  "event.custodian-not-partner",
  "event.leaving-not-partner",
  "event.surname-both",
  "event.subject-unknown",
  "event.funeral-host-unknown",
  "event.funeral-host-is-subject",
  "event.funeral-date-before-death",
  "filer.member-unknown",
  "filer.is-deceased",
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
 * ("yes"/"no") and `member` — the member as a person reads it (the name, or 「2人目の方」 when the
 * entry has none), never the member's id — so the text can say whose entry is wrong.
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

const l = (ja: string, en: string): LocaleMap => ({ ja, en });

/** The names of the input's fields as a person reads them. */
const fieldLabels: Record<string, LocaleMap> = {
  event: l("出来事", "Event"),
  type: l("出来事の種類", "Kind of event"),
  date: l("日付", "Date"),
  origin: l("転入元", "Moved from"),
  destination: l("転出先", "Moving to"),
  crossPrefecture: l("都道府県をまたぐか", "Across prefectures"),
  subject: l("亡くなった方・生まれた子", "The deceased or the newborn"),
  funeralHost: l("喪主", "Funeral host"),
  funeralDate: l("葬儀を行った日", "Date of the funeral"),
  deathRegistered: l("死亡届の提出済み", "Death already registered"),
  schoolDistrictChanges: l("通学区域の変更", "School district changes"),
  mother: l("母", "Mother"),
  birthRegistered: l("出生届の提出済み", "Birth already registered"),
  partners: l("夫婦となる（であった）二人", "The two partners"),
  surnameChanges: l("氏が変わる方", "Members whose surname changes"),
  keepSurname: l("婚姻中の氏を続けて使う方", "Members keeping the married surname"),
  householdsMerge: l("世帯の合併", "Households merge"),
  marriageRegistered: l("婚姻届の提出済み", "Marriage already registered"),
  divorceType: l("離婚の種類", "Kind of divorce"),
  custodian: l("子を引き取る方（親権者）", "Parent keeping the children"),
  leaving: l("世帯を出る方", "Partner leaving the household"),
  divorceRegistered: l("離婚届の提出済み", "Divorce already registered"),
  members: l("世帯員", "Members"),
  id: l("世帯員の番号", "Member number"),
  relation: l("続柄", "Relation"),
  name: l("氏名", "Name"),
  kana: l("フリガナ", "Name in katakana"),
  birthDate: l("生年月日", "Date of birth"),
  sex: l("性別", "Sex"),
  moving: l("引っ越すか", "Moving"),
  insurance: l("健康保険", "Health insurance"),
  pension: l("国民年金の種別", "National pension category"),
  pensionRecipient: l("年金の受給", "Receives a pension"),
  myNumberCard: l("マイナンバーカード", "My Number Card"),
  careLevel: l("要介護度", "Care level"),
  disabilityCertificate: l("障害者手帳", "Disability certificate"),
  sealRegistered: l("印鑑登録", "Registered seal"),
  pregnant: l("妊娠", "Pregnant"),
  needsDaycare: l("保育の希望", "Needs daycare"),
  publicServant: l("公務員", "Public servant"),
  benefits: l("受けている手当・助成", "Benefits received"),
  owns: l("持っているもの", "Possessions"),
  previousInsurance: l("以前の健康保険", "Previous health insurance"),
  previousPension: l("以前の国民年金の種別", "Previous pension category"),
  nationality: l("国籍・地域", "Nationality"),
  honseki: l("本籍", "Registered domicile (honseki)"),
  hittousha: l("筆頭者", "Head of the family register"),
  residenceStatus: l("在留資格", "Status of residence"),
  residenceCardNumber: l("在留カード等の番号", "Residence card number"),
  residencePeriodEnd: l("在留期間の満了の日", "Period of stay ends"),
  requests: l("ご希望", "Requests"),
  answers: l("回答", "Answers"),
  filer: l("届出人", "Person filing"),
  member: l("届出人の世帯員", "Filing member"),
  address: l("住所", "Address"),
  phone: l("電話番号", "Phone number"),
  previousAddress: l("前住所", "Previous address"),
  postalCode: l("郵便番号", "Postal code"),
  householdHead: l("前住所の世帯主", "Head of the previous household"),
};

/** A field as problems name it: its label (「生年月日」, "Date of birth"), never its key. */
export function fieldLabel(field: string | undefined): LocaleMap {
  if (field === undefined) return l("入力", "The input");
  return fieldLabels[field] ?? l(field, field);
}

const insuranceLabels: Record<string, LocaleMap> = {
  employee: l("被用者保険（健康保険）", "employee health insurance"),
  kokuho: l("国民健康保険", "National Health Insurance"),
  kouki: l("後期高齢者医療", "late-stage elderly medical care"),
  welfare: l("生活保護", "public assistance"),
};

/** An insurance as a person reads it (the problems name it, never its code). */
export const insuranceLabel = (insurance: string): LocaleMap =>
  insuranceLabels[insurance] ?? l(insurance, insurance);

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

/**
 * A member as a person reads them: the name, or 「2人目の方」 / "Member 2" when the entry has no
 * name. `index` is 0-based.
 */
export function memberLabel(name: unknown, index: number): LocaleMap {
  const text = typeof name === "string" ? name.trim() : "";
  if (text !== "") return { ja: text, en: text };
  return {
    ja: `${index + 1}人目の方`,
    "ja-x-easy": `${index + 1}人目の 人`,
    en: `Member ${index + 1}`,
  };
}

/**
 * A problem at `path`. A path into a member names that member; an event field about a member (the
 * custodian who is no partner) names it through `about.about`, the member's index.
 */
export function problem(
  code: ProblemCode,
  root: unknown,
  path: readonly PropertyKey[],
  params: MessageParams = {},
  about: { about?: number } = {},
): HouseholdProblem {
  const at = about.about !== undefined && about.about >= 0 ? about.about : undefined;
  const member = at === undefined ? memberIdAt(root, path) : memberIdAt(root, ["members", at]);
  const index = at ?? (typeof path[1] === "number" ? path[1] : 0);
  const who = member ? memberLabel(valueAt(root, ["members", index, "name"]), index) : "";
  const last = [...path].reverse().find((key) => typeof key === "string");
  return {
    path: formatIssuePath(path),
    code: problemMessageId(code),
    params: { ...params, hasMember: member ? "yes" : "no", member: who },
    ...(member ? { member } : {}),
    field: typeof last === "string" ? last : "",
  };
}

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

type Issue = z.core.$ZodIssue;

/** Turns schema issues into problems with catalogue codes, one per issue (one per unknown key). */
export function problemsFromIssues(error: z.ZodError, root: unknown): HouseholdProblem[] {
  const out: HouseholdProblem[] = [];
  collect(error.issues, [], root, out);
  return out;
}

function collect(issues: readonly Issue[], prefix: PropertyKey[], root: unknown, out: HouseholdProblem[]) {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
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
        if (valueAt(root, path) === undefined) {
          out.push(problem("schema.required", root, path, { label }));
          break;
        }
        const values = issue.values.map((v) => String(v)).join(", ");
        out.push(problem("schema.value", root, path, { label, given: shown(valueAt(root, path)), values }));
        break;
      }
      case "invalid_format":
        out.push(problem("schema.format", root, path, { label, given: shown(valueAt(root, path)) }));
        break;
      case "invalid_union": {
        // The filer is a member ({ member }) or someone else ({ name, relation, … }): the problems
        // are those of the shape the input meant, told by whether it names a member.
        const value = valueAt(root, path);
        const meant =
          typeof value === "object" && value !== null && !("member" in value) && issue.errors.length > 1
            ? 1
            : 0;
        collect(issue.errors[meant] ?? [], path, root, out);
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
}
