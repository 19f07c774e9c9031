// Issue 4 figures, on PGlite (a data directory on disk) and on PostgreSQL (a fresh database on
// DATABASE_URL's server, or postgres://postgres@127.0.0.1:5432/postgres): generation time at 730,000
// residents (REGISTRY_BENCH_RESIDENTS scales it down), then search latency p50/p95 for フリガナ prefix,
// birth date and the card's four attributes (and 氏名 prefix, partial, address), each beside a plain
// SELECT by primary key measured in the same run; then import throughput of the same population as
// CSV into a fresh database (a first full load), and of its re-import. Targets: p95 ≤ 20 ms on PostgreSQL, ≤ 50 ms on PGlite.
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/database";
import { generatePopulation, mulberry32 } from "../src/registry/generate-population";
import { generateRegistry, generateRegistryCsv } from "../src/registry/generate-registry";
import { importRegistry } from "../src/registry/import-registry";
import { localRegistry } from "../src/registry/local-registry";
import { variantFolds } from "../src/registry/name-key";
import type { RegistryRow } from "../src/registry/registry-row";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { fmt } from "./support";

const SEED = 1;
const AS_OF = "2026-04-06";
const QUERIES = 200;

const importTenant = {
  id: "bench-import",
  code: "439999",
  nameJa: "取込検証市",
  nameEn: "Import Bench City",
  departments: [],
  offices: [],
};

