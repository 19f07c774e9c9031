import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import { openDeadline, procedureInfo } from "../../catalog/procedure-info";
import type { Department, Handling } from "../../catalog/vocabulary";
import { departmentLabels } from "../../catalog/vocabulary-labels";
import type { Translate } from "../../i18n/translate";
import { formatWesternDate } from "../../shared/dates";
import type { LocaleMap, Message, MessageParams } from "../../shared/locale";
import type { Plan, PlanItem } from "../engine";
import type { GuidanceDraft } from "../guidance-form";

/**
 * Reasons and plans as people read them: the one place that turns the engine's reason codes (see
 * reasons.ts) into sentences, for the staff page, the JSON API and the `guide` command alike.
 */

const lists = new Map<string, Intl.ListFormat>();
function listFormat(locale: string): Intl.ListFormat {
  let format = lists.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: "conjunction" });
    lists.set(locale, format);
  }
  return format;
}

/** The members a reason names (`member1`, `name1`, …), each as the language calls a person. */
function peopleOf(t: Translate, params: MessageParams): string[] {
  const people: string[] = [];
  for (let i = 1; typeof params[`member${i}`] === "string"; i++) {
    const name = params[`name${i}`];
    // A member without a name is called by their place in the household, never by the id.
    people.push(
      typeof name === "string" && name !== ""
        ? t("guidance.reason.person", { name })
        : t("guidance.memberOrdinal", { n: ordinalOf(params[`member${i}`] as string) }),
    );
  }
  return people;
}

/** "A", "B", "C" → "AとBとC" with a catalogue joiner folded from the left. */
function fold(
  t: Translate,
  key: "guidance.fact.and" | "guidance.fact.or" | "guidance.fact.possessionsAnd",
  parts: string[],
) {
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i++) out = t(key, { a: out, b: parts[i] as string });
  return out;
}

/** A school-grade limit in the words schools use ("中学生まで"). */
function gradeLimitText(t: Translate, limit: number): string {
  if (limit <= 0) return t("guidance.fact.gradeLimit", { school: "preschool", year: "0" });
  if (limit <= 6) return t("guidance.fact.gradeLimit", { school: "elementary", year: String(limit) });
  if (limit <= 9) return t("guidance.fact.gradeLimit", { school: "junior", year: String(limit - 6) });
  return t("guidance.fact.gradeLimit", { school: "high", year: String(limit - 9) });
}

function atomText(t: Translate, atom: string): string {
  const colon = atom.indexOf(":");
  const kind = colon < 0 ? atom : atom.slice(0, colon);
  const value = colon < 0 ? "" : atom.slice(colon + 1);
  switch (kind) {
    case "age": {
      const [min, max] = value.split("-");
      if (min && max) return t("guidance.fact.ageRange", { min: Number(min), max: Number(max) });
      if (min) return t("guidance.fact.ageMin", { min: Number(min) });
      return t("guidance.fact.ageUnder", { limit: Number(max) + 1 });
    }
    case "relation":
    case "insurance":
    case "pension":
    case "flag":
    case "benefit":
    case "stage":
    case "previousInsurance":
    case "previousPension":
      return t(`guidance.fact.${kind}`, { value });
    case "careLevel":
      return t("guidance.fact.careLevel");
    case "childMedicalAge":
      return t("guidance.fact.childMedicalAge", { limit: gradeLimitText(t, Number(value)) });
    case "owns":
    case "ownsAny": {
      const items = value.split("+");
      if (kind === "owns" && items.length === 1 && items[0] === "dog") return t("guidance.fact.dogOwner");
      const names = items.map((item) => t("guidance.fact.possession", { value: item }));
      return t("guidance.fact.owns", {
        items: fold(t, kind === "owns" ? "guidance.fact.possessionsAnd" : "guidance.fact.or", names),
      });
    }
    default:
      return atom;
  }
}

/** The fact tokens of a reason as words: "age:65-|careLevel flag:sealRegistered" → "65歳以上または…で、印鑑登録済み". */
export function factsText(t: Translate, facts: string): string {
  const all = facts
    .split(" ")
    .filter(Boolean)
    .map((part) =>
      fold(
        t,
        "guidance.fact.or",
        part.split("|").map((atom) => atomText(t, atom)),
      ),
    );
  return fold(t, "guidance.fact.and", all);
}

/**
 * One reason as a sentence in the reader's language. The members (`who`, and their `count` for
 * plurals) and the facts are put into words here, then the reason's own message is formatted.
 */
export function reasonText(t: Translate, reason: Message | string): string {
  // A plan stored before reasons were codes holds sentences (migration 0009 converts them).
  if (typeof reason === "string") return reason;
  const params = reason.params;
  if (!params) return t.message(reason);
  const people = peopleOf(t, params);
  return t.message({
    code: reason.code,
    params: {
      ...params,
      who: listFormat(t.intlLocale).format(people),
      count: people.length,
      facts: typeof params.facts === "string" ? factsText(t, params.facts) : "",
    },
  });
}

