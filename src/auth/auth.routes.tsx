import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import QRCode from "qrcode";
import { z } from "zod";
import type { Problem } from "../shared/errors";
import type { AppDeps, AppEnv } from "../web/context";
import { parseLang } from "../web/i18n";
import { tokyoTime } from "../web/layout";
import { clientIp, requireStaff, SESSION_COOKIE, safeLocalPath } from "../web/middleware";
import { renderPage } from "../web/respond";
import { accountRoutes, newPasswordPath } from "./account.routes";
import { auditRepository } from "./audit.repository";
import { completeTwoFactor, pendingTotpSecret } from "./complete-two-factor";
import { SignInPage } from "./pages/sign-in.page";
import { TotpPage } from "./pages/totp.page";
import { extendSession } from "./session";
import { sessionRepository } from "./session.repository";
import { signIn } from "./sign-in";
import { totpUri } from "./totp";

const signInForm = z.object({
  username: z.string().trim().max(100),
  password: z.string().max(1000),
  next: z.string().max(500).optional(),
});

// A 6-digit TOTP code, or a recovery code ("K7QM-2XWD-H9PA-RT3E", perhaps typed with spaces).
const codeForm = z.object({ code: z.string().trim().max(40) });

export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = () => deps.now?.() ?? new Date();

  const sessionCookie = (token: string, maxAgeSeconds?: number) => ({
    path: "/",
    httpOnly: true,
    sameSite: "Lax" as const,
    secure: deps.config.COOKIE_SECURE,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
    value: token,
  });

  const signInPage = (
    c: Context<AppEnv>,
    options: { problems?: Problem[]; username?: string; notice?: string; status?: 200 | 401 | 422 } = {},
  ) => {
    const problems = options.problems ?? [];
    const next = safeLocalPath(c.req.query("next"), "/");
    return renderPage(
      c,
      c.get("t")("auth.signInTitle"),
      (ctx) => (
        <SignInPage
          ctx={ctx}
          problems={problems}
          next={next}
          username={options.username ?? ""}
          notice={options.notice}
        />
      ),
      options.status ?? 200,
    );
  };

  app.get("/signin", (c) => {
    const t = c.get("t");
    const notice =
      c.req.query("expired") === "1" || c.get("sessionExpired")
        ? t("auth.sessionExpired")
        : c.req.query("signedout") === "1"
          ? t("auth.signedOut")
          : undefined;
    return signInPage(c, { notice });
  });

  app.post("/signin", async (c) => {
    const t = c.get("t");
    const lang = c.get("lang");
    const form = signInForm.safeParse(await c.req.parseBody());
    const username = form.success ? form.data.username.normalize("NFKC") : "";
    const password = form.success ? form.data.password : "";
    const problems: Problem[] = [];
    if (!username)
      problems.push({
        path: "username",
        code: "common.requiredField",
        params: { field: t("auth.username") },
      });
    if (!password)
      problems.push({
        path: "password",
        code: "common.requiredField",
        params: { field: t("auth.password") },
      });
    if (problems.length > 0) return signInPage(c, { problems, username, status: 422 });
    const result = await signIn(deps.database.db, {
      username,
      password,
      now: now(),
      idleMinutes: deps.config.SESSION_IDLE_MINUTES,
      lockoutThreshold: deps.config.LOCKOUT_THRESHOLD,
      lockoutMinutes: deps.config.LOCKOUT_MINUTES,
      requestId: c.get("requestId"),
      ip: clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
    });
    if (result.kind === "invalid") {
      return signInPage(c, {
        problems: [{ path: "password", code: "auth.invalidCredentials" }],
        username,
        status: 401,
      });
    }
    if (result.kind === "locked") {
      const until = tokyoTime(result.until, lang);
      return signInPage(c, {
        problems: [{ path: "username", code: "auth.accountLocked", params: { until } }],
        username,
        status: 401,
      });
    }
    const { value, ...cookie } = sessionCookie(result.token);
    setCookie(c, SESSION_COOKIE, value, cookie);
    const next = safeLocalPath(c.req.query("next"), "/");
    if (result.needsTotp) return c.redirect(`/signin/totp?next=${encodeURIComponent(next)}`, 303);
    if (result.mustChangePassword) return c.redirect(newPasswordPath(next), 303);
    return c.redirect(next, 303);
  });

  const totpPage = async (c: Context<AppEnv>, problems: Problem[] = [], status: 200 | 401 = 200) => {
    const session = c.get("session");
    if (!session) return c.redirect("/signin", 303);
    if (session.stage === "active") return c.redirect("/", 303);
    if (session.stage === "password-change") return c.redirect(newPasswordPath("/"), 303);
    const setup = session.stage === "totp-setup";
    let qr = "";
    let secret = "";
    if (setup) {
      secret = await pendingTotpSecret(deps.database.db, session);
      qr = await QRCode.toDataURL(totpUri(secret, session.staff.username), { margin: 1, width: 192 });
    }
    const next = safeLocalPath(c.req.query("next"), "/");
    return renderPage(
      c,
      c.get("t")(setup ? "auth.totpSetupTitle" : "auth.totpTitle"),
      (ctx) => <TotpPage ctx={ctx} problems={problems} next={next} setup={setup} qr={qr} secret={secret} />,
      status,
    );
  };

  app.get("/signin/totp", (c) => totpPage(c));

  app.post("/signin/totp", async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/signin", 303);
    if (session.stage === "active" || session.stage === "password-change") return totpPage(c);
    const form = codeForm.safeParse(await c.req.parseBody());
    const result = await completeTwoFactor(deps.database.db, {
      session,
      code: form.success ? form.data.code : "",
      now: now(),
      idleMinutes: deps.config.SESSION_IDLE_MINUTES,
      requestId: c.get("requestId"),
      ip: clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
      lockoutThreshold: deps.config.LOCKOUT_THRESHOLD,
      lockoutMinutes: deps.config.LOCKOUT_MINUTES,
    });
    if (result.kind === "locked") {
      setCookie(c, SESSION_COOKIE, "", { path: "/", maxAge: 0 });
      c.set("session", undefined);
      return signInPage(c, {
        problems: [
          {
            path: "username",
            code: "auth.accountLocked",
            params: { until: tokyoTime(result.until, c.get("lang")) },
          },
        ],
        status: 401,
      });
    }
    if (result.kind === "invalid") return totpPage(c, [{ path: "code", code: "auth.totpInvalid" }], 401);
    // The password-step session is gone; the active one has a token never seen before this answer.
    const { value, ...cookie } = sessionCookie(result.token);
    setCookie(c, SESSION_COOKIE, value, cookie);
    const next = safeLocalPath(c.req.query("next"), "/");
    // Just enrolled: offer recovery codes (made on the next page's POST, so they are shown once).
    const then = result.enrolled
      ? `/account/recovery-codes?enrolled=1&next=${encodeURIComponent(next)}`
      : next;
    return c.redirect(result.mustChangePassword ? newPasswordPath(then) : then, 303);
  });

  app.post("/signout", async (c) => {
    const session = c.get("session");
    if (session) {
      await sessionRepository(deps.database.db).delete(session.idHash);
      await auditRepository(deps.database.db).record({
        municipalityId: session.municipalityId,
        action: "auth.sign-out",
        actorStaffId: session.staff.id,
        actorUsername: session.staff.username,
        officeId: session.officeId,
        requestId: c.get("requestId"),
        ip: clientIp(c),
      });
    }
    setCookie(c, SESSION_COOKIE, "", { path: "/", maxAge: 0 });
    return c.redirect("/signin?signedout=1", 303);
  });

  app.post("/session/extend", requireStaff(deps), async (c) => {
    const session = c.get("session");
    if (!session) return c.redirect("/signin", 303);
    const expiresAt = await extendSession(deps.database.db, session, deps.config.SESSION_IDLE_MINUTES, now());
    const body = await c.req.parseBody();
    if (c.req.header("accept")?.includes("application/json"))
      return c.json({ expiresAt: expiresAt.toISOString() });
    return c.redirect(safeLocalPath(typeof body.back === "string" ? body.back : "/"), 303);
  });

  app.route("/", accountRoutes(deps));

  // A language switch changes only a display preference, so a plain link (GET) is enough.
  app.get("/lang", (c) => {
    const to = parseLang(c.req.query("to")) ?? "ja";
    setCookie(c, "mg_lang", to, { path: "/", sameSite: "Lax", maxAge: 60 * 60 * 24 * 365 });
    return c.redirect(safeLocalPath(c.req.query("back"), "/"), 303);
  });

  return app;
}
