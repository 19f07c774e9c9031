import { readdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getCatalog } from "../catalog/load-catalog";
import type { Problem } from "../shared/errors";
import type { ManualEntry } from "./manual-entry";
import { parseEntry } from "./parse-entry";

export interface FileProblem extends Problem {
  file: string;
}

export interface LoadedEntries {
  entries: ManualEntry[];
  problems: FileProblem[];
}

/** The demo tenant's content in the repository (content/manual/kumamoto). */
export const defaultContentDir = (municipalityId = "kumamoto"): string =>
  resolve(fileURLToPath(new URL(".", import.meta.url)), "../../content/manual", municipalityId);

/** The catalogue's procedure ids, which entries may name. */
export const catalogProcedureIds = (): ReadonlySet<string> =>
  new Set(getCatalog().procedures.map((p) => p.id));

/**
 * Reads every `<id>.md` of a folder (not its subfolders), validates each against the catalogue and
 * returns the entries sorted by id with every problem of every file; a caller decides whether one bad
 * file stops an import (it does: `importEntries` writes nothing then).
 */
export async function loadEntriesFromDir(dir: string): Promise<LoadedEntries> {
  const procedureIds = catalogProcedureIds();
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && d.name.endsWith(".md") && !d.name.startsWith("_") && d.name !== "README.md")
    .map((d) => d.name)
    .sort();
  const entries: ManualEntry[] = [];
  const problems: FileProblem[] = [];
  for (const name of names) {
    const source = await readFile(join(dir, name), "utf8");
    const result = parseEntry(source, { procedureIds, expectedId: basename(name, ".md") });
    if (result.ok) entries.push(result.entry);
    else problems.push(...result.problems.map((p) => ({ ...p, file: name })));
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id))
      problems.push({ file: `${e.id}.md`, path: "id", code: "manual.duplicateId", params: { id: e.id } });
    seen.add(e.id);
  }
  return { entries, problems };
}
