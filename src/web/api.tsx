import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../shared/errors";
import type { LocaleMap } from "../shared/locale";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import type { AppDeps, AppEnv } from "./context";
import { requireStaff, SESSION_COOKIE } from "./middleware";
import { renderPage } from "./respond";

/**
 * The parameters of a message code: texts, numbers, and locale maps (`{ ja, en }`) such as a field's
 * label. Only answered, never read, so its type is for the reader of the document.
 */
export const MessageParamsSchema = z
  .record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.string().optional())]),
  )
  .openapi("MessageParams", { example: { label: { ja: "電話番号", en: "Phone number" } } });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "VALIDATION" }),
      reason: z.string().optional().openapi({ example: "visits.notSigned" }),
      message: z.object({ ja: z.string(), en: z.string() }),
      text: z.string().openapi({ description: "The message in the Accept-Language asked for" }),
      lang: z.string().openapi({ example: "en" }),
      problems: z.array(
        z.object({
          path: z.string(),
          code: z.string().openapi({ example: "common.requiredField" }),
          params: MessageParamsSchema.optional(),
          ja: z.string(),
          en: z.string(),
          text: z.string(),
        }),
      ),
      requestId: z.string(),
    }),
  })
  .openapi("Error");

/** The API's nameJa/nameEn (labelJa/labelEn) fields, read from a locale map; English falls back to Japanese. */
function jaEn<P extends "name" | "label">(prefix: P, map: LocaleMap): Record<`${P}Ja` | `${P}En`, string> {
  return { [`${prefix}Ja`]: map.ja, [`${prefix}En`]: map.en ?? map.ja } as Record<
    `${P}Ja` | `${P}En`,
    string
  >;
}

const OfficeSchema = z
  .object({
    id: z.string().uuid(),
    code: z.string().openapi({ example: "chuo" }),
    kind: z.enum(["ward", "branch"]),
    nameJa: z.string().openapi({ example: "中央区役所" }),
    nameEn: z.string().openapi({ example: "Chuo Ward Office" }),
    oneStop: z.boolean(),
  })
  .openapi("Office");

const CounterSchema = z
  .object({
    id: z.string().uuid(),
    number: z.number().int(),
    labelJa: z.string(),
    labelEn: z.string(),
    oneStop: z.boolean(),
  })
  .openapi("Counter");

const HealthSchema = z
  .object({ status: z.enum(["ok", "unavailable"]), database: z.enum(["pglite", "postgres"]) })
  .openapi("Health");

/** The session cookie that authenticates every /api/v1 operation (see docs/security.md). */
export const SECURITY_SCHEME = "staffSession";

const errorResponses = {
  400: {
    description: "A request that cannot be read (a NUL in the URL, malformed JSON)",
    content: { "application/json": { schema: ErrorSchema } },
  },
  401: { description: "Not signed in", content: { "application/json": { schema: ErrorSchema } } },
  404: {
    description: "Not found (also for another municipality's ids)",
    content: { "application/json": { schema: ErrorSchema } },
  },
  422: {
    description: "Input that does not fit the schema: every problem listed",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;

/**
 * A router whose zod validation failures become our error format (every problem, in Japanese and
 * English), so that each API module built on it answers bad input the same way.
 */
export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(
          "VALIDATION",
          result.error.issues.map((issue) => ({
            path: issue.path.join("."),
            code: "common.invalidInput",
            params: { detail: issue.message },
          })),
        );
      }
    },
  });
}

