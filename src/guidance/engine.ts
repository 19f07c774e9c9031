import { type Catalog, getCatalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { Department, Handling } from "../catalog/vocabulary";
import { type CompiledGuide, type CompiledRule, compileGuide } from "./compile";
import type { HouseholdTest } from "./conditions";
import { dueDate } from "./due-date";
import { deriveFacts, type HouseholdFacts, type MemberFacts } from "./facts";
import type { Household } from "./household.schema";
import { claimantReason, memberParams, membersReason, type Reason, reasonCodes } from "./reasons";

/** One procedure of a plan; exactly the keys of the `madoguchi guide` JSON contract. */
export interface PlanItem {
  id: string;
  /** Japanese name, or the municipality's own label for it. */
  name: string;
  department: Department;
  handling: Handling;
  /** Member ids in input order. */
  members: string[];
  /** The last permitted day (ISO date), or null where the law sets none. */
  deadline: string | null;
  /**
   * The last day the office actually accepts it: `deadline`, or the next open day when that falls
   * on a day the municipality is closed (地方自治法 §4の2④); null when `deadline` is.
   */
  due: string | null;
  /**
   * Which fact of which member selected the procedure, as message codes with their data (see
   * reasons.ts); the web layer and the CLI turn them into sentences in the reader's language.
   */
  reasons: Reason[];
}

export interface Plan {
  procedures: PlanItem[];
}

const compiled = new WeakMap<Catalog, WeakMap<MunicipalitySettings, CompiledGuide>>();

function guideFor(catalog: Catalog, settings: MunicipalitySettings): CompiledGuide {
  let bySettings = compiled.get(catalog);
  if (!bySettings) {
    bySettings = new WeakMap();
    compiled.set(catalog, bySettings);
  }
  let guide = bySettings.get(settings);
  if (!guide) {
    guide = compileGuide(catalog, settings);
    bySettings.set(settings, guide);
  }
  return guide;
}

function allHold(tests: readonly HouseholdTest[], household: Household, facts: HouseholdFacts): boolean {
  for (const test of tests) if (!test(household, facts)) return false;
  return true;
}

function explainMembers(rule: CompiledRule, matched: readonly MemberFacts[], reasons: Reason[]): void {
  if (!rule.explains) return;
  if (rule.fixedFacts !== null) {
    reasons.push(membersReason(matched, rule.scopeParam, rule.fixedFacts));
    return;
  }
  // Members with the same facts share one reason: "AさんとBさんが…" reads better than two.
  const groups = new Map<string, MemberFacts[]>();
  const parts: string[] = [];
  for (const f of matched) {
    parts.length = 0;
    rule.describe(f, parts);
    const key = parts.join(" ");
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  for (const [facts, group] of groups) reasons.push(membersReason(group, rule.scopeParam, facts));
}

/**
 * Lists every procedure the household must complete for its event, in catalogue order, with the
 * members concerned (input order), the deadline and the reasons.
 *
 * Pure and deterministic. `household` must have passed `parseHousehold`: the engine trusts the
 * contradiction checks (e.g. a death always names an existing subject) and does not repeat them.
 * Rules are compiled once per (catalogue, settings) pair and cached.
 */
export function planGuidance(
  household: Household,
  settings: MunicipalitySettings,
  catalog: Catalog = getCatalog(),
): Plan {
  const guide = guideFor(catalog, settings);
  const candidates = guide.byEvent.get(household.event.type);
  if (!candidates) return { procedures: [] };
  const facts = deriveFacts(household, settings.childMedicalGradeLimit);
  const dates: (string | null | undefined)[] = [];
  const dues: (string | null)[] = [];
  const procedures: PlanItem[] = [];
  for (const procedure of candidates) {
    let reasons: Reason[] | null = null;
    let said: Set<string> | null = null;
    let chosen: MemberFacts[] | null = null;
    let merged = false;
    for (const rule of procedure.rules) {
      if (!allHold(rule.when, household, facts)) continue;
      let matched: MemberFacts[] | null = null;
      for (const f of facts.scopes[rule.scope]) {
        if (!rule.test(f)) continue;
        if (matched === null) matched = [f];
        else matched.push(f);
      }
      if (matched === null) continue;
      reasons ??= [];
      for (const { key, reason } of rule.whenReasons) {
        said ??= new Set();
        if (said.has(key)) continue;
        said.add(key);
        reasons.push(reason);
      }
      explainMembers(rule, matched, reasons);
      if (chosen === null) chosen = matched;
      else {
        chosen = chosen.concat(matched);
        merged = true;
      }
    }
    if (chosen === null || reasons === null) continue;
    // Several rules of one procedure may select the same member; keep each once, in input order.
    if (merged) chosen = facts.members.filter((f) => (chosen as MemberFacts[]).includes(f));
    if (reasons.length === 0) reasons.push({ code: reasonCodes.anyone, params: memberParams(chosen) });
    if (procedure.claimant === "funeralHost")
      reasons.push(claimantReason(facts.members.find((f) => f.id === household.event.funeralHost)));
    const slot = procedure.deadline;
    let deadline: string | null = null;
    let due: string | null = null;
    if (slot >= 0) {
      const known = dates[slot];
      if (known !== undefined) {
        deadline = known;
        due = dues[slot] ?? null;
      } else {
        deadline = guide.deadlines[slot]?.(household, facts) ?? null;
        due = dueDate(deadline, settings.closedDates);
        dates[slot] = deadline;
        dues[slot] = due;
      }
    }
    procedures.push({
      id: procedure.id,
      name: procedure.name,
      department: procedure.department,
      handling: procedure.handling,
      members: chosen.map((f) => f.id),
      deadline,
      due,
      reasons,
    });
  }
  return { procedures };
}
