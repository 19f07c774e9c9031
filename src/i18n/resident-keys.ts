/**
 * Which messages a resident reads (kiosk, ticket, phone page, display captions, survey, guidance sheet,
 * error pages), as key prefixes: every resident language must have these (the parity test), while
 * staff-only keys may read in Japanese. A new resident page adds its prefix here.
 */
export const RESIDENT_KEY_PREFIXES: readonly string[] = [
  "common.",
  "guidance.",
  "kpi.survey",
  "queue.kiosk",
  "queue.receipt",
  "queue.phone",
  "queue.display",
];

export const residentKeys = (keys: readonly string[]): string[] =>
  keys.filter((key) => RESIDENT_KEY_PREFIXES.some((prefix) => key.startsWith(prefix)));