export function apiRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = apiRouter();
  api.openAPIRegistry.registerComponent("securitySchemes", SECURITY_SCHEME, {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The staff session, set by signing in at /signin (and /signin/totp for supervisors and administrators). A state-changing request also needs the CSRF token.",
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      operationId: "checkHealth",
      summary: "Liveness and database check",
      tags: ["system"],
      // For the load balancer and monitoring: no session needed.
      security: [],
      responses: {
        400: errorResponses[400],
        200: {
          description: "The service and its database answer",
          content: { "application/json": { schema: HealthSchema } },
        },
        503: {
          description: "The database does not answer",
          content: { "application/json": { schema: HealthSchema } },
        },
      },
    }),
    async (c) => {
      try {
        await deps.database.ping();
        return c.json({ status: "ok" as const, database: deps.database.kind }, 200);
      } catch (error) {
        c.get("log").error({ err: error }, "health check: database does not answer");
        return c.json({ status: "unavailable" as const, database: deps.database.kind }, 503);
      }
    },
  );

  // Every /api/v1 operation needs a staff session but a resident's pre-application (src/preapply),
  // which is public and rate-limited by its own route, and the reservations API (src/reservations):
  // public, booking rate-limited, a booking changed only with its own token.
  const staffOnly = requireStaff(deps);
  api.use("/api/v1/*", (c, next) =>
    (c.req.method === "POST" && c.req.path === "/api/v1/pre-applications") ||
    c.req.path === "/api/v1/reservations" ||
    c.req.path.startsWith("/api/v1/reservations/")
      ? next()
      : staffOnly(c, next),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/offices",
      operationId: "listOffices",
      summary: "Offices of the signed-in staff member's municipality",
      tags: ["tenancy"],
      responses: {
        200: {
          description: "Offices",
          content: { "application/json": { schema: z.object({ offices: z.array(OfficeSchema) }) } },
        },
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const session = c.get("session");
      if (!session) throw new AppError("UNAUTHENTICATED");
      const rows = await tenancyRepository(deps.database.db).listOffices(session.municipalityId);
      return c.json(
        {
          offices: rows.map(({ id, code, kind, names, oneStop }) => ({
            id,
            code,
            kind,
            ...jaEn("name", names),
            oneStop,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/offices/{id}",
      operationId: "getOffice",
      summary: "One office with its counters",
      tags: ["tenancy"],
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: {
          description: "The office",
          content: {
            "application/json": { schema: OfficeSchema.extend({ counters: z.array(CounterSchema) }) },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const session = c.get("session");
      if (!session) throw new AppError("UNAUTHENTICATED");
      const repo = tenancyRepository(deps.database.db);
      const office = await repo.findOffice(session.municipalityId, c.req.valid("param").id);
      if (!office) throw new AppError("NOT_FOUND");
      const counters = await repo.listCounters(session.municipalityId, office.id);
      const { id, code, kind, names, oneStop } = office;
      return c.json(
        {
          id,
          code,
          kind,
          ...jaEn("name", names),
          oneStop,
          counters: counters.map((x) => ({
            id: x.id,
            number: x.number,
            ...jaEn("label", x.labels),
            oneStop: x.oneStop,
          })),
        },
        200,
      );
    },
  );

  return api;
}

export const openApiInfo = {
  openapi: "3.0.3",
  info: {
    title: "Madoguchi API",
    version: "0.1.0",
    license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
    description:
      "書かないワンストップ窓口 Madoguchi の API。職員のセッション (Cookie) で認証します。 / The Madoguchi API, authenticated by the staff session cookie.",
  },
  // Relative: the document is served by the service it describes, at whatever address it is reached.
  servers: [{ url: "/", description: "This Madoguchi service" }],
  security: [{ [SECURITY_SCHEME]: [] }],
};

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      { summary?: string; tags?: string[]; responses?: Record<string, { description?: string }> }
    >
  >;
};

/** The API reference, rendered on the server from the same document: nothing fetched from a CDN. */
export function apiReferenceRoute(app: OpenAPIHono<AppEnv>) {
  app.get("/api/reference", (c) => {
    const doc = app.getOpenAPIDocument(openApiInfo) as unknown as OpenApiDoc;
    return renderPage(c, c.get("t")("common.apiReference"), (ctx) => (
      <>
        <h1>{ctx.t("common.apiReference")}</h1>
        <p class="lead">
          {ctx.t("common.apiMachineReadable")} <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        {Object.entries(doc.paths).map(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => (
            <section aria-labelledby={`op-${method}-${path}`}>
              <h2 id={`op-${method}-${path}`}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </h2>
              <p>{op.summary}</p>
              <ul>
                {Object.entries(op.responses ?? {}).map(([status, r]) => (
                  <li>
                    <code>{status}</code> {r.description}
                  </li>
                ))}
              </ul>
            </section>
          )),
        )}
      </>
    ));
  });
}
