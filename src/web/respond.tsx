import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Problem } from "../shared/errors";
import type { AppEnv } from "./context";
import type { MappedError } from "./error-mapper";
import { bilingual } from "./i18n";
import { Layout, type PageContext } from "./layout";

export function pageContext(c: Context<AppEnv>): PageContext {
  return {
    lang: c.get("lang"),
    t: c.get("t"),
    path: c.req.path,
    session: c.get("session"),
    csrfToken: c.get("csrfToken"),
    warningMinutes: c.get("sessionWarningMinutes"),
  };
}

export function renderPage(
  c: Context<AppEnv>,
  title: string,
  body: (ctx: PageContext) => Child,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 503 = 200,
) {
  const ctx = pageContext(c);
  return c.html(
    <Layout ctx={ctx} title={title}>
      {body(ctx)}
    </Layout>,
    status,
  );
}

/** API clients and browsers alike: JSON for /api and JSON requests, a page for everything else. */
export function wantsJson(c: Context<AppEnv>): boolean {
  if (c.req.path.startsWith("/api/") || c.req.path === "/healthz") return true;
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

export interface ErrorBody {
  error: { code: string; message: { ja: string; en: string }; problems: Problem[]; requestId: string };
}

export function respondError(c: Context<AppEnv>, mapped: MappedError) {
  const requestId = c.get("requestId") ?? "";
  if (wantsJson(c)) {
    const body: ErrorBody = {
      error: { code: mapped.code, message: bilingual(mapped.lead), problems: mapped.problems, requestId },
    };
    return c.json(body, mapped.status);
  }
  return renderPage(
    c,
    c.get("t")(mapped.title),
    (ctx) => (
      <>
        <h1>{ctx.t(mapped.title)}</h1>
        <p class="lead">{ctx.t(mapped.lead)}</p>
        {mapped.problems.length > 0 ? (
          <ul>
            {mapped.problems.map((p) => (
              <li>{ctx.lang === "ja" ? p.ja : p.en}</li>
            ))}
          </ul>
        ) : null}
        <p>
          {ctx.t("requestId")}: <code>{requestId}</code>
        </p>
        <p>
          <a href={ctx.session ? "/" : "/signin"}>{ctx.session ? ctx.t("backToHome") : ctx.t("signIn")}</a>
        </p>
      </>
    ),
    mapped.status,
  );
}
