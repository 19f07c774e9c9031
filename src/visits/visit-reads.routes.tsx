import { type Context, Hono, type Next } from "hono";
import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { AppError, type Problem } from "../shared/errors";
import type { AppEnv, AppServices } from "../web/context";
import { clientIp } from "../web/middleware";
import { renderPage } from "../web/respond";
import { openOtherOfficeVisit, otherOfficeAllowed, visitForChoice } from "./other-office";
import { OtherOfficePage } from "./pages/other-office.page";
import { presentOpenVisits } from "./pages/visit-frame.presenter";
import { VisitListPage } from "./pages/visit-list.page";
import { type VisitRow, visitRepository } from "./visit.repository";
import { auditVisitRead } from "./visit-read-audit.routes";
import { staffScope } from "./visit-scope";

type PageView = {
  step: string;
  household?: {
    search: { results?: ReadonlyArray<{ id: string; householdId: string }> | undefined };
    draft: { members: ReadonlyArray<{ residentId?: string }> };
    registryHouseholdId: string;
  };
};

/**
 * The read of a visit page: the visit, and on the household step the registry search's hits (their ids,
 * never the typed name or date of birth) and the members prefilled from a registry household.
 */
export function auditVisitPage(db: DbOrTx, c: Context<AppEnv>, visit: VisitRow, view: PageView) {
  const household = view.step === "household" ? view.household : undefined;
  const hits = household?.search.results ?? [];
  const prefilled = (household?.draft.members ?? []).map((m) => m.residentId ?? "").filter(Boolean);
  return auditVisitRead(db, c, visit, "view", {
    residentIds: [...hits.map((h) => h.id), ...prefilled],
    householdIds: [
      ...hits.map((h) => h.householdId),
      ...(prefilled.length > 0 && household ? [household.registryHouseholdId] : []),
    ],
  });
}

/** The read of the office's open-visit list (names of filers): one entry with the visits listed. */
export async function auditVisitList(db: DbOrTx, c: Context<AppEnv>, visits: readonly VisitRow[]) {
  const session = c.get("session");
  if (!session) return;
  await auditRepository(db).record({
    municipalityId: session.municipalityId,
    action: "visit.list.read",
    actorStaffId: session.staff.id,
    actorUsername: session.staff.username,
    officeId: session.officeId,
    targetType: "office",
    targetId: session.officeId,
    detail: { visitIds: visits.map((v) => v.id) },
    requestId: c.get("requestId") ?? null,
    ip: clientIp(c),
  });
}

/**
 * The reads of visits: the office's open-visit list (audited), and opening another office's visit by its
 * address: a GET of the visit or of one of its documents shows the
 * choice page (whose office it is, "open anyway" with a reason) instead; the POST records the choice in
 * the audit log and opens the visit. Another municipality's visit stays "not found". Mounted by
 * visitRoutes after its requireStaff and before the visit's own routes.
 */
export function visitReadRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;

  const choicePage = async (c: Context<AppEnv>, visit: VisitRow, reason = "", problems: Problem[] = []) => {
    const office = await deps.reference.office(visit.municipalityId, visit.officeId);
    const view = { visitId: visit.id, office: office?.names, reason, problems };
    return renderPage(
      c,
      c.get("t")("visits.otherOfficeTitle"),
      (ctx) => <OtherOfficePage ctx={ctx} view={view} />,
      problems.length > 0 ? 422 : 403,
    );
  };

  // The office's open visits: the staff member's own office only, the read audited.
  app.get("/visits", async (c) => {
    const scope = staffScope(c.get("session"));
    const open = await visitRepository(db).listOpen(scope.municipalityId, scope.officeId);
    const visits = await presentOpenVisits(db, scope.municipalityId, open);
    await auditVisitList(db, c, open);
    return renderPage(c, c.get("t")("visits.listTitle"), (ctx) => (
      <VisitListPage ctx={ctx} visits={visits} />
    ));
  });

  const gate = async (c: Context<AppEnv>, next: Next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const scope = staffScope(c.get("session"));
    const visit = await visitRepository(db).find(scope.municipalityId, c.req.param("id") ?? "");
    // Not found here is the visit route's own answer (404); the own office's visit goes straight on.
    if (!visit || visit.officeId === scope.officeId || (await otherOfficeAllowed(db, scope, visit.id))) {
      return next();
    }
    return choicePage(c, visit);
  };
  app.use("/visits/:id", gate);
  app.use("/visits/:id/*", gate);

  app.post("/visits/:id/open-other-office", async (c) => {
    const form = await c.req.formData().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
    const reason = String(form.get("reason") ?? "")
      .normalize("NFKC")
      .trim();
    const scope = staffScope(c.get("session"));
    const session = c.get("session");
    try {
      const visit = await openOtherOfficeVisit({
        db,
        scope,
        visitId: c.req.param("id"),
        reason,
        actor: { username: session?.staff.username ?? "", requestId: c.get("requestId"), ip: clientIp(c) },
      });
      return c.redirect(`/visits/${visit.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
      const visit = await visitForChoice(db, scope, c.req.param("id"));
      return choicePage(c, visit, reason.slice(0, 400), error.problems);
    }
  });

  return app;
}