/** A plan item as the JSON API and the `guide` command give it. */
export interface PresentedPlanItem extends Omit<PlanItem, "reasons"> {
  /** Sentences in the requested language. */
  reasons: string[];
  /** The same reasons as codes with their data, whatever the language. */
  reasonCodes: Message[];
  /** The procedure's name in each language the catalogue has (Japanese always). */
  names?: LocaleMap;
  /**
   * `due` as the reader reads it, with its weekday, and why it is later than `deadline` when it is
   * ("2026年4月20日（月）（期限日の2026年4月19日（日）が閉庁日のため翌開庁日）"); null when there is none.
   */
  dueText: string | null;
}

/** `due` with its weekday, and the reason when a closed day moved it past the deadline. */
export function dueText(
  t: Translate,
  item: Pick<PlanItem, "id" | "deadline" | "due">,
  settings?: MunicipalitySettings,
): string | null {
  if (item.due === null) {
    const open = settings ? openDeadline(item.id, settings) : undefined;
    return open ? t.message(open) : null;
  }
  const moved = item.deadline !== null && item.deadline !== item.due;
  return t("guidance.dueText", {
    due: formatWesternDate(item.due, t.intlLocale),
    moved: moved ? "yes" : "no",
    deadline: moved ? formatWesternDate(item.deadline as string, t.intlLocale) : "",
  });
}

/** The plan with its reasons as sentences in `t`'s language and as codes. */
export function presentPlan(
  plan: Plan,
  t: Translate,
  settings?: MunicipalitySettings,
): { procedures: PresentedPlanItem[] } {
  return {
    procedures: plan.procedures.map((item) => {
      const names = settings ? procedureInfo(item.id, settings)?.name : undefined;
      return {
        ...item,
        reasons: item.reasons.map((r) => reasonText(t, r)),
        reasonCodes: item.reasons,
        ...(names ? { names } : {}),
        dueText: dueText(t, item, settings),
      };
    }),
  };
}

/**
 * A member of a plan item as pages show them: the name where the household gave one, else the
 * member's place in the household ("2人目の方"). The id is for data attributes, never printed.
 */
export interface MemberRef {
  id: string;
  name?: string;
  /** The member's place in the household, from 1. */
  ordinal: number;
}

/** The place of a member in the household from its id (m1, m2, … by position). */
export const ordinalOf = (id: string): number => Number(/^m(\d+)$/.exec(id)?.[1] ?? 0);

/** One row of the staff page's plan table. */
export interface PlanRow {
  id: string;
  name: LocaleMap;
  members: MemberRef[];
  deadline: string | null;
  /** The day the office really accepts it; differs from `deadline` when that is a closed day. */
  due: string | null;
  /** For a deadline counted from a day not yet known (the funeral): what to say instead of a date. */
  openDeadline?: Message | undefined;
  handling: Handling;
  reasons: string[];
}

/** The rows of one department, under its label. */
export interface PlanGroup {
  department: Department;
  label: LocaleMap;
  rows: PlanRow[];
}

/** The label of a department: the municipality's own, or the generic words for outside bodies. */
export function departmentLabel(settings: MunicipalitySettings, department: Department): LocaleMap {
  return department === "external" ? departmentLabels.external : settings.departmentLabels[department];
}

/** The members of an item with their names from the draft (ids are m1, m2, … by position). */
function membersOf(item: PlanItem, draft: GuidanceDraft): MemberRef[] {
  return item.members.map((id) => {
    const ordinal = ordinalOf(id);
    const name = draft.members[ordinal - 1]?.name;
    return name ? { id, name, ordinal } : { id, ordinal };
  });
}

const nameOf = (item: PlanItem, settings: MunicipalitySettings): LocaleMap =>
  procedureInfo(item.id, settings)?.name ?? { ja: item.name };

/** The staff page's plan: procedures grouped by department (in order of first appearance). */
export function presentPlanGroups(
  plan: Plan,
  draft: GuidanceDraft,
  settings: MunicipalitySettings,
  t: Translate,
): PlanGroup[] {
  const groups = new Map<Department, PlanGroup>();
  for (const item of plan.procedures) {
    let group = groups.get(item.department);
    if (!group) {
      group = { department: item.department, label: departmentLabel(settings, item.department), rows: [] };
      groups.set(item.department, group);
    }
    group.rows.push({
      id: item.id,
      name: nameOf(item, settings),
      members: membersOf(item, draft),
      deadline: item.deadline,
      due: item.due,
      openDeadline: item.due === null ? openDeadline(item.id, settings) : undefined,
      handling: item.handling,
      reasons: item.reasons.map((r) => reasonText(t, r)),
    });
  }
  return [...groups.values()];
}
