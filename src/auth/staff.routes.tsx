import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { auditRepository } from "./audit.repository";
import { listSessions } from "./list-sessions";
import { AuditLogPage } from "./pages/audit-log.page";
import { StaffListPage } from "./pages/staff-list.page";
import { doneMessage, StaffMemberPage, staffActions } from "./pages/staff-member.page";
import { recoveryCodeRepository } from "./recovery-code.repository";
import { staffRepository } from "./staff.repository";
import { staffActionOptions, staffLifecycleRoutes } from "./staff-lifecycle.routes";

const doneParam = z.enum(staffActions).optional().catch(undefined);

export function staffRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/staff", requireStaff(deps, ["admin"]));
  app.use("/admin/staff/*", requireStaff(deps, ["admin"]));
  app.use("/admin/audit", requireStaff(deps, ["supervisor", "admin"]));

  app.get("/admin/staff", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const list = await staffRepository(deps.database.db).list(session.municipalityId);
    const staff = list.map(({ id, username, displayName, role, disabled }) => ({
      id,
      username,
      displayName,
      role,
      disabled,
    }));
    return renderPage(c, c.get("t")("auth.staffList"), (ctx) => <StaffListPage ctx={ctx} staff={staff} />);
  });

  app.get("/admin/staff/:id", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const db = deps.database.db;
    const found = await staffRepository(db).findById(session.municipalityId, c.req.param("id"));
    if (!found) throw notFound();
    const { id, username, displayName, role, disabled, totpEnabled, failedAttempts } = found;
    const now = c.get("now");
    const sessions = await listSessions(db, {
      ...staffActionOptions(c, id),
      now,
      idleMinutes: deps.config.SESSION_IDLE_MINUTES,
    });
    const member = {
      id,
      username,
      displayName,
      role,
      disabled,
      totpEnabled,
      failedAttempts,
      lockedUntil: found.lockedUntil && found.lockedUntil > now ? found.lockedUntil : null,
      recoveryCodesLeft: await recoveryCodeRepository(db).countUnused(session.municipalityId, id),
      self: id === session.staff.id,
      sessions,
    };
    const done = doneParam.parse(c.req.query("done"));
    const notice = done ? c.get("t")(doneMessage(done)) : undefined;
    return renderPage(c, member.username, (ctx) => (
      <StaffMemberPage ctx={ctx} member={member} {...(notice ? { notice } : {})} />
    ));
  });

  app.route("/", staffLifecycleRoutes(deps));

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
