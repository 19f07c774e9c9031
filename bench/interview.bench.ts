// Issue 16 figures: the questions the counter asks per visit beside the distinct values the forms
// fill (the registry and the household answer the rest), and the time to fill the household form
// from the registry beside a primary-key read of the same household, in the same run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { getMunicipalitySettings } from "../src/catalog/municipalities";
import { openDatabase } from "../src/db/database";
import {
  type Answers,
  bindingsFor,
  noAnswers,
  questionsFor,
  resolveBinding,
} from "../src/forms/field-dictionary";
import { moveInFamily } from "../src/forms/fixtures/households";
import { defaultTemplates } from "../src/forms/templates";
import { planGuidance } from "../src/guidance/engine";
import { guideHousehold } from "../src/guidance/guide";
import type { Household } from "../src/guidance/household.schema";
import { parseHousehold } from "../src/guidance/validate";
import { generateRegistry } from "../src/registry/generate-registry";
import { householdToGuidanceInput } from "../src/registry/guidance-input";
import { localRegistry } from "../src/registry/local-registry";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { registryFactsOf } from "../src/visits/registry-facts";
import { fmt } from "./support";

const examples = join(import.meta.dirname, "..", "..", "shared", "examples");

/** Every value the plan's one-stop forms print, counted once per household field and per member field. */
function distinctFields(
  household: Household,
  plan: { procedures: { id: string; handling: string; members: string[] }[] },
) {
  const seen = new Set<string>();
  for (const item of plan.procedures) {
    if (item.handling !== "one-stop") continue;
    const template = defaultTemplates.get(item.id);
    if (!template) continue;
    const b = bindingsFor(template, household.event.type);
    for (const key of b.household) {
      if (resolveBinding(key, household, noAnswers).kind !== "blank") seen.add(key);
    }
    for (const id of item.members) {
      for (const key of b.member) seen.add(`${key}\u0000${id}`);
    }
  }
  return seen.size;
}

function interviewFigures(label: string, input: unknown, known: Answers = noAnswers) {
  const parsed = parseHousehold(input);
  if (!parsed.ok) throw new Error(`${label}: the household does not parse`);
  const { household } = parsed;
  const guided = { plan: planGuidance(household, getMunicipalitySettings("kumamoto")) };
  const forms = guided.plan.procedures.filter((p) => p.handling === "one-stop").length;
  const asked = questionsFor(guided.plan, household, { known }).length;
  const filled = distinctFields(household, guided.plan);
  console.log(
    `${label}`.padEnd(52) +
      `${household.members.length} people, ${forms} forms: ${asked} questions asked  (forms fill ${filled} distinct values → ${fmt((asked / filled) * 100, 1)} % asked)`,
  );
}

async function registryFill() {
  const database = await openDatabase({ kind: "pglite" });
  try {
    await database.migrate();
    await seedMunicipality(database.db, kumamotoSeed);
    await generateRegistry({
      db: database.db,
      municipalityId: "kumamoto",
      seed: 16,
      residents: 2000,
      asOf: "2026-04-01",
    });
    const registry = localRegistry(database);
    const rows = (await database.db.execute(
      sql`select id from registry_households where municipality_id = 'kumamoto' order by household_no limit 200`,
    )) as unknown as { rows: { id: string }[] };
    const ids = rows.rows.map((r) => r.id);
    const fill: number[] = [];
    const pk: number[] = [];
    for (const id of ids) {
      const t0 = performance.now();
      const household = await registry.household("kumamoto", id);
      if (!household) continue;
      const input = householdToGuidanceInput(household, { type: "move-within", date: "2026-04-06" });
      registryFactsOf("kumamoto", household, "move-within");
      guideHousehold(input, getMunicipalitySettings("kumamoto"));
      fill.push(performance.now() - t0);
      const t1 = performance.now();
      await database.db.execute(sql`select * from registry_households where id = ${id}`);
      pk.push(performance.now() - t1);
    }
    const p = (xs: number[], q: number) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] ?? Number.NaN;
    console.log(
      "fill the household from the registry (PGlite)".padEnd(52) +
        `p50 ${fmt(p(fill, 0.5), 2)} ms, p95 ${fmt(p(fill, 0.95), 2)} ms  (primary-key SELECT p50 ${fmt(p(pk, 0.5), 2)} ms; ${ids.length} households, read + map + plan)`,
    );
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  interviewFigures("move-in of six (the forms fixture)", moveInFamily);
  for (const name of [
    "move-in-young-family",
    "move-between-wards-new-school",
    "move-out-self-employed-family",
    "death-of-elderly-head",
  ]) {
    interviewFigures(name, JSON.parse(readFileSync(join(examples, `${name}.json`), "utf8")));
  }
  interviewFigures(
    "death-of-elderly-head, with the registered address",
    JSON.parse(readFileSync(join(examples, "death-of-elderly-head.json"), "utf8")),
    { household: { address: "熊本市南区近見五丁目35番24号" }, members: {} },
  );
  await registryFill();
}
