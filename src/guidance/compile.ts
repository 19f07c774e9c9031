import type { Catalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { DeadlineRule, ProcedureEntry, Rule } from "../catalog/procedure.schema";
import type { Department, EventType, Handling, Scope } from "../catalog/vocabulary";
import {
  addDays,
  type CalendarDate,
  endOfMonthsPeriod,
  endOfYearsPeriod,
  formatIsoDate,
  parseIsoDate,
} from "./calendar";
import { compileAll, compileHouseholdTest, type HouseholdTest, type MemberTest } from "./conditions";
import type { HouseholdFacts } from "./facts";
import type { Household } from "./household.schema";
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
  readonly deadlines: readonly Deadline[];
}

/** The last permitted day for one household, or null where there is none (yet). */
export type Deadline = (household: Household, facts: HouseholdFacts) => string | null;

function periodEnd(rule: DeadlineRule): (on: CalendarDate) => string {
  switch (rule.kind) {
    case "years":
      return (on) => formatIsoDate(endOfYearsPeriod(on, rule.years));
    case "months":
      return (on) => formatIsoDate(endOfMonthsPeriod(on, rule.months));
    case "days": {
      // 民法 §140 leaves the first day out; 戸籍法 §43 counts it.
      const offset = rule.basis === "civil" ? rule.days : rule.days - 1;
      return (on) => formatIsoDate(addDays(on, offset));
    }
  }
}

function compileDeadline(rule: DeadlineRule, limit: number): Deadline {
  const end = periodEnd(rule);
  const when = (rule.when ?? []).map((c) => compileHouseholdTest(c, limit));
  const holds = (household: Household, facts: HouseholdFacts): boolean => {
    for (const test of when) if (!test(household, facts)) return false;
    return true;
  };
  if (rule.from === "funeralDate")
    return (household, facts) => {
      // Validation refused a funeral date that does not parse; unknown means no date yet.
      const funeral = household.event.funeralDate;
      const start = funeral === undefined ? null : parseIsoDate(funeral);
      return start && holds(household, facts) ? end(start) : null;
    };
  return (household, facts) => (holds(household, facts) ? end(facts.eventDate) : null);
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
  const deadlines: Deadline[] = [];
  const guidanceOnly = new Set(settings.guidanceOnly);
  for (const entry of [...catalog.procedures, ...settings.localProcedures]) {
    let deadline = -1;
    if (entry.deadline) {
      const key = JSON.stringify(entry.deadline);
      deadline = deadlineKeys.get(key) ?? deadlines.length;
      if (deadline === deadlines.length) {
        deadlineKeys.set(key, deadline);
        deadlines.push(compileDeadline(entry.deadline, limit));
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
  // An event with its own table (catalogue section 5) lists its procedures in that table's order;
  // the municipality's local procedures, which no table names, follow.
  for (const [event, ids] of catalog.order) {
    const list = byEvent.get(event);
    if (!list) continue;
    const rank = (id: string) => {
      const at = ids.indexOf(id);
      return at < 0 ? ids.length : at;
    };
    list.sort((a, b) => rank(a.id) - rank(b.id));
  }
  return { byEvent, deadlines };
}
