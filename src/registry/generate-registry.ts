import type { Db } from "../db/database";
import { type ApplyCounts, applyRegistryRows } from "./apply-registry-rows";
import { demoPersonaRows } from "./demo-personas";
import { generatePopulation } from "./generate-population";
import { registryRepository } from "./registry.repository";
import { registryCsvHeader, registryCsvLine } from "./registry-csv";
import type { RegistryRow } from "./registry-row";

export interface GenerateRegistryOptions {
  db: Db;
  municipalityId: string;
  seed: number;
  residents: number;
  asOf: string;
  actorUsername?: string;
  /** Fixed households written with the population in the same transaction (the demo's personas). */
  extraRows?: readonly RegistryRow[];
  onProgress?: (done: number, total: number) => void;
}

// Rows per statement: large enough that per-statement overhead vanishes, small enough to keep the
// JSON parameter around a megabyte.
const CHUNK = 4_000;

/**
 * Generates the synthetic population into the registry in one transaction. Households are upserted
 * by their numbers, so a second run with the same seed, size and date changes nothing.
 */
export async function generateRegistry(options: GenerateRegistryOptions): Promise<ApplyCounts> {
  const counts = await options.db.transaction(async (tx) => {
    const repo = registryRepository(tx);
    const importId = await repo.startImport({
      municipalityId: options.municipalityId,
      source: "generator",
      fileName: `seed=${options.seed} residents=${options.residents} asOf=${options.asOf}`,
      actorUsername: options.actorUsername ?? null,
    });
    const total: ApplyCounts = { created: 0, updated: 0, unchanged: 0 };
    let pending: RegistryRow[] = [];
    let done = 0;
    const flush = async () => {
      const result = await applyRegistryRows(tx, pending, {
        municipalityId: options.municipalityId,
        context: { source: "generator", importId, actorUsername: options.actorUsername ?? null },
        recordCreation: false,
        batchSize: CHUNK,
      });
      if (result.headProblems.length > 0) {
        throw new Error(
          `generated households without one head: ${result.headProblems.map((p) => p.householdNo).join(", ")}`,
        );
      }
      total.created += result.created;
      total.updated += result.updated;
      total.unchanged += result.unchanged;
      done += pending.length;
      pending = [];
      options.onProgress?.(done, options.residents);
    };
    pending.push(...(options.extraRows ?? []));
    for (const household of generatePopulation(options)) {
      pending.push(...household.rows);
      if (pending.length >= CHUNK) await flush();
    }
    if (pending.length > 0) await flush();
    await repo.finishImport(options.municipalityId, importId, { rows: done, ...total });
    return total;
  });
  await registryRepository(options.db).analyzeAfter(options.municipalityId, counts.created + counts.updated);
  return counts;
}

/** The same population as CSV text chunks in the import layout (docs/registry-import.md). */
export function* generateRegistryCsv(options: Omit<GenerateRegistryOptions, "db" | "municipalityId">) {
  yield registryCsvHeader();
  let lines: string[] = [];
  let done = 0;
  for (const household of generatePopulation(options)) {
    for (const row of household.rows) lines.push(registryCsvLine(row));
    done += household.rows.length;
    if (lines.length >= CHUNK) {
      yield lines.join("");
      lines = [];
      options.onProgress?.(done, options.residents);
    }
  }
  if (lines.length > 0) yield lines.join("");
  options.onProgress?.(done, options.residents);
}

/**
 * The demo tenant's registry on the first start only: the synthetic population and the personas the
 * counter's stories use (demo-personas.ts: 中村 キヨ living alone, a foreign resident family). One
 * indexed query tells a later start that residents exist, so it costs nothing there.
 */
export async function seedDemoRegistry(
  db: Db,
  options: { municipalityId: string; residents: number; asOf: string; seed?: number },
): Promise<number> {
  if (options.residents <= 0) return 0;
  if (await registryRepository(db).hasResidents(options.municipalityId)) return 0;
  const counts = await generateRegistry({
    db,
    municipalityId: options.municipalityId,
    seed: options.seed ?? 1,
    residents: options.residents,
    asOf: options.asOf,
    actorUsername: "seed",
    extraRows: demoPersonaRows(),
  });
  return counts.created;
}
