import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { z } from "zod";
import { AppError, notFound, type Problem } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { clientIp, requireStaff, SESSION_COOKIE, safeLocalPath } from "../web/middleware";
import { renderPage } from "../web/respond";
import { refuse } from "./auth.errors";
import { changePassword } from "./change-password";
import { NewPasswordFormPage } from "./pages/new-password.page";
import { RecoveryCodesPage } from "./pages/one-time-secret.page";
import { recoveryCodeRepository } from "./recovery-code.repository";
import { createRecoveryCodes } from "./recovery-codes";
import { staffRepository } from "./staff.repository";

export const newPasswordPath = (next: string): string =>
  `/signin/new-password?next=${encodeURIComponent(next)}`;

const passwordForm = z.object({
  password: z.string().max(1000).catch(""),
  confirmation: z.string().max(1000).catch(""),
});

/**
 * The signed-in person's own account: the new password after an administrator's reset, and a
 * supervisor's or admin's TOTP recovery codes (made on request, shown once).
 */
export function accountRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/account/*", requireStaff(deps));

  const passwordPage = (c: Context<AppEnv>, problems: Problem[] = [], status: 200 | 422 = 200) => {
    const session = c.get("session");
    if (!session) return c.redirect("/signin", 303);
    if (session.stage === "active") return c.redirect("/", 303);
    if (session.stage !== "password-change") return c.redirect("/signin/totp", 303);
    const next = safeLocalPath(c.req.query("next"), "/");
    return renderPage(
      c,
      c.get("t")("auth.choosePasswordTitle"),
      (ctx) => <NewPasswordFormPage ctx={ctx} problems={problems} next={next} />,
      status,
    );
  };

  app.get("/signin/new-password", (c) => passwordPage(c));

  app.post("/signin/new-password", async (c) => {
    const session = c.get("session");
    if (session?.stage !== "password-change") return passwordPage(c);
    const form = passwordForm.parse(await c.req.parseBody());
    try {
      const { token } = await changePassword(db, {
        session,
        password: form.password,
        confirmation: form.confirmation,
        now: c.get("now"),
        idleMinutes: deps.config.SESSION_IDLE_MINUTES,
        requestId: c.get("requestId"),
        ip: clientIp(c),
        userAgent: c.req.header("user-agent") ?? null,
      });
      setCookie(c, SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: deps.config.COOKIE_SECURE,
      });
      return c.redirect(safeLocalPath(c.req.query("next"), "/"), 303);
    } catch (error) {
      if (error instanceof AppError && error.code === "VALIDATION")
        return passwordPage(c, error.problems, 422);
      throw error;
    }
  });

  const codesPage = async (c: Context<AppEnv>, codes: string[]) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const member = await staffRepository(db).findById(session.municipalityId, session.staff.id);
    if (!member?.totpEnabled) throw refuse("recoveryCodesNeedTotp");
    const left = await recoveryCodeRepository(db).countUnused(session.municipalityId, member.id);
    const next = safeLocalPath(c.req.query("next"), "/");
    return renderPage(c, c.get("t")("auth.recoveryCodesTitle"), (ctx) => (
      <RecoveryCodesPage
        ctx={ctx}
        codes={codes}
        left={left}
        enrolled={c.req.query("enrolled") === "1"}
        next={next}
      />
    ));
  };

  app.get("/account/recovery-codes", (c) => codesPage(c, []));

  app.post("/account/recovery-codes", async (c) => {
    const session = c.get("session");
    if (!session) throw notFound();
    const codes = await createRecoveryCodes(db, {
      municipalityId: session.municipalityId,
      target: { id: session.staff.id },
      actor: { staffId: session.staff.id, username: session.staff.username, officeId: session.officeId },
      requestId: c.get("requestId"),
      ip: clientIp(c),
    });
    return codesPage(c, codes);
  });

  return app;
}
