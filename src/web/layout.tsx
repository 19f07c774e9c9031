import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { SessionContext } from "../auth/session";
import { Brand } from "./components/lang";
import { LanguageSwitch } from "./components/language-switch";
import { type Lang, STAFF_LOCALES, type Translate, translator } from "./i18n";
import { assetUrl, FONT_CSS } from "./static-assets";

export { ErrorSummary, problemFor, TextField as Field } from "./components/fields";

/** Every page starts with it, so browsers render in standards mode (not quirks mode). */
export const DOCTYPE = raw("<!DOCTYPE html>");

export interface PageContext {
  lang: Lang;
  t: Translate;
  path: string;
  session: SessionContext | undefined;
  csrfToken: string;
  warningMinutes: number;
  /** The server's clock for this request: the session bar says how long is left by it, not by the browser's. */
  now?: Date | undefined;
}

/** Whole seconds from the server's now until the session ends (never negative). */
export const sessionSecondsLeft = (expiresAt: Date, now: Date): number =>
  Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));

// Building an Intl formatter costs far more than using one: make each once per locale.
const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(kind: "time" | "dateTime" | "dayTime", lang: Lang): Intl.DateTimeFormat {
  const key = `${kind}:${lang}`;
  let format = formats.get(key);
  if (!format) {
    const locale = translator(lang).intlLocale;
    // English readers get 24-hour times as the offices' signs show them.
    const tag = locale === "en" ? "en-GB" : locale;
    format = new Intl.DateTimeFormat(
      tag,
      kind === "time"
        ? timeOptions
        : kind === "dayTime"
          ? // "Wed 1 Apr, 16:39" in English, where "01/04" would read both ways round.
            { ...dayTimeOptions, month: tag.startsWith("en") ? "short" : "numeric" }
          : dateTimeOptions,
    );
    formats.set(key, format);
  }
  return format;
}
const timeOptions: Intl.DateTimeFormatOptions = {
  timeZone: "Asia/Tokyo",
  hour: "2-digit",
  minute: "2-digit",
};
const dayTimeOptions: Intl.DateTimeFormatOptions = {
  timeZone: "Asia/Tokyo",
  month: "numeric",
  day: "numeric",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
};
const dateTimeOptions: Intl.DateTimeFormatOptions = {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};

/** A time of day in Japan, in the reader's locale. */
export const tokyoTime = (date: Date, lang: Lang): string => cachedFormat("time", lang).format(date);

/** A day and time of day in Japan ("4/1(水) 16:39"), for something that happened before today. */
export const tokyoDayTime = (date: Date, lang: Lang): string => cachedFormat("dayTime", lang).format(date);

/** A date and time as staff read it: Japan time, to the second (for logs), whatever the server's zone. */
export const tokyoDateTime = (date: Date, lang: Lang): string => cachedFormat("dateTime", lang).format(date);

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * Staff pages (ja and en). `error` prefixes the title with the error, so the tab and a screen reader's
 * first words say the page is an error.
 */
export function Layout({
  ctx,
  title,
  error,
  children,
}: {
  ctx: PageContext;
  title: string;
  error?: boolean;
  children: Child;
}) {
  const { t, session } = ctx;
  const fullTitle = error ? t("common.errorTitlePrefix", { title }) : title;
  return (
    <>
      {DOCTYPE}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${fullTitle} | ${t("common.productName")}`}</title>
          {/* No icon of our own yet: an empty one stops every page view from also requesting /favicon.ico (a 404). */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={assetUrl("tokens/tokens.css")} />
          <link rel="stylesheet" href={assetUrl(FONT_CSS)} />
          <link rel="stylesheet" href={assetUrl("app/app.css")} />
          {session ? <script type="module" src={assetUrl("js/session-timer.js")} /> : null}
          <script type="module" src={assetUrl("js/print.js")} />
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t("common.skipToContent")}
          </a>
          <header class="site-header">
            <div class="site-header__inner">
              <a class="site-header__brand" href={session ? "/" : "/signin"}>
                <Brand ctx={ctx} />
              </a>
              <nav class="site-header__nav" aria-label={t("common.siteNav")}>
                {session && session.stage === "active" ? <a href="/">{t("common.home")}</a> : null}
                <LanguageSwitch t={t} current={ctx.lang} offered={STAFF_LOCALES} back={ctx.path} />
                {session ? (
                  <form method="post" action="/signout">
                    <CsrfField token={ctx.csrfToken} />
                    <button class="link-button" type="submit">
                      {t("auth.signOut")}
                    </button>
                  </form>
                ) : null}
              </nav>
            </div>
          </header>
          {session && session.stage === "active" ? (
            <section
              class="session-bar"
              aria-label={t("auth.sessionNav")}
              data-session-expires-at={session.expiresAt.toISOString()}
              data-session-remaining-seconds={String(
                sessionSecondsLeft(session.expiresAt, ctx.now ?? new Date()),
              )}
              data-session-warning-minutes={String(ctx.warningMinutes)}
            >
              <div class="session-bar__inner">
                <p class="session-bar__warning" data-session-warning hidden role="alert">
                  {t("auth.sessionWarning")}
                </p>
                <span>{t("auth.sessionExpiresAt", { time: tokyoTime(session.expiresAt, ctx.lang) })}</span>
                <form method="post" action="/session/extend">
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="back" value={ctx.path} />
                  <button class="link-button" type="submit">
                    {t("auth.sessionExtend")}
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
              <a href="/api/reference">{t("common.apiReference")}</a>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
