import { z } from "zod";

/**
 * Every setting the process reads from its environment, parsed once at start by the composition root.
 * Nothing else in the code base reads `process.env`.
 */
const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const configSchema = z
  .object({
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
  });

export type Config = z.infer<typeof configSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

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
  if (result.success && crossProblems.length === 0) return { ok: true, config: result.data };
  const problems = (result.success ? [] : result.error.issues).map((issue) => {
    const key = issue.path.join(".");
    return `${key}=${JSON.stringify(relevant[key] ?? "")}: ${issue.message}`;
  });
  return { ok: false, problems: [...problems, ...crossProblems] };
}

/** Test and tool default: the schema's defaults with overrides. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  const parsed = configSchema.parse({});
  return { ...parsed, ...overrides };
}
