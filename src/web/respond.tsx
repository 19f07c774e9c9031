import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { negotiateLocale } from "../i18n/locales";
import type { Problem } from "../shared/errors";
import type { AppEnv } from "./context";
import type { MappedError } from "./error-mapper";
import { type Lang, LOCALE_CODES, STAFF_LOCALES, type Translate, translator } from "./i18n";
import { Layout, type PageContext } from "./layout";

/**
 * Staff pages are in Japanese and English: a reader who chose a resident-only language gets English,
 * or Japanese if it was やさしい日本語.
 */
export function staffLang(lang: Lang): Lang {
  if (STAFF_LOCALES.includes(lang)) return lang;
  return lang.startsWith("ja") ? "ja" : "en";
}

export function pageContext(c: Context<AppEnv>): PageContext {
  const lang = staffLang(c.get("lang"));
  return {
    lang,
    t: translator(lang),
    path: c.req.path,
    session: c.get("session"),
    csrfToken: c.get("csrfToken"),
    warningMinutes: c.get("sessionWarningMinutes"),
    now: c.get("now"),
  };
}

type PageStatus = 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 503;

export function renderPage(
  c: Context<AppEnv>,
  title: string,
  body: (ctx: PageContext) => Child,
  status: PageStatus = 200,
) {
  const ctx = pageContext(c);
  return c.html(
    <Layout ctx={ctx} title={title} error={status >= 400}>
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

/** A problem as the JSON API gives it: the code, the Japanese and English texts, and the text asked for. */
export interface ProblemBody {
  path: string;
  code: string;
  params?: Problem["params"];
  ja: string;
  en: string;
  /** In the request's Accept-Language (or the language cookie), among the offered languages. */
  text: string;
}

export interface ErrorBody {
  error: {
    /** The class of failure (VALIDATION, CONFLICT, …), which decides the status. */
    code: string;
    /** The specific, stable reason a client can match ("visits.notSigned"), when there is one. */
    reason?: string;
    message: { ja: string; en: string };
    /** The message in the language asked for. */
    text: string;
    lang: string;
    problems: ProblemBody[];
    requestId: string;
  };
}

/** The language a JSON answer is written in: Accept-Language, else the language cookie, else Japanese. */
export function apiLang(c: Context<AppEnv>): Lang {
  const header = c.req.header("accept-language");
  return header ? negotiateLocale(header, LOCALE_CODES) : c.get("lang");
}

export function problemBodies(problems: readonly Problem[], t: Translate): ProblemBody[] {
  const ja = translator("ja");
  const en = translator("en");
  return problems.map((p) => ({
    path: p.path,
    code: p.code,
    ...(p.params ? { params: p.params } : {}),
    ja: ja.message(p),
    en: en.message(p),
    text: t.message(p),
  }));
}

export function respondError(c: Context<AppEnv>, mapped: MappedError) {
  const requestId = c.get("requestId") ?? "";
  if (wantsJson(c)) {
    const lang = apiLang(c);
    const t = translator(lang);
    const body: ErrorBody = {
      error: {
        code: mapped.code,
        ...(mapped.reason ? { reason: mapped.reason } : {}),
        message: { ja: translator("ja")(mapped.lead), en: translator("en")(mapped.lead) },
        text: t(mapped.lead),
        lang,
        problems: problemBodies(mapped.problems, t),
        requestId,
      },
    };
    return c.json(body, mapped.status);
  }
  const t = pageContext(c).t;
  return renderPage(
    c,
    t(mapped.title),
    (ctx) => (
      <>
        <h1>{ctx.t(mapped.title)}</h1>
        <p class="lead">{ctx.t(mapped.lead)}</p>
        {mapped.problems.length > 0 ? (
          <ul>
            {mapped.problems.map((p) => (
              <li>{ctx.t.message(p)}</li>
            ))}
          </ul>
        ) : null}
        <p>
          {ctx.t("common.requestId")}: <code>{requestId}</code>
        </p>
        <p>
          <a href={ctx.session ? "/" : "/signin"}>
            {ctx.session ? ctx.t("common.backToHome") : ctx.t("auth.signIn")}
          </a>
        </p>
      </>
    ),
    mapped.status,
  );
}
