import { z } from "zod";
import { localeMapSchema } from "../catalog/locale-map.schema";

/**
 * Where each municipality's accepted applications go: a list of destinations, each a core system
 * reached by a file drop or by signed HTTP, with the procedures it takes. Data, validated here; the
 * built-in demo is destinations.kumamoto.ts and a deployment replaces it with HANDOFF_DESTINATIONS_FILE.
 */
export const csvLayouts = ["standard", "juki", "kokuho", "kaigo", "kodomo"] as const;
export type CsvLayoutId = (typeof csvLayouts)[number];

export const fileEncodings = ["utf-8", "shift_jis"] as const;
export type FileEncoding = (typeof fileEncodings)[number];

/**
 * The destination's name as staff read it, a LocaleMap: Japanese required, any other language optional
 * (the pages fall back to Japanese, marked as such). Staff pages are in Japanese and English.
 */
const label = localeMapSchema;

/** "*" (every procedure), "kokuho.*" (a family), or one procedure id such as "juki.move-in". */
const procedurePattern = z
  .string()
  .regex(/^(\*|[a-z][a-z0-9-]*\.\*|[a-z][a-z0-9-]*\.[a-z0-9-]+)$/, "a procedure id, family.* or *");

const destinationId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens (at most 40)");

const common = {
  id: destinationId,
  label,
  procedures: z.array(procedurePattern).min(1),
};

export const fileDestinationSchema = z.strictObject({
  ...common,
  kind: z.literal("file"),
  /** The system's folder: absolute, or relative to HANDOFF_DROP_DIR. */
  folder: z.string().min(1),
  encoding: z.enum(fileEncodings).default("utf-8"),
  layout: z.enum(csvLayouts).default("standard"),
});

export const httpDestinationSchema = z.strictObject({
  ...common,
  kind: z.literal("http"),
  url: z.url({ protocol: /^https?$/ }),
  /** Overrides HANDOFF_HTTP_TIMEOUT_MS for this system. */
  timeoutMs: z.number().int().min(100).max(300_000).optional(),
});

export const destinationSchema = z.discriminatedUnion("kind", [fileDestinationSchema, httpDestinationSchema]);

export const municipalityDestinationsSchema = z
  .strictObject({ destinations: z.array(destinationSchema) })
  .refine((m) => new Set(m.destinations.map((d) => d.id)).size === m.destinations.length, {
    message: "destination ids must be unique within a municipality",
  });

export const destinationCatalogSchema = z.strictObject({
  municipalities: z.record(z.string().regex(/^[a-z0-9-]+$/), municipalityDestinationsSchema),
});

export type FileDestinationConfig = z.output<typeof fileDestinationSchema>;
export type HttpDestinationConfig = z.output<typeof httpDestinationSchema>;
export type DestinationConfig = z.output<typeof destinationSchema>;
export type DestinationCatalog = z.output<typeof destinationCatalogSchema>;
export type DestinationCatalogInput = z.input<typeof destinationCatalogSchema>;

export function matchesProcedure(pattern: string, procedureId: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return procedureId.startsWith(pattern.slice(0, -1));
  return pattern === procedureId;
}

/** The destinations of one municipality that take this procedure, in their configured order. */
export function destinationsForProcedure(
  catalog: DestinationCatalog,
  municipalityId: string,
  procedureId: string,
): DestinationConfig[] {
  const destinations = catalog.municipalities[municipalityId]?.destinations ?? [];
  return destinations.filter((d) => d.procedures.some((p) => matchesProcedure(p, procedureId)));
}
