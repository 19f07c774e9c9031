import { randomUUID, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { auditRepository } from "../auth/audit.repository";
import type { StaffRole } from "../auth/auth.table";
import { newToken, resolveSession } from "../auth/session";
import { AppError } from "../shared/errors";
import { clientAddress } from "./client-address";
import type { AppDeps, AppEnv } from "./context";
import { parseLang, translator } from "./i18n";
import { wantsJson } from "./respond";

export const SESSION_COOKIE = "mg_session";
export const ANON_CSRF_COOKIE = "mg_csrf";
export const LANG_COOKIE = "mg_lang";

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    const log = deps.logger.child({ requestId });
    c.set("log", log);
    const lang = parseLang(getCookie(c, LANG_COOKIE)) ?? "ja";
    c.set("lang", lang);
    c.set("t", translator(lang));
    c.set("session", undefined);
    c.set("csrfToken", "");
    c.set("sessionExpired", false);
    c.set("sessionWarningMinutes", deps.config.SESSION_WARNING_MINUTES);
    c.set("now", deps.now?.() ?? new Date());
    const started = performance.now();
    await next();
    c.header("x-request-id", requestId);
    if (!c.req.path.startsWith("/static/")) {
      log.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  };
}

/**
 * Loads the staff session from its cookie; an expired one is cleared and remembered for the message.
 * The session is read from the database on every request (no per-process cache), so a sign-out, a
 * disabled account or sessions ended by an administrator take effect at once in every process.
 */
export function loadSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith("/static/") || c.req.path === "/healthz") return next();
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const now = deps.now?.() ?? new Date();
      // Read on every request, never from a per-process cache: a sign-out, a disabled account or
      // ended sessions take effect at once in every process (one indexed read, ~0.3 ms).
      const resolved = await resolveSession(deps.database.db, token, now);
      if (resolved.kind === "ok") {
        c.set("session", resolved.session);
        c.set("csrfToken", resolved.session.csrfToken);
      } else {
        setCookie(c, SESSION_COOKIE, "", { path: "/", maxAge: 0 });
        if (resolved.kind === "expired") c.set("sessionExpired", true);
      }
    }
    if (!c.get("session")) {
      let anon = getCookie(c, ANON_CSRF_COOKIE);
      if (!anon || anon.length < 20) {
        anon = newToken();
        setCookie(c, ANON_CSRF_COOKIE, anon, {
          path: "/",
          httpOnly: true,
          sameSite: "Strict",
          secure: deps.config.COOKIE_SECURE,
        });
      }
      c.set("csrfToken", anon);
    }
    await next();
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Every state-changing form carries the page's token (synchroniser token in the session, or a
 * double-submit cookie before sign-in). A JSON request needs no token when it shows it comes from this
 * site — an Origin of this host, or `Sec-Fetch-Site: same-origin` — or when it carries no session at
 * all (nothing to forge: the public API). A JSON request with a session that shows neither must send
 * the session's token in `X-CSRF-Token`: a program signed in as staff names this origin or the token,
 * so no request of unknown origin acts on a staff session.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!unsafe.has(c.req.method)) return next();
    const type = c.req.header("content-type") ?? "";
    // A browser says where a request comes from even when it sends no Origin: a request made by
    // another site (or a sibling host of the same site) is refused, JSON or not.
    const site = c.req.header("sec-fetch-site");
    if (site === "cross-site" || site === "same-site") throw new AppError("CSRF");
    const origin = c.req.header("origin");
    if (origin && origin !== "null") {
      const host = c.req.header("host");
      let originHost = "";
      try {
        originHost = new URL(origin).host;
      } catch {}
      if (host && originHost !== host) throw new AppError("CSRF");
    }
    // A request to the JSON API without a session borrows no one's credentials: the public API names
    // what it changes with its own token (DELETE /api/v1/reservations/{code}?token=…), so nothing to forge.
    if (c.req.path.startsWith("/api/") && c.get("session") === undefined && c.get("sessionExpired") !== true)
      return next();
    if (type.startsWith("application/json")) {
      const sameOrigin = (origin !== undefined && origin !== "null") || site === "same-origin";
      const credentials = c.get("session") !== undefined || c.get("sessionExpired") === true;
      if (sameOrigin || !credentials) return next();
      if (!sameToken(c.req.header("x-csrf-token") ?? "", c.get("csrfToken"))) throw new AppError("CSRF");
      return next();
    }
    // The form was made under a session that has since expired: say that, not "the form expired".
    if (c.get("sessionExpired")) {
      if (wantsJson(c)) throw new AppError("SESSION_EXPIRED");
      return c.redirect("/signin?expired=1", 303);
    }
    let sent = "";
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      // A body the content type promises but that does not parse was not sent by our pages: a 400, not a 500.
      const body = await c.req.parseBody().catch(() => Promise.reject(new AppError("MALFORMED_JSON")));
      sent = typeof body._csrf === "string" ? body._csrf : "";
    } else {
      sent = c.req.header("x-csrf-token") ?? "";
    }
    if (!sameToken(sent, c.get("csrfToken"))) throw new AppError("CSRF");
    return next();
  };
}

