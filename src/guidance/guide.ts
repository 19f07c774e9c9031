import type { Catalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { type Plan, planGuidance } from "./engine";
import type { Household } from "./household.schema";
import { type GuidanceError, type HouseholdProblem, problem } from "./problems";
import { parseHousehold } from "./validate";
import { mergePlans } from "./visit-plan";

export type GuideResult = { ok: true; plan: Plan } | { ok: false; error: GuidanceError };

/**
 * The whole use case for one household as the API and the CLI receive it: validate, refuse with
 * every problem, or plan. `raw` is the parsed JSON value.
 */
export function guideHousehold(raw: unknown, settings: MunicipalitySettings, catalog?: Catalog): GuideResult {
  if (Array.isArray(raw)) return guideVisit(raw, settings, catalog);
  const parsed = parseHousehold(raw);
  if (!parsed.ok) return { ok: false, error: { code: "household.invalid", problems: parsed.problems } };
  return { ok: true, plan: planGuidance(parsed.household, settings, catalog) };
}

/**
 * Several events of one visit (a JSON array of households, one per event, the members under the
 * same ids): every household is validated — the problems of each named by its place, `[1].event.date`
 * — and the plans are merged (visit-plan.ts).
 */
function guideVisit(raw: unknown[], settings: MunicipalitySettings, catalog?: Catalog): GuideResult {
  if (raw.length === 0)
    return {
      ok: false,
      error: { code: "household.invalid", problems: [problem("schema.empty", raw, [], { label: "" })] },
    };
  const households: Household[] = [];
  const problems: HouseholdProblem[] = [];
  raw.forEach((one, index) => {
    const parsed = parseHousehold(one);
    if (parsed.ok) households.push(parsed.household);
    else
      for (const p of parsed.problems)
        problems.push({ ...p, path: `[${index}]${p.path ? `.${p.path}` : ""}` });
  });
  if (problems.length > 0) return { ok: false, error: { code: "household.invalid", problems } };
  const order: string[] = [];
  for (const household of households)
    for (const member of household.members) if (!order.includes(member.id)) order.push(member.id);
  return {
    ok: true,
    plan: mergePlans(
      households.map((h) => planGuidance(h, settings, catalog)),
      order,
    ),
  };
}

export function malformedJsonProblem(detail: string): HouseholdProblem {
  return problem("json.malformed", undefined, [], { detail });
}

/** {@link guideHousehold} on JSON text, with malformed JSON as an error value instead of a throw. */
export function guideJson(text: string, settings: MunicipalitySettings, catalog?: Catalog): GuideResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "json.malformed", problems: [malformedJsonProblem(detail)] } };
  }
  return guideHousehold(raw, settings, catalog);
}
