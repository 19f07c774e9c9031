import type { Child } from "hono/jsx";
import type { SessionContext } from "../auth/session";
import type { Problem } from "../shared/errors";
import type { Lang, Translate } from "./i18n";

export interface PageContext {
  lang: Lang;
  t: Translate;
  path: string;
  session: SessionContext | undefined;
  csrfToken: string;
  warningMinutes: number;
}

// Building an Intl formatter costs far more than using one: make each once.
const timeFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }),
};

export const tokyoTime = (date: Date, lang: Lang): string => timeFormats[lang].format(date);

const dateTimeOptions: Intl.DateTimeFormatOptions = {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};
const dateTimeFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat("ja-JP", dateTimeOptions),
  en: new Intl.DateTimeFormat("en-GB", dateTimeOptions),
};

/** A date and time as staff read it: Japan time, to the second (for logs), whatever the server's zone. */
export const tokyoDateTime = (date: Date, lang: Lang): string => dateTimeFormats[lang].format(date);

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** GOV.UK-style summary at the top of a form: each problem links to its field. */
export function ErrorSummary({ problems, t, lang }: { problems: Problem[]; t: Translate; lang: Lang }) {
  if (problems.length === 0) return null;
  // Focused on load (autofocus works without script), so keyboard and screen-reader users meet it first.
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{t("errorSummaryTitle")}</h2>
      <ul>
        {problems.map((p) => (
          <li>
            {p.path ? <a href={`#${p.path}`}>{lang === "ja" ? p.ja : p.en}</a> : lang === "ja" ? p.ja : p.en}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function problemFor(problems: Problem[], path: string, lang: Lang): string | undefined {
  const p = problems.find((x) => x.path === path);
  return p ? (lang === "ja" ? p.ja : p.en) : undefined;
}

export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  type?: string;
  value?: string;
  autocomplete?: string;
  inputmode?: "numeric" | "text" | "email" | "tel";
  required?: boolean;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        aria-describedby={props.error ? errorId : undefined}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const to = ctx.lang === "ja" ? "en" : "ja";
  return (
    <a href={`/lang?to=${to}&back=${encodeURIComponent(ctx.path)}`} lang={to} hreflang={to}>
      <span aria-hidden="true">{ctx.t("languageSwitch")}</span>
      <span class="visually-hidden">{ctx.t("languageSwitchLabel")}</span>
    </a>
  );
}

export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: Child }) {
  const { t, session } = ctx;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t("productName")}`}</title>
        {/* No icon of our own yet: an empty one stops every page view from also requesting /favicon.ico (a 404). */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/tokens/tokens.css" />
        <link rel="stylesheet" href="/static/noto-sans-jp/400.css" />
        <link rel="stylesheet" href="/static/noto-sans-jp/700.css" />
        <link rel="stylesheet" href="/static/app/app.css" />
        {session ? <script type="module" src="/static/js/session-timer.js" /> : null}
        <script type="module" src="/static/js/print.js" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href={session ? "/" : "/signin"}>
              {t("productName")}
            </a>
            <nav class="site-header__nav" aria-label={ctx.lang === "ja" ? "サイト" : "Site"}>
              {session && session.stage === "active" ? <a href="/">{t("home")}</a> : null}
              <LanguageSwitch ctx={ctx} />
              {session ? (
                <form method="post" action="/signout">
                  <CsrfField token={ctx.csrfToken} />
                  <button class="link-button" type="submit">
                    {t("signOut")}
                  </button>
                </form>
              ) : null}
            </nav>
          </div>
        </header>
        {session && session.stage === "active" ? (
          <section
            class="session-bar"
            aria-label={ctx.lang === "ja" ? "セッション" : "Session"}
            data-session-expires-at={session.expiresAt.toISOString()}
            data-session-warning-minutes={String(ctx.warningMinutes)}
          >
            <div class="session-bar__inner">
              <p class="session-bar__warning" data-session-warning hidden role="alert">
                {t("sessionWarning")}
              </p>
              <span>{t("sessionExpiresAt", { time: tokyoTime(session.expiresAt, ctx.lang) })}</span>
              <form method="post" action="/session/extend">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="back" value={ctx.path} />
                <button class="link-button" type="submit">
                  {t("sessionExtend")}
                </button>
              </form>
            </div>
          </section>
        ) : null}
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="site-footer__inner">
            <a href="/api/reference">{t("apiReference")}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
