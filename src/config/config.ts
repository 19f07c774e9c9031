import { z } from "zod";
import { isAddressOrRange } from "../shared/address-range";

/**
 * Every setting the process reads from its environment, parsed once at start by the composition root.
 * Nothing else in the code base reads `process.env`.
 */
const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A JSON text holding a value of the given schema (for settings that are maps, such as secrets). */
const jsonObject = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON object" });
        return z.NEVER;
      }
    })
    .pipe(schema);

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  SESSION_WARNING_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  COOKIE_SECURE: booleanFromEnv.default(false),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(3).max(20).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  DEMO_SEED: booleanFromEnv.default(true),
  // Residents generated for the demo tenant on the first start (0: none).
  DEMO_RESIDENTS: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
  // Where the resident registry is read: the local synchronised copy, or the core system over HTTP JSON.
  REGISTRY_ADAPTER: z.enum(["local", "http"]).default("local"),
  REGISTRY_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  REGISTRY_HTTP_TOKEN: z.string().min(1).optional(),
  // Hand-off to the core systems (src/handoff, docs/handoff.md).
  // Destinations per municipality and procedure: a JSON file replacing the built-in demo configuration.
  HANDOFF_DESTINATIONS_FILE: z.string().min(1).optional(),
  // Root of the file-drop folders (relative folders of the destinations resolve under it); default DATA_DIR/handoff.
  HANDOFF_DROP_DIR: z.string().min(1).optional(),
  // HMAC secrets of the HTTP destinations, as a JSON object {"<municipality>/<destination>": "<secret>"}.
  HANDOFF_SECRETS: jsonObject(z.record(z.string().regex(/^[\w-]+\/[\w-]+$/), z.string())).optional(),
  // The delivery worker runs inside the server process (on PGlite it must: one process opens the data).
  WORKER_IN_PROCESS: booleanFromEnv.default(true),
  HANDOFF_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  HANDOFF_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  // A claimed delivery not recorded within the lease (the worker died) is due again after it.
  HANDOFF_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(120_000),
  HANDOFF_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  // Retry schedule: intervals grow from the minimum to the maximum, with jitter; dead after the cap.
  HANDOFF_RETRY_MIN_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
  HANDOFF_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 86_400_000)
    .default(86_400_000),
  HANDOFF_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(16),
  // Who may read GET /metrics (Prometheus): comma-separated addresses and CIDR ranges of the staff or
  // monitoring network; any other address gets 404. Default: this machine only.
  METRICS_ALLOW: z
    .string()
    .default("127.0.0.1,::1")
    .transform((text) =>
      text
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .pipe(
      z.array(z.string().refine(isAddressOrRange, "must list IP addresses or CIDR ranges, e.g. 10.0.0.0/8")),
    ),
  // The reverse proxies in front of this server: comma-separated addresses and CIDR ranges. Only a
  // request whose socket address is one of them has its X-Forwarded-For read (src/web/client-address.ts);
  // unset, the socket address is the client's, whatever a header says.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .pipe(
      z.array(z.string().refine(isAddressOrRange, "must list IP addresses or CIDR ranges, e.g. 10.0.0.0/8")),
    ),
  // Live streams (display board, phone page) one client address may hold open in one process.
  SSE_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(20),
  // The My Number card agent on each counter PC (docs/card.md): the port `madoguchi card-agent` listens
  // on at 127.0.0.1, which the counter pages call (and the CSP lets them); "0" hides the card button.
  CARD_AGENT_PORT: z.coerce.number().int().min(0).max(65535).default(47110),
  // The agent uses only readers whose name contains this text (empty: the first reader with a card).
  CARD_READER_NAME: z.string().default(""),
  // The address residents reach this service at from their own phones (scheme, host, optional port and
  // path, e.g. https://madoguchi.city.kumamoto.jp): every QR code and link a resident takes home — the
  // ticket's phone page, the sheet's survey — is built from it, never from the request's Host header,
  // which any client can set. Unset: http://localhost:<PORT>, enough for `npm start` on one machine.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "must be an http:// or https:// address" })
    .refine((url) => {
      if (!URL.canParse(url)) return true; // the url check above has said so already
      const u = new URL(url);
      return u.search === "" && u.hash === "" && u.username === "" && u.password === "";
    }, "must be a plain address: no query, fragment or credentials")
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  // Reservation reminders by e-mail (src/reservations/notifier.ts): an SMTP address such as
  // smtps://user:pass@mail.example.jp:465. Unset: no mail is sent, staff read the reminder list.
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// address" }).optional(),
  // The sender of reminder e-mails.
  REMINDER_FROM: z.string().min(3).max(254).default("madoguchi@localhost"),
});