interface Engine {
  name: "PGlite" | "PostgreSQL";
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function pgliteEngine(): Engine {
  const dir = mkdtempSync(join(tmpdir(), "mg-bench-registry-"));
  return {
    name: "PGlite",
    open: () => openDatabase({ kind: "pglite", dataDir: join(dir, "data") }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresEngine(): Engine {
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `mg_bench_registry_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name: "PostgreSQL",
    open: async () => {
      await admin(`create database ${name}`);
      return openDatabase({ kind: "postgres", url: url.toString(), max: 4 });
    },
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;

async function measure(run: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** A deterministic sample of the generated residents to search for, without holding all of them. */
function sampleResidents(residents: number): RegistryRow[] {
  const rand = mulberry32(SEED + 1000);
  const wanted = new Set<number>();
  while (wanted.size < QUERIES + 20) wanted.add(Math.floor(rand() * residents));
  const picked: RegistryRow[] = [];
  let index = 0;
  for (const household of generatePopulation({ seed: SEED, residents, asOf: AS_OF })) {
    for (const row of household.rows) if (wanted.has(index++)) picked.push(row);
  }
  // Shuffled (Fisher–Yates, same PRNG) so that consecutive queries do not walk the index in order.
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [picked[i], picked[j]] = [picked[j] as RegistryRow, picked[i] as RegistryRow];
  }
  return picked;
}

const commonForm = (text: string): string =>
  Array.from(text.replace(/[\u{E0100}-\u{E01EF}]/gu, ""))
    .map((ch) => variantFolds[ch] ?? ch)
    .join("");

/** Three kana from inside the given name's reading (or the whole of a shorter one). */
const kanaPiece = (row: RegistryRow): string => {
  const given = Array.from(row.kana.split("\u3000")[1] ?? row.kana);
  return given.length > 3 ? given.slice(1, 4).join("") : given.join("");
};

async function runEngine(
  make: () => Engine,
  residents: number,
  csvPath: string,
  sample: RegistryRow[],
): Promise<void> {
  const engine = make();
  console.log(`\n### ${engine.name}, ${fmt(residents)} residents`);
  await generateAndSearch(engine, residents, sample);
  if (process.env.REGISTRY_BENCH_IMPORT !== "0") await importInto(make(), residents, csvPath);
}

/**
 * The import as a municipality's first full load: the CSV of the same population into a fresh
 * database of the same engine, then the same file again.
 */
async function importInto(engine: Engine, residents: number, csvPath: string): Promise<void> {
  const database = await engine.open();
  try {
    await database.migrate();
    await seedMunicipality(database.db, importTenant);
    const bytes = readFileSync(csvPath);
    let started = performance.now();
    const first = await importRegistry({
      db: database.db,
      municipalityId: importTenant.id,
      bytes,
      fileName: "bench.csv",
      actorUsername: "bench",
      asOf: AS_OF,
    });
    const importMs = performance.now() - started;
    if (!first.ok) throw new Error(`import refused: ${JSON.stringify(first.problems.slice(0, 3))}`);
    console.log(
      `import ${fmt(bytes.length / 1024 / 1024, 1)} MB CSV, all new                ${fmt(importMs / 1000, 1)} s  (${fmt(residents / (importMs / 1000))} rows/s, with history)`,
    );
    started = performance.now();
    const again = await importRegistry({
      db: database.db,
      municipalityId: importTenant.id,
      bytes,
      fileName: "bench.csv",
      actorUsername: "bench",
      asOf: AS_OF,
    });
    const againMs = performance.now() - started;
    if (!again.ok || again.counts.unchanged !== residents) throw new Error("the re-import changed something");
    console.log(
      `re-import of the same file (changes nothing)   ${fmt(againMs / 1000, 1)} s  (${fmt(residents / (againMs / 1000))} rows/s)`,
    );
  } finally {
    await database.close();
    await engine.cleanup();
  }
}

async function generateAndSearch(engine: Engine, residents: number, sample: RegistryRow[]): Promise<void> {
  const database = await engine.open();
  try {
    await database.migrate();
    await seedMunicipality(database.db, kumamotoSeed);

    const started = performance.now();
    await generateRegistry({
      db: database.db,
      municipalityId: "kumamoto",
      seed: SEED,
      residents,
      asOf: AS_OF,
    });
    const generateMs = performance.now() - started;
    console.log(
      `generate ${fmt(residents)} residents (one transaction)  ${fmt(generateMs / 1000, 1)} s  (${fmt(residents / (generateMs / 1000))} rows/s)`,
    );

    const registry = localRegistry(database);
    const ids: string[] = [];
    for (const row of sample.slice(0, 40)) {
      const found = await registry.findByCard("kumamoto", {
        name: row.name,
        birthDate: row.birthDate,
        sex: row.sex,
        ward: row.ward,
        address: row.address,
      });
      if (!found.residents[0]) throw new Error(`card lookup found nobody for ${row.residentNo}`);
      ids.push(found.residents[0].id);
    }
    const at = (i: number) => sample[i % sample.length] as RegistryRow;
    const kanaPrefix = (row: RegistryRow) => {
      const [family = "", given = ""] = row.kana.split("\u3000");
      return `${family}${given.slice(0, 1)}`;
    };
    const pk = await measure((i) => registry.resident("kumamoto", ids[i % ids.length] as string));
    const kana = await measure((i) =>
      registry.search("kumamoto", { name: kanaPrefix(at(i)), match: "prefix" }),
    );
    const birth = await measure((i) => registry.search("kumamoto", { birthDate: at(i).birthDate }));
    // Beyond the three kinds the issue names: 氏名 prefix typed in common forms (髙橋 → 高橋), a partial
    // フリガナ piece, and an address prefix, so that every search kind the page offers has a figure.
    const namePrefix = await measure((i) =>
      registry.search("kumamoto", { name: commonForm(at(i).name.split("\u3000")[0] ?? ""), match: "prefix" }),
    );
    const partial = await measure((i) =>
      registry.search("kumamoto", { name: kanaPiece(at(i)), match: "partial" }),
    );
    const address = await measure((i) =>
      registry.search("kumamoto", { ward: at(i).ward, address: at(i).address.replace(/\d+号$/u, "") }),
    );
    const card = await measure((i) =>
      registry.findByCard("kumamoto", {
        name: at(i).name,
        birthDate: at(i).birthDate,
        sex: at(i).sex,
        ward: at(i).ward,
        address: at(i).address,
      }),
    );
    const target = engine.name === "PostgreSQL" ? 20 : 50;
    const line = (label: string, r: { p50: number; p95: number }, baseline = true) =>
      console.log(
        `${label.padEnd(44)} p50 ${fmt(r.p50, 2).padStart(6)} ms  p95 ${fmt(r.p95, 2).padStart(6)} ms${
          baseline
            ? `  (${fmt(r.p50 / pk.p50, 1)}× PK p50; target p95 ≤ ${target} ms: ${r.p95 <= target ? "met" : "NOT met"})`
            : ""
        }`,
      );
    console.log(`search latency, ${QUERIES} queries each (after 20 to warm up):`);
    line("baseline: SELECT resident by primary key", pk, false);
    line("kana prefix (フリガナ: family + 1 kana)", kana);
    line("birth date", birth);
    line("card attributes (name, address, birth, sex)", card);
    line("氏名 prefix, family name in common forms", namePrefix);
    line("フリガナ partial (3 kana from the given name)", partial);
    line("address prefix (ward + 町丁目 + 番)", address);
  } finally {
    await database.close();
    await engine.cleanup();
  }
}

export default async function bench(): Promise<void> {
  const residents = Number(process.env.REGISTRY_BENCH_RESIDENTS ?? 730_000);
  if (!Number.isInteger(residents) || residents < 1_000)
    throw new Error("REGISTRY_BENCH_RESIDENTS must be ≥ 1000");
  const dir = mkdtempSync(join(tmpdir(), "mg-bench-registry-csv-"));
  try {
    const csvPath = join(dir, "registry.csv");
    const out = createWriteStream(csvPath);
    for (const chunk of generateRegistryCsv({ seed: SEED, residents, asOf: AS_OF })) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const sample = sampleResidents(residents);
    // REGISTRY_BENCH_ENGINES=postgresql (or pglite) measures one engine; REGISTRY_BENCH_IMPORT=0 skips the import.
    const engines = (process.env.REGISTRY_BENCH_ENGINES ?? "pglite,postgresql").toLowerCase().split(",");
    if (engines.includes("pglite")) await runEngine(pgliteEngine, residents, csvPath, sample);
    if (engines.includes("postgresql")) await runEngine(postgresEngine, residents, csvPath, sample);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
