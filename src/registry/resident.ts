import {
  type Benefit,
  benefits,
  type CareLevel,
  careLevels,
  type Insurance,
  insurances,
  type PensionCategory,
  type Possession,
  pensionCategories,
  possessions,
  type Relation,
  relations,
  type Sex,
  sexes,
} from "../catalog/vocabulary";
import type { Message } from "../shared/locale";
import { domicileFields, type ResidentDomicile } from "./domicile";
import { message } from "./registry.errors";

export type { ResidentDomicile } from "./domicile";

/**
 * A resident as the registry keeps one. The fact fields carry exactly the names and codes of a
 * member of the guidance input (household.schema.json), so a household found here becomes guidance
 * input field by field (see guidance-input.ts) with no mapping table in between.
 */
export interface ResidentFacts {
  insurance: Insurance;
  pension: PensionCategory | null;
  pensionRecipient: boolean;
  myNumberCard: boolean;
  careLevel: CareLevel | null;
  disabilityCertificate: boolean;
  sealRegistered: boolean;
  pregnant: boolean;
  needsDaycare: boolean;
  publicServant: boolean;
  benefits: Benefit[];
  owns: Possession[];
}

export interface ResidentIdentity {
  relation: Relation;
  /** 氏名 exactly as registered (rare kanji and IVS sequences kept). */
  name: string;
  /** フリガナ as registered. */
  kana: string;
  /** ISO date. */
  birthDate: string;
  sex: Sex;
}

/** What the counter may change at a resident's word (with a reason): the facts and the 戸籍/在留 facts. */
export type EditableFacts = ResidentFacts & ResidentDomicile;

export interface ResidentRecord extends ResidentIdentity, ResidentFacts, ResidentDomicile {
  id: string;
  /** The core system's number for the person (宛名番号). */
  residentNo: string;
  householdId: string;
  /** Raised on every change; an edit names the version it started from. */
  version: number;
}

export interface HouseholdRecord {
  id: string;
  /** The core system's number for the household (世帯番号). */
  householdNo: string;
  ward: string;
  /** The address after the ward, as registered. */
  address: string;
  /** 郵便番号 as NNN-NNNN, when the core system gave it. */
  postalCode: string | null;
  /** The head first, then spouse, parents, children, others, each by birth date. */
  members: ResidentRecord[];
}

/** What a search result shows: enough to choose the right person, and no more. */
export interface ResidentSummary {
  id: string;
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: Sex;
  ward: string;
  address: string;
  /** Card search only: whether the registered address agrees with the card's. */
  addressMatches?: boolean;
}

export interface SearchResults {
  residents: ResidentSummary[];
  /** More residents matched than were returned: the staff member narrows the search. */
  more: boolean;
}

export type ChangeSource = "counter" | "import" | "generator" | "core-system";

export interface ResidentChange {
  occurredAt: Date;
  residentId: string | null;
  residentName: string | null;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  source: ChangeSource;
  actorUsername: string | null;
  reason: string | null;
}

export const factFields = [
  "insurance",
  "pension",
  "pensionRecipient",
  "myNumberCard",
  "careLevel",
  "disabilityCertificate",
  "sealRegistered",
  "pregnant",
  "needsDaycare",
  "publicServant",
  "benefits",
  "owns",
] as const satisfies readonly (keyof ResidentFacts)[];
export type FactField = (typeof factFields)[number];

/** Everything an edit at the counter may change, one history row each. */
export const editableFields = [...factFields, ...domicileFields] as const;
export type EditableField = (typeof editableFields)[number];

export const booleanFacts = [
  "pensionRecipient",
  "myNumberCard",
  "disabilityCertificate",
  "sealRegistered",
  "pregnant",
  "needsDaycare",
  "publicServant",
] as const satisfies readonly FactField[];

export const codeLists = {
  relations,
  sexes,
  insurances,
  pensionCategories,
  careLevels,
  benefits,
  possessions,
};

const relationOrder: Record<Relation, number> = { head: 0, spouse: 1, parent: 2, child: 3, other: 4 };

/** Head first, then spouse, parents, children and others, older first within each. */
export function compareMembers(a: ResidentIdentity, b: ResidentIdentity): number {
  return relationOrder[a.relation] - relationOrder[b.relation] || a.birthDate.localeCompare(b.birthDate);
}

/** Completed years on `on` (both ISO dates); the birthday itself counts as completed. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [oy, om, od] = on.split("-").map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/** A fact that contradicts the age, as a message code (registry.factKoukiUnder65, …) with the age. */
export interface FactProblem extends Message {
  field: FactField;
}

/**
 * The facts that contradict the person's age on `on`, by the same rules the guidance validation
 * applies (後期高齢者医療 from 65 at the earliest and for everyone from 75; a national pension
 * category only from 20 to 59), so that the registry never holds a household the guidance refuses.
 */
export function factProblems(
  facts: Pick<ResidentFacts, "insurance" | "pension">,
  birthDate: string,
  on: string,
) {
  const age = ageOn(birthDate, on);
  const out: FactProblem[] = [];
  if (facts.insurance === "kouki" && age < 65) {
    out.push({ field: "insurance", ...message("factKoukiUnder65", { age: String(age) }) });
  }
  if ((facts.insurance === "kokuho" || facts.insurance === "employee") && age >= 75) {
    out.push({
      field: "insurance",
      ...message("factInsuranceOver75", { age: String(age), insurance: facts.insurance }),
    });
  }
  if (facts.pension !== null && (age < 20 || age > 59)) {
    out.push({ field: "pension", ...message("factPensionAge", { age: String(age) }) });
  }
  return out;
}

/** Today's date in Japan as an ISO date (re-exported: registry facts are about days in Japan). */
export { todayInJapan } from "../shared/dates";