type ParsedConfig = z.infer<typeof configSchema>;

/** The settings, with the defaults that depend on other settings resolved (PUBLIC_URL from PORT). */
export type Config = Omit<ParsedConfig, "PUBLIC_URL"> & {
  /** Where residents reach the service, without a trailing slash; see the schema. */
  PUBLIC_URL: string;
};

/** http://localhost:<PORT>: the address of a server started on this machine with `npm start`. */
const withPublicUrl = (parsed: ParsedConfig): Config => ({
  ...parsed,
  PUBLIC_URL: parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`,
});

/** The absolute address of a path on the public site ("/survey/s/…" → "https://…/survey/s/…"). */
export const publicUrl = (config: Pick<Config, "PUBLIC_URL">, path: string): string =>
  `${config.PUBLIC_URL}${path.startsWith("/") ? path : `/${path}`}`;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

// Never echoed back in a problem line: the value would land in a terminal or a log.
const secretKeys = new Set(["HANDOFF_SECRETS", "REGISTRY_HTTP_TOKEN", "SMTP_URL"]);

/** Parses the environment; on failure returns every problem, one line each, naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") relevant[key] = value;
  }
  const result = configSchema.safeParse(relevant);
  // Rules across variables run on the raw values, so their problems are listed with the others
  // (zod skips an object's refinements once any of its fields fails).
  const crossProblems: string[] = [];
  if (relevant.REGISTRY_ADAPTER === "http") {
    for (const key of ["REGISTRY_HTTP_URL", "REGISTRY_HTTP_TOKEN"] as const) {
      if (!relevant[key]) crossProblems.push(`${key}="": required when REGISTRY_ADAPTER=http`);
    }
  }
  const number = (key: string, fallback: number) => Number(relevant[key] ?? fallback);
  if (number("HANDOFF_LEASE_MS", 120_000) <= number("HANDOFF_HTTP_TIMEOUT_MS", 15_000)) {
    crossProblems.push(
      `HANDOFF_LEASE_MS=${JSON.stringify(relevant.HANDOFF_LEASE_MS ?? "")}: must be longer than HANDOFF_HTTP_TIMEOUT_MS`,
    );
  }
  if (number("HANDOFF_RETRY_MAX_MS", 86_400_000) < number("HANDOFF_RETRY_MIN_MS", 60_000)) {
    crossProblems.push(
      `HANDOFF_RETRY_MAX_MS=${JSON.stringify(relevant.HANDOFF_RETRY_MAX_MS ?? "")}: must not be below HANDOFF_RETRY_MIN_MS`,
    );
  }
  if (result.success && crossProblems.length === 0) return { ok: true, config: withPublicUrl(result.data) };
  const problems = (result.success ? [] : result.error.issues).map((issue) => {
    const key = String(issue.path[0] ?? "");
    const shown = secretKeys.has(key) ? "(hidden)" : JSON.stringify(relevant[key] ?? "");
    return `${issue.path.join(".")}=${shown}: ${issue.message}`;
  });
  return { ok: false, problems: [...problems, ...crossProblems] };
}

/** Test and tool default: the schema's defaults with overrides. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  const parsed = configSchema.parse({});
  return withPublicUrl({ ...parsed, ...overrides });
}
