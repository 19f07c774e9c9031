import { Hono } from "hono";
import { notFound } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { auditRepository } from "./audit.repository";
import { AuditLogPage } from "./pages/audit-log.page";
import { StaffListPage } from "./pages/staff-list.page";
import { StaffMemberPage } from "./pages/staff-member.page";
import { staffRepository } from "./staff.repository";

export function staffRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/staff", requireStaff(deps, ["admin"]));
  app.use("/admin/staff/*", requireStaff(deps, ["admin"]));
  app.use("/admin/audit", requireStaff(deps, ["supervisor", "admin"]));

  app.get("/admin/staff", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const list = await staffRepository(deps.database.db).list(session.municipalityId);
    const staff = list.map(({ id, username, displayName, role }) => ({ id, username, displayName, role }));
    return renderPage(c, c.get("t")("auth.staffList"), (ctx) => <StaffListPage ctx={ctx} staff={staff} />);
  });

  app.get("/admin/staff/:id", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const found = await staffRepository(deps.database.db).findById(session.municipalityId, c.req.param("id"));
    if (!found) throw notFound();
    const { id, username, displayName, role, totpEnabled, lockedUntil } = found;
    const member = { id, username, displayName, role, totpEnabled, lockedUntil };
    return renderPage(c, member.username, (ctx) => <StaffMemberPage ctx={ctx} member={member} />);
  });

  app.get("/admin/audit", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const entries = await auditRepository(deps.database.db).list(session.municipalityId, { limit: 200 });
    return renderPage(c, c.get("t")("common.auditLog"), (ctx) => (
      <AuditLogPage ctx={ctx} entries={entries} />
    ));
  });
  return app;
}
