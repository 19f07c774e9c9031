import { parseIsoDate } from "../guidance/calendar";
import { ageOn } from "../guidance/facts";
import type { Household, Member } from "../guidance/household.schema";
import { normalizeNameText } from "../guidance/household.schema";
import type { Answers } from "./field-dictionary";

/**
 * What the 戸籍 届書 of a birth, a marriage or a divorce derive from the household (phase 2): who the
 * partners are as 夫 and 妻, the newborn and its parents, its 続き柄 (長男, 二女 …), the minor children
 * of a divorce and who has 親権 over them. Pure; each returns undefined where the household does not
 * say, and the interview asks instead.
 */

const byId = (household: Household, id: string | undefined): Member | undefined =>
  id === undefined ? undefined : household.members.find((m) => m.id === id);

/** A member's sex as the household or the interview gives it. */
export function sexOf(member: Member, answers: Answers): "female" | "male" | undefined {
  if (member.sex) return member.sex;
  const answered = answers.members[member.id]?.sex;
  return answered === "female" || answered === "male" ? answered : undefined;
}

/**
 * The partners of a marriage or divorce as the form names them (夫 / 妻, 夫になる人 / 妻になる人): by
 * sex when the household gives it for either, else in the order `event.partners` lists them.
 */
export function partnersOf(household: Household, answers: Answers): { husband?: Member; wife?: Member } {
  const [a, b] = (household.event.partners ?? []).map((id) => byId(household, id));
  if (!a || !b) return {};
  const sa = sexOf(a, answers);
  const sb = sexOf(b, answers);
  if (sa === "female" || sb === "male") return { husband: b, wife: a };
  return { husband: a, wife: b };
}

/** Which partner a member is: 夫 or 妻 (undefined for anyone else). */
export function partnerRole(
  household: Household,
  answers: Answers,
  id: string,
): "husband" | "wife" | undefined {
  const { husband, wife } = partnersOf(household, answers);
  if (husband?.id === id) return "husband";
  if (wife?.id === id) return "wife";
  return undefined;
}

/** The newborn of a birth (`event.subject`). */
export function newbornOf(household: Household): Member | undefined {
  return household.event.type === "birth" ? byId(household, household.event.subject) : undefined;
}

/**
 * The newborn's parents in the household: the mother the event names (else a female head or spouse
 * of a child of the head), and the father — the head or spouse who is not the mother, when not
 * known to be female. Undefined when the household has no such member (a father outside it).
 */
export function parentsOf(household: Household, answers: Answers): { father?: Member; mother?: Member } {
  const child = newbornOf(household);
  if (!child) return {};
  const couple =
    child.relation === "child"
      ? household.members.filter((m) => m.relation === "head" || m.relation === "spouse")
      : [];
  const mother =
    byId(household, household.event.mother) ?? couple.find((m) => sexOf(m, answers) === "female");
  const father = couple.find(
    (m) =>
      m.id !== mother?.id &&
      sexOf(m, answers) !== "female" &&
      (mother === undefined || mother.relation === "head" || mother.relation === "spouse"),
  );
  return { ...(father ? { father } : {}), ...(mother ? { mother } : {}) };
}

/**
 * 嫡出子 when the newborn's mother and father are the head and the spouse of the household (a
 * married couple); undefined otherwise — the interview asks (a mother without a spouse in the
 * household may still be married, or divorced less than 300 days ago).
 */
export function legitimacyOf(household: Household, answers: Answers): "legitimate" | undefined {
  const { father, mother } = parentsOf(household, answers);
  if (!father || !mother) return undefined;
  const pair = new Set([father.relation, mother.relation]);
  return pair.has("head") && pair.has("spouse") ? "legitimate" : undefined;
}

const ordinals = ["長", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/**
 * The newborn's 父母との続き柄 (長男, 二女 …): one more than the older children of the household of
 * the same sex, counted when the newborn's and every older child's sex is known and the children are
 * the head's (so the couple's); undefined otherwise, and the interview asks.
 */
export function childOrderOf(household: Household, answers: Answers): string | undefined {
  const child = newbornOf(household);
  const { mother } = parentsOf(household, answers);
  if (child?.relation !== "child" || !mother) return undefined;
  if (mother.relation !== "head" && mother.relation !== "spouse") return undefined;
  const sex = sexOf(child, answers);
  if (!sex) return undefined;
  const older = household.members.filter(
    (m) => m.id !== child.id && m.relation === "child" && m.birthDate <= child.birthDate,
  );
  if (older.some((m) => sexOf(m, answers) === undefined)) return undefined;
  const rank = older.filter((m) => sexOf(m, answers) === sex).length;
  const ordinal = ordinals[rank];
  return ordinal ? `${ordinal}${sex === "male" ? "男" : "女"}` : undefined;
}

/** Minor children of a divorce (未成年の子, under 18 on the day): `relation: child`, not the one leaving. */
export function minorChildrenOf(household: Household): Member[] {
  const on = parseIsoDate(household.event.date);
  return household.members.filter((m) => {
    if (m.relation !== "child" || m.id === household.event.leaving) return false;
    const birth = parseIsoDate(m.birthDate);
    return birth !== null && on !== null && ageOn(birth, on) < 18;
  });
}

/** 親権者 of the minor children: the `custodian` as 夫 or 妻; undefined when the event names none. */
export function custodyOf(household: Household, answers: Answers): "husband" | "wife" | undefined {
  const custodian = household.event.custodian;
  return custodian === undefined ? undefined : partnerRole(household, answers, custodian);
}

/**
 * The partner who returns to the surname before the marriage (婚姻前の氏にもどる者): the partner whose
 * surname changes with the divorce; none when each keeps theirs (婚氏続称 is its own 届).
 */
export function returningPartnerOf(household: Household, answers: Answers): "husband" | "wife" | undefined {
  for (const id of household.event.surnameChanges ?? []) {
    const role = partnerRole(household, answers, id);
    if (role) return role;
  }
  return undefined;
}

/** The marriage's chosen surname (婚姻後の夫婦の氏) from whose surname changes: the other's. */
export function marriageSurnameOf(household: Household, answers: Answers): "husband" | "wife" | undefined {
  const role = returningPartnerOf(household, answers);
  if (role === "wife") return "husband";
  if (role === "husband") return "wife";
  return undefined;
}

/** The surname of a name as registered ("天草 由美" → "天草"); undefined when it has no space. */
export function surnameOf(name: string | undefined): string | undefined {
  const parts = normalizeNameText(name ?? "")
    .trim()
    .split(/[\s\u3000]+/);
  return parts.length >= 2 ? parts[0] : undefined;
}

/** The given name of a name as registered ("天草 由美" → "由美"). */
export function givenNameOf(name: string | undefined): string | undefined {
  const parts = normalizeNameText(name ?? "")
    .trim()
    .split(/[\s\u3000]+/);
  return parts.length >= 2 ? parts.slice(1).join(" ") : undefined;
}