/**
 * Lets only signed-in staff (with a finished second step) through, and of the given roles.
 * A refusal for a role is audited; a missing session sends a browser to sign-in and an API client a 401.
 */
export function requireStaff(deps: AppDeps, roles?: readonly StaffRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get("session");
    if (!session) {
      const expired = c.get("sessionExpired");
      if (wantsJson(c)) throw new AppError(expired ? "SESSION_EXPIRED" : "UNAUTHENTICATED");
      const next_ = c.req.method === "GET" ? c.req.path : "/";
      return c.redirect(`/signin?next=${encodeURIComponent(next_)}${expired ? "&expired=1" : ""}`, 303);
    }
    if (session.stage !== "active") {
      if (wantsJson(c)) throw new AppError("UNAUTHENTICATED");
      return c.redirect("/signin/totp", 303);
    }
    if (roles && !roles.includes(session.staff.role)) {
      await auditRepository(deps.database.db).record({
        municipalityId: session.municipalityId,
        action: "authz.denied",
        outcome: "denied",
        actorStaffId: session.staff.id,
        actorUsername: session.staff.username,
        officeId: session.officeId,
        targetType: "route",
        targetId: `${c.req.method} ${c.req.path}`,
        requestId: c.get("requestId"),
        ip: clientIp(c),
      });
      throw new AppError("FORBIDDEN");
    }
    return next();
  };
}

/** The client's address (X-Forwarded-For only from TRUSTED_PROXIES): see src/web/client-address.ts. */
export function clientIp(c: Context<AppEnv>): string | null {
  return clientAddress(c);
}

const LOCAL_ORIGIN = "http://madoguchi.invalid";

/**
 * Only local paths are followed after sign-in or a language switch: never an open redirect.
 * A value with a control character falls back at once; the rest is resolved as a browser would
 * (the WHATWG URL parser reads a backslash as a slash, so `/\evil.example` is `//evil.example`),
 * and anything that lands on another origin falls back. What is returned is the parser's own serialisation:
 * percent-encoded ASCII, which always fits a Location header.
 */
export function safeLocalPath(value: string | undefined | null, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  // A control character has no place in a way back (a tab or line break hides a second slash).
  for (const ch of value) if (ch < " " || ch === "\u007f") return fallback;
  let url: URL;
  try {
    url = new URL(value, `${LOCAL_ORIGIN}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_ORIGIN || url.username !== "" || url.password !== "") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Pages and JSON made for signed-in staff carry residents' and staff members' data: no browser or
 * proxy may keep them (after sign-out, Back must not show them from a cache). Every response gets
 * `Cache-Control: no-store` unless its route chose its own caching; only the static assets are
 * cacheable by default.
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.path.startsWith("/static/")) return;
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  };
}
