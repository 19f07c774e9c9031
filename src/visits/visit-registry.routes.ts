import { type Context, Hono } from "hono";
import { z } from "zod";
import { openHousehold, openReasons } from "../registry/open-household";
import { residentRegistryFor } from "../registry/registry-adapter";
import { AppError } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp } from "../web/middleware";
import { loadVisit, staffScope } from "./visit-scope";
import { refuse } from "./visits.errors";

const scopeOf = (c: Context<AppEnv>) => staffScope(c.get("session"));

/**
 * The household step's registry search result, opened with a reason (the audit entry), then back to
 * the visit with the household form prefilled. The visit routes' auth guard covers these paths.
 */
export function visitRegistryRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const registry = residentRegistryFor(deps.config, deps.database);

  app.post("/visits/:id/registry-household", async (c) => {
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const one = (name: string) =>
      String(form.get(name) ?? "")
        .normalize("NFKC")
        .trim();
    const scope = scopeOf(c);
    const visit = await loadVisit(db, scope, c.req.param("id"));
    const chosen = z.enum(openReasons).safeParse(one("reason"));
    if (!chosen.success) throw refuse("openReasonRequired");
    // The reason chosen is the audit's reason, and the event the household form starts with.
    const reason = chosen.data;
    await openHousehold({
      db,
      registry,
      municipalityId: scope.municipalityId,
      householdId: one("householdId"),
      residentId: one("residentId"),
      reason,
      // The audit entry's detail, read by auditors in either language.
      detail: `ワンストップ窓口の来庁受付 / one-stop visit ${visit.id}`,
      actor: {
        staffId: scope.staffId,
        username: c.get("session")?.staff.username ?? "",
        officeId: scope.officeId,
        requestId: c.get("requestId"),
        ip: clientIp(c),
      },
    });
    const query = new URLSearchParams({
      household: one("householdId"),
      event: chosen.data,
      subject: one("residentId"),
    });
    return c.redirect(`/visits/${visit.id}?${query}`, 303);
  });

  return app;
}
