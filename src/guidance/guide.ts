import type { Catalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { type Plan, planGuidance } from "./engine";
import { type GuidanceError, type HouseholdProblem, problem } from "./problems";
import { parseHousehold } from "./validate";

export type GuideResult = { ok: true; plan: Plan } | { ok: false; error: GuidanceError };

/**
 * The whole use case for one household as the API and the CLI receive it: validate, refuse with
 * every problem, or plan. `raw` is the parsed JSON value.
 */
export function guideHousehold(raw: unknown, settings: MunicipalitySettings, catalog?: Catalog): GuideResult {
  const parsed = parseHousehold(raw);
  if (!parsed.ok) return { ok: false, error: { code: "household.invalid", problems: parsed.problems } };
  return { ok: true, plan: planGuidance(parsed.household, settings, catalog) };
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
