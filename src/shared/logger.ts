import pino, { type Logger } from "pino";

const REDACTED = "[redacted]";
/** Drizzle's line with the values, and PostgreSQL's messages that quote the value they refused. */
const VALUE_PATTERNS: Array<[RegExp, string]> = [
  [/\nparams: [^\n]*/g, `\nparams: ${REDACTED}`],
  [/(invalid input (?:syntax|value) for (?:type|enum) [^:\n]+: )"(?:[^"\n]|"")*"/g, `$1"${REDACTED}"`],
  [/(value )"(?:[^"\n]|"")*"( is out of range)/g, `$1"${REDACTED}"$2`],
  [/(out of range: )"(?:[^"\n]|"")*"/g, `$1"${REDACTED}"`],
];
const withoutValues = (text: string): string =>
  VALUE_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

/**
 * An error as it may be logged: the values of a failed query never are. Drizzle puts them in
 * `params` and in the message ("Failed query: … params: kumamoto,山田,…"), PostgreSQL in `detail`
 * ("Key (username)=(yamada) already exists") and in some messages ('invalid input syntax for type
 * date: "…"'), and a name or birth date typed at the counter would
 * otherwise end up in the log. The SQL text, the code and the stack stay.
 */
export function redactError(error: unknown): unknown {
  return scrub(error instanceof Error ? pino.stdSerializers.err(error) : error, 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (!value || typeof value !== "object" || depth > 5) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if ("params" in out) out.params = REDACTED;
  if (typeof out.detail === "string") out.detail = REDACTED;
  for (const key of ["message", "stack"])
    if (typeof out[key] === "string") out[key] = withoutValues(out[key] as string);
  if (out.cause !== undefined) {
    const cause = out.cause instanceof Error ? pino.stdSerializers.err(out.cause) : out.cause;
    out.cause = scrub(cause, depth + 1);
  }
  return out;
}

/** The service's logger: JSON lines, with query values taken out of every logged error. */
export function createLogger(
  options: { level: string; service: string },
  destination?: pino.DestinationStream,
): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    serializers: { err: redactError, error: redactError },
  };
  return destination ? pino(settings, destination) : pino(settings);
}
