import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { publicUrl } from "../config/config";
import { answersDoc } from "../forms/answers-doc";
import { householdSchema } from "../guidance/household.schema";
import { AppError } from "../shared/errors";
import { apiRouter, ErrorSchema } from "../web/api";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { createRequestLimiter, type RequestLimiter } from "../web/rate-limit";
import { apiLang } from "../web/respond";
import { findPreApplication } from "./find-pre-application";
import { groupCode, preApplicationStates } from "./pre-application";
import { refuse } from "./preapply.errors";
import { MAX_HOUSEHOLD_BYTES, submitPreApplication } from "./submit-pre-application";

/** Pre-applications one client address may create in an hour (shared across processes on PostgreSQL). */
export const PRE_APPLICATIONS_PER_HOUR = 20;

/** The creation budget, one per app: the API and the resident's form draw from the same one. */
export const preApplyLimiter = (deps: AppServices): RequestLimiter =>
  createRequestLimiter(deps.database, {
    name: "preapply-create",
    points: PRE_APPLICATIONS_PER_HOUR,
    seconds: 3600,
  });

const householdBody = householdSchema.extend({
  answers: z.record(z.string(), z.unknown()).optional().openapi("PreApplicationAnswers", answersDoc()),
});

const CreateBody = z
  .object({
    municipality: z.string().max(40).openapi({ example: "kumamoto" }),
    household: householdBody,
  })
  .openapi("PreApplicationInput");

const Created = z
  .object({
    code: z
      .string()
      .openapi({ description: "The short code to read out or type at the counter", example: "7K3QX-9MRTD" }),
    expiresAt: z.string().openapi({
      description: "ISO 8601; the end of the last day in Japan",
      example: "2026-04-20T14:59:59.000Z",
    }),
    url: z
      .string()
      .openapi({ description: "The pre-application's own page (its QR): shows the code, prints, withdraws" }),
  })
  .openapi("PreApplicationCreated");

const Found = z
  .object({
    state: z.enum(preApplicationStates),
    enteredBy: z
      .literal("resident")
      .openapi({ description: "Everything here was typed at home, not yet checked by staff" }),
    verified: z.literal(false).openapi({
      description:
        "Never checked: staff confirm it at the counter against the identity document and the registry",
    }),
    event: z.string().openapi({ example: "move-in" }),
    memberCount: z.number().int(),
    createdAt: z.string(),
    expiresAt: z.string(),
    household: householdBody.nullable().openapi({
      description:
        "Entered by the resident, unverified; only while `submitted` (cleared once used, expired or withdrawn)",
    }),
  })
  .openapi("PreApplication");

const json = { "application/json": { schema: ErrorSchema } };

/**
 * POST /api/v1/pre-applications (public: a resident's phone, no account) and
 * GET /api/v1/pre-applications/{code} (a staff session of that municipality).
 */
export function preApplyApi(deps: AppServices, limiter: RequestLimiter) {
  const api = apiRouter();
  const now = () => deps.now?.() ?? new Date();
  api.use("/api/v1/pre-applications/:code", requireStaff(deps));
  api.post(
    "/api/v1/pre-applications",
    // The app's body limit has read the stream already; a declared length over ours is refused before
    // parsing, and the use case measures the household itself whatever the transfer.
    async (c, next) => {
      const length = Number(c.req.header("content-length") ?? "0");
      if (length > MAX_HOUSEHOLD_BYTES + 1024)
        throw refuse("householdTooLarge", { max: MAX_HOUSEHOLD_BYTES }, "household");
      return next();
    },
    async (c, next) => {
      const wait = await limiter.take(clientIp(c) ?? "unknown");
      if (wait > 0) {
        c.header("retry-after", String(wait));
        return c.json({ error: { code: "RATE_LIMITED", retryAfter: wait } }, 429);
      }
      return next();
    },
  );

  const submit = async (c: Context<AppEnv>, raw: unknown) => {
    const body = (typeof raw === "object" && raw !== null ? raw : {}) as {
      municipality?: unknown;
      household?: unknown;
    };
    if (typeof body.municipality !== "string") throw refuse("municipalityUnknown", undefined, "municipality");
    return submitPreApplication(deps.database.db, {
      municipalityId: body.municipality,
      household: body.household,
      lang: apiLang(c),
      now: now(),
    });
  };

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/pre-applications",
      operationId: "createPreApplication",
      summary: "事前入力: the household and event entered at home, kept for the counter; answers a code",
      description:
        "Public (no session). Validated as the counter validates a household; a 個人番号 in any field is refused. Limited per client address.",
      tags: ["pre-applications"],
      security: [],
      request: { body: { required: true, content: { "application/json": { schema: CreateBody } } } },
      responses: {
        201: {
          description: "Kept; the code and when it expires",
          content: { "application/json": { schema: Created } },
        },
        400: { description: "Malformed JSON", content: json },
        413: { description: "The household is larger than allowed", content: json },
        422: { description: "Every problem of the household, field by field", content: json },
        429: { description: "Too many pre-applications from this address; see Retry-After" },
      },
    }),
    async (c) => {
      const created = await submit(c, c.req.valid("json"));
      return c.json(
        {
          code: groupCode(created.code),
          expiresAt: created.row.expiresAt.toISOString(),
          url: publicUrl(deps.config, `/pre-apply/t/${created.token}`),
        },
        201,
      );
    },
    // The schema alone names paths; the household's own validation names member and field with
    // catalogue codes, so a body the schema rejects is explained by it instead.
    (async (result: { success: boolean }, c: Context<AppEnv>) => {
      if (result.success) return;
      await submit(c, await c.req.json());
      throw new AppError("VALIDATION");
    }) as never,
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/pre-applications/{code}",
      operationId: "getPreApplication",
      summary: "A pre-application of the signed-in staff member's municipality, by its code",
      description: "The read is audited. Another municipality's code is not found, like a code nobody has.",
      tags: ["pre-applications"],
      request: { params: z.object({ code: z.string().max(500).openapi({ example: "7K3QX-9MRTD" }) }) },
      responses: {
        200: {
          description: "The pre-application and its state",
          content: { "application/json": { schema: Found } },
        },
        401: { description: "Not signed in", content: json },
        404: { description: "No pre-application of this municipality has this code", content: json },
        422: { description: "Neither a token nor a short code", content: json },
      },
    }),
    async (c) => {
      const session = c.get("session");
      if (!session) throw new AppError("UNAUTHENTICATED");
      const found = await findPreApplication(deps.database.db, {
        municipalityId: session.municipalityId,
        staffId: session.staff.id,
        officeId: session.officeId,
        username: session.staff.username,
        code: c.req.valid("param").code,
        requestId: c.get("requestId"),
        ip: clientIp(c),
        now: now(),
      });
      return c.json(
        {
          state: found.state,
          enteredBy: "resident" as const,
          verified: false as const,
          event: found.eventType,
          memberCount: found.memberCount,
          createdAt: found.createdAt.toISOString(),
          expiresAt: found.expiresAt.toISOString(),
          household: (found.household ?? null) as z.infer<typeof householdBody> | null,
        },
        200,
      );
    },
  );
  return api;
}
