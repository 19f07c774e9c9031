import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { settingsForMunicipality } from "../catalog/municipalities";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { answersDoc } from "../forms/answers-doc";
import { AppError } from "../shared/errors";
import { apiRouter, ErrorSchema, MessageParamsSchema } from "../web/api";
import type { AppEnv, AppServices } from "../web/context";
import { translator } from "../web/i18n";
import { requireStaff } from "../web/middleware";
import { apiLang } from "../web/respond";
import type { Plan } from "./engine";
import { guideHousehold } from "./guide";
import { householdSchema } from "./household.schema";
import { presentPlan } from "./pages/guidance.presenter";

const PlanItemSchema = z
  .object({
    id: z.string().openapi({ example: "juki.move-in" }),
    name: z.string().openapi({ example: "転入届" }),
    department: z.string().openapi({ example: "resident" }),
    handling: z.enum(["one-stop", "guidance"]),
    members: z.array(z.string()).openapi({ example: ["m1", "m2"] }),
    deadline: z.string().nullable().openapi({ example: "2026-04-20" }),
    due: z.string().nullable().openapi({
      description:
        "The last day the office really accepts it: the deadline, or the next open day when the deadline is a closed day",
      example: "2026-04-20",
    }),
    dueText: z.string().nullable().openapi({
      description:
        "`due` with its weekday, and why when it differs from `deadline`, in the language asked for",
      example: "2026年4月20日（月）",
    }),
    reasons: z.array(z.string()).openapi({
      description: "Why the procedure is listed, in the Accept-Language asked for (Japanese by default)",
    }),
    reasonCodes: z.array(z.object({ code: z.string(), params: MessageParamsSchema.optional() })).openapi({
      description: "The same reasons as message codes with their data, in the order of `reasons`",
      example: [
        {
          code: "guidance.reason.members",
          params: { scope: "moveIn", facts: "benefit:childAllowance", member1: "m2" },
        },
      ],
    }),
    names: z
      .record(z.string(), z.string().optional())
      .optional()
      .openapi({
        description: "The procedure's name in each language the catalogue has",
        example: { ja: "転入届", en: "Notification of moving in" },
      }),
  })
  .openapi("PlanItem");

const PlanSchema = z.object({ procedures: z.array(PlanItemSchema) }).openapi("Plan");

/**
 * The household as the schema reads it, with `answers` described field by field for the OpenAPI
 * document. Validation is the household schema's own: the answers' values are checked where they are
 * used (src/forms/answers.ts), and a key no form asks is ignored, so the document's `answers` allows
 * other keys too.
 */
const householdBody = householdSchema.extend({
  // The household schema's own `answers` (a record of anything), built here with the OpenAPI-aware zod:
  // a schema made before @hono/zod-openapi loaded has no .openapi() of its own.
  answers: z.record(z.string(), z.unknown()).optional().openapi("Answers", answersDoc()),
});

/** Runs the engine on a parsed JSON body; a refused household becomes a VALIDATION error with every problem. */
export function planOrRefuse(raw: unknown, settings: MunicipalitySettings): Plan {
  const result = guideHousehold(raw, settings);
  if (!result.ok) {
    throw new AppError(
      "VALIDATION",
      result.error.problems.map(({ path, code, params }) => ({ path, code, ...(params ? { params } : {}) })),
    );
  }
  return result.plan;
}

export function guidanceApi(deps: AppServices) {
  const api = apiRouter();
  api.use("/api/v1/guidance", requireStaff(deps));
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/guidance",
      operationId: "planGuidance",
      summary: "手続きの案内: the procedures a household needs for a life event",
      description:
        "Same input and output as `madoguchi guide`. Uses the signed-in staff member's municipality settings.",
      tags: ["guidance"],
      request: { body: { required: true, content: { "application/json": { schema: householdBody } } } },
      responses: {
        200: { description: "The plan", content: { "application/json": { schema: PlanSchema } } },
        400: { description: "Malformed JSON", content: { "application/json": { schema: ErrorSchema } } },
        401: { description: "Not signed in", content: { "application/json": { schema: ErrorSchema } } },
        422: {
          description: "The household contradicts itself or does not fit the schema: every problem listed",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      const session = c.get("session");
      if (!session) throw new AppError("UNAUTHENTICATED");
      const settings = settingsForMunicipality(session.municipalityId);
      const plan = planOrRefuse(c.req.valid("json"), settings);
      return c.json(presentPlan(plan, translator(apiLang(c)), settings), 200);
    },
    // The schema check alone names paths; the engine's own refusal names the member and field with
    // catalogue codes, so a body the schema rejects is explained by the engine instead.
    // (The hook must read the body, so it is async; the runtime awaits hooks, the types do not say so.)
    (async (result: { success: boolean }, c: Context<AppEnv>) => {
      if (result.success) return;
      const raw: unknown = await c.req.json();
      planOrRefuse(raw, settingsForMunicipality(c.get("session")?.municipalityId ?? "national"));
      throw new AppError("VALIDATION");
    }) as never,
  );
  return api;
}
