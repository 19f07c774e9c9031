import type { z } from "zod";
import { CatalogError, type CatalogIssue, formatIssuePath } from "./catalog.errors";
import { catalogFileSchema, type ProcedureEntry, procedureEntrySchema } from "./procedure.schema";
import shipped from "./procedures.json" with { type: "json" };

export interface Catalog {
  /** In catalogue order, which is also the order of every plan. */
  readonly procedures: readonly ProcedureEntry[];
  readonly byId: ReadonlyMap<string, ProcedureEntry>;
}

export const catalogFileName = "src/catalog/procedures.json";

export function issuesOf(error: z.ZodError, entry: string, prefix = ""): CatalogIssue[] {
  return error.issues.map((issue) => ({
    entry,
    path: prefix + formatIssuePath(issue.path),
    message: issue.message,
  }));
}

function entryLabel(raw: unknown, index: number): string {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? `#${index} "${id}"` : `#${index}`;
}

/**
 * Validates a catalogue document and indexes it. Every broken entry is reported (by index and id),
 * not only the first, in a {@link CatalogError} naming `file`.
 */
export function loadCatalog(raw: unknown, file: string = catalogFileName): Catalog {
  const document = catalogFileSchema.safeParse(raw);
  if (!document.success) throw new CatalogError("catalog.invalid", file, issuesOf(document.error, ""));

  const issues: CatalogIssue[] = [];
  const procedures: ProcedureEntry[] = [];
  const byId = new Map<string, ProcedureEntry>();
  document.data.procedures.forEach((candidate, index) => {
    const label = entryLabel(candidate, index);
    const parsed = procedureEntrySchema.safeParse(candidate);
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, label));
      return;
    }
    if (byId.has(parsed.data.id)) {
      issues.push({ entry: label, path: "id", message: `duplicate procedure id "${parsed.data.id}"` });
      return;
    }
    byId.set(parsed.data.id, parsed.data);
    procedures.push(parsed.data);
  });
  if (issues.length > 0) throw new CatalogError("catalog.invalid", file, issues);
  return { procedures, byId };
}

let cached: Catalog | undefined;

/** The catalogue shipped with the project, validated on first use. */
export function getCatalog(): Catalog {
  cached ??= loadCatalog(shipped);
  return cached;
}
