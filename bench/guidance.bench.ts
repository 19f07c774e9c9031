import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { getMunicipalitySettings } from "../src/catalog/municipalities";
import { planGuidance } from "../src/guidance/engine";
import { validHousehold } from "../src/guidance/household.arbitrary";
import type { Household } from "../src/guidance/household.schema";
import { parseHousehold } from "../src/guidance/validate";

const households = 100_000;
const seed = 20_260_406;

interface Timing {
  median: number;
  mean: number;
}

/**
 * Median from timing each call (what one household costs), mean from one untimed loop over all
 * of them (what throughput costs, garbage collection included). Both in microseconds.
 */
function measure<T>(inputs: readonly T[], work: (input: T) => unknown): Timing {
  for (const input of inputs.slice(0, 10_000)) work(input);
  const each = new Float64Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const start = performance.now();
    work(inputs[i] as T);
    each[i] = performance.now() - start;
  }
  each.sort();
  const start = performance.now();
  for (const input of inputs) work(input);
  const total = performance.now() - start;
  return { median: (each[each.length >> 1] ?? 0) * 1000, mean: (total * 1000) / inputs.length };
}

const µs = (value: number) => value.toFixed(1);

/**
 * Guidance benchmark: 100,000 random valid households (seeded, so every run plans the same ones),
 * validation and planning measured in the same process so the ratio is meaningful on any machine.
 * Run alone with `node --import tsx bench/guidance.bench.ts`.
 */
export default async function bench(): Promise<void> {
  const settings = getMunicipalitySettings("national");
  const made = performance.now();
  const raw = fc.sample(validHousehold, { seed, numRuns: households });
  const texts = raw.map((h) => JSON.stringify(h));
  console.log(
    `guidance: ${households} random valid households (seed ${seed}) in ${Math.round(performance.now() - made)} ms`,
  );
  const byEvent = new Map<string, number>();
  for (const h of raw) byEvent.set(h.event.type, (byEvent.get(h.event.type) ?? 0) + 1);
  console.log(
    `guidance.events  ${[...byEvent].map(([event, n]) => `${event} ${n}`).join(", ")} (all eight events of the catalogue)`,
  );

  const json = measure(texts, (text) => JSON.parse(text));
  const objects = texts.map((text) => JSON.parse(text) as unknown);
  const validation = measure(objects, (input) => parseHousehold(input));
  const parsed: Household[] = objects.map((input) => {
    const result = parseHousehold(input);
    if (!result.ok) throw new Error(`generated an invalid household: ${JSON.stringify(result.problems)}`);
    return result.household;
  });
  const engine = measure(parsed, (household) => planGuidance(household, settings));
  let procedures = 0;
  for (const household of parsed) procedures += planGuidance(household, settings).procedures.length;

  const ratio = engine.median / validation.median;
  console.log(`guidance.json-parse  median ${µs(json.median)} µs/household  mean ${µs(json.mean)} µs`);
  console.log(
    `guidance.validate    median ${µs(validation.median)} µs/household  mean ${µs(validation.mean)} µs` +
      `  (zod schema + contradictions + canonical shape)`,
  );
  console.log(
    `guidance.engine  median ${µs(engine.median)} µs/household  (validation ${µs(validation.median)} µs → ratio ${ratio.toFixed(2)})` +
      `  mean ${µs(engine.mean)} µs  ${Math.round(1e6 / engine.mean).toLocaleString("en")} plans/s` +
      `  ${(procedures / households).toFixed(1)} procedures/plan`,
  );
  const met = engine.median <= 20 && ratio < 1;
  console.log(
    `guidance.target  engine median ≤ 20 µs and cheaper than validation: ${met ? "met" : "NOT met"}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bench();
