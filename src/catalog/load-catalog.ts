import type { z } from "zod";
import { CatalogError, type CatalogIssue, formatIssuePath } from "./catalog.errors";
import { catalogFileSchema, type ProcedureEntry, procedureEntrySchema } from "./procedure.schema";
import shipped from "./procedures.json" with { type: "json" };
import type { EventType } from "./vocabulary";

export interface Catalog {
  /** In catalogue order, which is also the order of every plan unless `order` names the event's. */
  readonly procedures: readonly ProcedureEntry[];
  readonly byId: ReadonlyMap<string, ProcedureEntry>;
  /** Per event, its own plan order (the phase-2 tables); events not listed use catalogue order. */
  readonly order: ReadonlyMap<EventType, readonly string[]>;
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
  const order = new Map<EventType, readonly string[]>();
  // The orders are checked against entries that loaded; a broken entry is reported once, by itself.
  const orders = issues.length > 0 ? [] : Object.entries(document.data.order ?? {});
  for (const [event, ids] of orders as [EventType, string[]][]) {
    const triggered = procedures
      .filter((p) => p.rules.some((r) => r.events.includes(event)))
      .map((p) => p.id);
    for (const id of ids)
      if (!triggered.includes(id))
        issues.push({ entry: `order.${event}`, path: id, message: `"${id}" has no rule for ${event}` });
    for (const id of triggered)
      if (!ids.includes(id))
        issues.push({ entry: `order.${event}`, path: id, message: `"${id}" is missing from the order` });
    order.set(event, ids);
  }
  if (issues.length > 0) throw new CatalogError("catalog.invalid", file, issues);
  return { procedures, byId, order };
}

let cached: Catalog | undefined;

/** The catalogue shipped with the project, validated on first use. */
export function getCatalog(): Catalog {
  cached ??= loadCatalog(shipped);
  return cached;
}
