import type { Catalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { DeadlineRule, ProcedureEntry, Rule } from "../catalog/procedure.schema";
import type { Department, EventType, Handling, Scope } from "../catalog/vocabulary";
import { addDays, type CalendarDate, endOfYearsPeriod, formatIsoDate } from "./calendar";
import { compileAll, compileHouseholdTest, type HouseholdTest, type MemberTest } from "./conditions";
import {
  compileDescriber,
  householdReason,
  type MemberDescriber,
  type Reason,
  reasonKey,
  scopeParam,
} from "./reasons";

export interface CompiledRule {
  readonly when: readonly HouseholdTest[];
  /** The reasons the household conditions add, each with its {@link reasonKey}. */
  readonly whenReasons: readonly { readonly key: string; readonly reason: Reason }[];
  readonly scope: Scope;
  readonly test: MemberTest;
  /**
   * The members' fact tokens when they are the same for every member (the usual case), so a plan
   * only adds the members; "" when there are none; null when they depend on the member.
   */
  readonly fixedFacts: string | null;
  /** False when the members need no reason of their own (the household as a whole, no facts). */
  readonly explains: boolean;
  /** For a null `fixedFacts`: the tokens true of one member. */
  readonly describe: MemberDescriber;
  /** The reasons' `scope` parameter (see reasons.ts). */
  readonly scopeParam: string;
}

export interface CompiledProcedure {
  readonly id: string;
  /** The Japanese name (the municipality's own where it has one). */
  readonly name: string;
  readonly department: Department;
  readonly handling: Handling;
  readonly claimant: ProcedureEntry["claimant"];
  /** Index into {@link CompiledGuide.deadlines}, or -1 for no deadline. */
  readonly deadline: number;
  /** Only the rules for one event type. */
  readonly rules: readonly CompiledRule[];
}

export interface CompiledGuide {
  /** Per event type, the procedures that can apply, in catalogue order then local ones. */
  readonly byEvent: ReadonlyMap<EventType, readonly CompiledProcedure[]>;
  /** The distinct deadline rules, so a plan computes each date once. */
  readonly deadlines: readonly ((on: CalendarDate) => string)[];
}

function compileDeadline(rule: DeadlineRule): (on: CalendarDate) => string {
  if (rule.kind === "years") return (on) => formatIsoDate(endOfYearsPeriod(on, rule.years));
  // 民法 §140 leaves the first day out; 戸籍法 §43 counts it.
  const offset = rule.basis === "civil" ? rule.days : rule.days - 1;
  return (on) => formatIsoDate(addDays(on, offset));
}

function compileRule(rule: Rule, event: EventType, limit: number): CompiledRule {
  const when = rule.when ?? [];
  const where = rule.members.where ?? [];
  const tokens = where.map((c) => compileDescriber(c, limit));
  const fixed = tokens.every((w) => typeof w === "string") ? tokens.filter((w) => w !== "").join(" ") : null;
  return {
    when: when.map((c) => compileHouseholdTest(c, limit)),
    whenReasons: when
      .map((c) => householdReason(c, event, limit))
      .filter((r) => r !== null)
      .map((reason) => ({ key: reasonKey(reason), reason })),
    scope: rule.members.scope,
    test: compileAll(where, limit),
    fixedFacts: fixed,
    // For the household as a whole the condition (e.g. a request) is the reason, not membership.
    explains: !(rule.members.scope === "household" && fixed === ""),
    describe: (f, out) => {
      for (const w of tokens) {
        if (typeof w === "function") w(f, out);
        else if (w !== "") out.push(w);
      }
    },
    scopeParam: scopeParam(rule.members.scope, event),
  };
}

/**
 * Turns the catalogue and one municipality's settings into predicates indexed by event, so that
 * planning a household does no lookups, parsing or string building beyond its own reasons.
 */
export function compileGuide(catalog: Catalog, settings: MunicipalitySettings): CompiledGuide {
  const limit = settings.childMedicalGradeLimit;
  const byEvent = new Map<EventType, CompiledProcedure[]>();
  const deadlineKeys = new Map<string, number>();
  const deadlines: ((on: CalendarDate) => string)[] = [];
  const guidanceOnly = new Set(settings.guidanceOnly);
  for (const entry of [...catalog.procedures, ...settings.localProcedures]) {
    let deadline = -1;
    if (entry.deadline) {
      const key = JSON.stringify(entry.deadline);
      deadline = deadlineKeys.get(key) ?? deadlines.length;
      if (deadline === deadlines.length) {
        deadlineKeys.set(key, deadline);
        deadlines.push(compileDeadline(entry.deadline));
      }
    }
    const events = new Set(entry.rules.flatMap((rule) => rule.events));
    for (const event of events) {
      const procedure: CompiledProcedure = {
        id: entry.id,
        name: (settings.procedureNames[entry.id] ?? entry.name).ja,
        department: entry.department,
        handling: entry.handling === "one-stop" && !guidanceOnly.has(entry.id) ? "one-stop" : "guidance",
        claimant: entry.claimant,
        deadline,
        rules: entry.rules
          .filter((rule) => rule.events.includes(event))
          .map((r) => compileRule(r, event, limit)),
      };
      const list = byEvent.get(event) ?? [];
      list.push(procedure);
      byEvent.set(event, list);
    }
  }
  return { byEvent, deadlines };
}
