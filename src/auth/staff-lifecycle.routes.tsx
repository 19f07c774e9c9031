import { type Context, Hono } from "hono";
import { z } from "zod";
import { notFound } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage } from "../web/respond";
import { disableStaff } from "./disable-staff";
import { enableStaff } from "./enable-staff";
import { endSessions } from "./end-sessions";
import { NewPasswordPage } from "./pages/one-time-secret.page";
import { type StaffAction, staffActions } from "./pages/staff-member.page";
import { resetPassword } from "./reset-password";
import { resetTotp } from "./reset-totp";
import type { StaffActionOptions } from "./staff-action";
import { unlockStaff } from "./unlock-staff";

const actionParam = z.enum(staffActions);

/** The administrator's session as the actor of a lifecycle action on the account `:id` of this tenant. */
export function staffActionOptions(c: Context<AppEnv>, id: string): StaffActionOptions {
  const session = c.get("session");
  if (!session) throw notFound();
  return {
    municipalityId: session.municipalityId,
    target: { id },
    actor: { staffId: session.staff.id, username: session.staff.username, officeId: session.officeId },
    requestId: c.get("requestId"),
    ip: clientIp(c),
  };
}

/** POST /admin/staff/:id/<action>: each action one use case, one transaction, one audit entry. */
export function staffLifecycleRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/admin/staff/*", requireStaff(deps, ["admin"]));

  const run: Record<Exclude<StaffAction, "reset-password">, (o: StaffActionOptions) => Promise<unknown>> = {
    disable: (o) => disableStaff(db, o),
    enable: (o) => enableStaff(db, o),
    "reset-totp": (o) => resetTotp(db, o),
    unlock: (o) => unlockStaff(db, o),
    "end-sessions": (o) => endSessions(db, o),
  };

  app.post("/admin/staff/:id/:action", async (c) => {
    const parsed = actionParam.safeParse(c.req.param("action"));
    if (!parsed.success) throw notFound();
    const id = c.req.param("id");
    const options = staffActionOptions(c, id);
    const back = `/admin/staff/${encodeURIComponent(id)}`;
    if (parsed.data === "reset-password") {
      const { username, password } = await resetPassword(db, options);
      return renderPage(c, c.get("t")("auth.newPasswordTitle", { username }), (ctx) => (
        <NewPasswordPage ctx={ctx} username={username} password={password} back={back} />
      ));
    }
    await run[parsed.data](options);
    return c.redirect(`${back}?done=${parsed.data}`, 303);
  });

  return app;
}
