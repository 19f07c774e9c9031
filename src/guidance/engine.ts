import { type Catalog, getCatalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { Department, Handling } from "../catalog/vocabulary";
import { type CompiledGuide, type CompiledRule, compileGuide } from "./compile";
import type { HouseholdTest } from "./conditions";
import { deriveFacts, displayName, type HouseholdFacts, type MemberFacts } from "./facts";
import type { Household } from "./household.schema";
import { claimantSentence, sentenceTail } from "./reasons";

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
  /** Plain-Japanese sentences: which fact of which member selected the procedure. */
  reasons: string[];
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

function namesOf(members: readonly MemberFacts[]): string {
  let names = displayName(members[0] as MemberFacts);
  for (let i = 1; i < members.length; i++) names += `、${displayName(members[i] as MemberFacts)}`;
  return names;
}

function explainMembers(rule: CompiledRule, matched: readonly MemberFacts[], reasons: string[]): void {
  if (rule.fixedTail !== null) {
    if (rule.fixedTail !== "") reasons.push(namesOf(matched) + rule.fixedTail);
    return;
  }
  // Members with the same facts share one sentence: "AさんとBさんが…" reads better than two.
  const groups = new Map<string, MemberFacts[]>();
  const parts: string[] = [];
  for (const f of matched) {
    parts.length = 0;
    rule.describe(f, parts);
    const key = parts.join("で、");
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  for (const [facts, group] of groups) reasons.push(namesOf(group) + sentenceTail(rule.clause, facts));
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
  const procedures: PlanItem[] = [];
  for (const procedure of candidates) {
    let reasons: string[] | null = null;
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
      for (const reason of rule.whenReasons) if (!reasons.includes(reason)) reasons.push(reason);
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
    if (reasons.length === 0) reasons.push(`${namesOf(chosen)}が対象のため`);
    if (procedure.claimant === "funeralHost") {
      const host = facts.members.find((f) => f.id === household.event.funeralHost);
      reasons.push(claimantSentence(host && displayName(host)));
    }
    const slot = procedure.deadline;
    let deadline: string | null = null;
    if (slot >= 0) {
      const known = dates[slot];
      deadline = known !== undefined ? known : (guide.deadlines[slot]?.(facts.eventDate) ?? null);
      dates[slot] = deadline;
    }
    procedures.push({
      id: procedure.id,
      name: procedure.name,
      department: procedure.department,
      handling: procedure.handling,
      members: chosen.map((f) => f.id),
      deadline,
      reasons,
    });
  }
  return { procedures };
}
