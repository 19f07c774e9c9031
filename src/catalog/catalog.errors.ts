/** Stable codes for a catalogue or settings file that cannot be used. */
export type CatalogErrorCode = "catalog.invalid" | "settings.invalid" | "municipality.unknown";

export interface CatalogIssue {
  /** The entry at fault: its id when it has a readable one, otherwise `#index`; "" for the file itself. */
  entry: string;
  /** Where in the entry, e.g. "rules[0].events[1]". */
  path: string;
  message: string;
}

/**
 * Thrown when data the engine depends on is broken. Refusing to load is deliberate: a guidance plan
 * computed from a half-valid catalogue would be silently wrong at the counter.
 */
export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    readonly file: string,
    readonly issues: readonly CatalogIssue[],
  ) {
    super(
      `${file}: ${issues
        .map((i) => [i.entry && `entry ${i.entry}`, i.path, i.message].filter(Boolean).join(": "))
        .join("; ")}`,
    );
    this.name = "CatalogError";
  }
}

/** Renders a schema path the way people write it: `members[1].insurance`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  return out;
}
