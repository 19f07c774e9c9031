import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getMunicipalitySettings, municipalityIds } from "../catalog/municipalities";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { AppError } from "../shared/errors";
import { apiRouter, ErrorSchema } from "../web/api";
import type { AppEnv, AppServices } from "../web/context";
import { requireStaff } from "../web/middleware";
import { guideHousehold } from "./guide";
import { householdSchema } from "./household.schema";

const PlanItemSchema = z
  .object({
    id: z.string().openapi({ example: "juki.move-in" }),
    name: z.string().openapi({ example: "転入届" }),
    department: z.string().openapi({ example: "resident" }),
    handling: z.enum(["one-stop", "guidance"]),
    members: z.array(z.string()).openapi({ example: ["m1", "m2"] }),
    deadline: z.string().nullable().openapi({ example: "2026-04-20" }),
    reasons: z.array(z.string()),
  })
  .openapi("PlanItem");

const PlanSchema = z.object({ procedures: z.array(PlanItemSchema) }).openapi("Plan");

/** The settings for a signed-in staff member's municipality (the national baseline if it has none). */
export function settingsForMunicipality(municipalityId: string): MunicipalitySettings {
  return getMunicipalitySettings(municipalityIds.includes(municipalityId) ? municipalityId : "national");
}

/** Runs the engine on a parsed JSON body; a refused household becomes a VALIDATION error with every problem. */
export function planOrRefuse(raw: unknown, municipalityId: string) {
  const result = guideHousehold(raw, settingsForMunicipality(municipalityId));
  if (!result.ok) {
    throw new AppError(
      "VALIDATION",
      result.error.problems.map(({ path, ja, en }) => ({ path, ja, en })),
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
      summary: "手続きの案内: the procedures a household needs for a life event",
      description:
        "Same input and output as `madoguchi guide`. Uses the signed-in staff member's municipality settings.",
      tags: ["guidance"],
      request: { body: { required: true, content: { "application/json": { schema: householdSchema } } } },
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
      return c.json(planOrRefuse(c.req.valid("json"), session.municipalityId), 200);
    },
    // The schema check alone names paths; the engine's own refusal names the member and field in
    // plain Japanese and English, so a body the schema rejects is explained by the engine instead.
    // (The hook must read the body, so it is async; the runtime awaits hooks, the types do not say so.)
    (async (result: { success: boolean }, c: Context<AppEnv>) => {
      if (result.success) return;
      const raw: unknown = await c.req.json();
      planOrRefuse(raw, c.get("session")?.municipalityId ?? "national");
      throw new AppError("VALIDATION");
    }) as never,
  );
  return api;
}
