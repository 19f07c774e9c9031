import { readFileSync } from "node:fs";
import {
  type DestinationCatalog,
  type DestinationConfig,
  destinationCatalogSchema,
  destinationsForProcedure,
} from "./destination.schema";
import { kumamotoDestinations } from "./destinations.kumamoto";
import { invalidDestinations, refuse } from "./handoff.errors";

/** The destinations built into the product: the Kumamoto demo. */
export const builtInCatalog: DestinationCatalog = destinationCatalogSchema.parse({
  municipalities: { kumamoto: kumamotoDestinations },
});

// Set once by the composition root (from HANDOFF_DESTINATIONS_FILE), like the catalogue's data files:
// accepting a visit reads it to know which deliveries to enqueue.
let current: DestinationCatalog = builtInCatalog;

export function destinationCatalog(): DestinationCatalog {
  return current;
}

/** Replaces the catalogue for this process; returns the previous one (tests restore it). */
export function useDestinationCatalog(catalog: DestinationCatalog): DestinationCatalog {
  const previous = current;
  current = catalog;
  return previous;
}

/** The destinations that take this procedure in this municipality (none: nothing to deliver). */
export function routeProcedure(municipalityId: string, procedureId: string): DestinationConfig[] {
  return destinationsForProcedure(current, municipalityId, procedureId);
}

/** Reads and validates a destinations file; every problem is listed with its path in the file. */
export function loadDestinationsFile(path: string): DestinationCatalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw refuse("destinationsFileUnreadable", { file: path, reason }, "HANDOFF_DESTINATIONS_FILE");
  }
  const parsed = destinationCatalogSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidDestinations(
    path,
    parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  );
}
