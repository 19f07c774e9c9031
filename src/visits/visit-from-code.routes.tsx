import { type Context, Hono } from "hono";
import { draftFromHousehold, type GuidanceDraft } from "../guidance/guidance-form";
import { mergeWithRegistry } from "../preapply/merge-with-registry";
import { AppError, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp } from "../web/middleware";
import { startFromPreApplication } from "./start-from-pre-application";
import type { VisitRow } from "./visit.repository";
import { loadVisit, type StaffScope } from "./visit-scope";

/** What the visit routes lend this file: the visit page with problems, and the step's target. */
export interface FromCodeHelpers {
  visitPage: (
    c: Context<AppEnv>,
    visit: VisitRow,
    shown?: { problems?: Problem[]; draft?: GuidanceDraft; status?: 200 | 409 | 422 },
  ) => Promise<Response>;
  target: (c: Context<AppEnv>) => { scope: StaffScope; visitId: string };
}

/**
 * The household step of a visit opened from a pre-application starts from what the resident entered
 * (as typed by them, unverified until staff confirm the step); nothing for any other visit.
 */
export function preApplicationDraft(visit: VisitRow, today: string): { draft?: GuidanceDraft } {
  if (visit.state !== "household" || visit.source !== "pre-application" || !visit.household) return {};
  const household = visit.household as Parameters<typeof draftFromHousehold>[0];
  if (!Array.isArray(household.members)) return {};
  return { draft: draftFromHousehold(household, today) };
}

/**
 * The registry household staff opened for a visit that came from a pre-application: the registry's
 * members and facts win, the resident's event fields, filer and own facts are kept
 * (src/preapply/merge-with-registry.ts). Any other visit keeps the registry's draft as it is.
 */
export function withPreApplication(
  visit: VisitRow,
  draft: GuidanceDraft,
  today: string,
): { draft: GuidanceDraft } {
  if (visit.source !== "pre-application" || !visit.household) return { draft };
  return { draft: mergeWithRegistry(draft, visit.household, today).draft };
}

/**
 * The reception step's code field: POST /visits/{id}/pre-application with what the USB scanner typed
 * (it ends with Enter, a normal submit) or the short code. A refusal says which — unknown, expired,
 * used, withdrawn — on the reception page, linked to the field.
 */
export function visitFromCodeRoutes(deps: AppServices, helpers: FromCodeHelpers): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => deps.now?.() ?? new Date();
  app.post("/visits/:id/pre-application", async (c) => {
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const version = Number.parseInt(text("version"), 10);
    if (!Number.isInteger(version) || version < 1) throw new AppError("MALFORMED_JSON");
    const session = c.get("session");
    if (!session) throw new AppError("UNAUTHENTICATED");
    try {
      const visit = await startFromPreApplication(db, {
        ...helpers.target(c),
        version,
        code: text("preApplicationCode").slice(0, 500),
        actor: { username: session.staff.username, requestId: c.get("requestId"), ip: clientIp(c) },
        now: now(),
      });
      return c.redirect(`/visits/${visit.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || !error.reason?.startsWith("preapply.")) throw error;
      const { scope, visitId } = helpers.target(c);
      const visit = await loadVisit(db, scope, visitId);
      return helpers.visitPage(c, visit, {
        problems: error.problems,
        status: error.code === "CONFLICT" ? 409 : 422,
      });
    }
  });
  return app;
}
