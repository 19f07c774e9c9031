import type { Child } from "hono/jsx";
import type { Locale } from "../../shared/locale";
import type { Translate } from "../i18n";
import { DOCTYPE } from "../layout";
import { assetUrl, FONT_CSS } from "../static-assets";
import { LanguageSwitch } from "./language-switch";

/** What a resident page needs to know of its request. */
export interface PublicContext {
  lang: Locale;
  t: Translate;
  path: string;
}

export interface PublicPageOptions {
  ctx: PublicContext;
  title: string;
  bodyClass: string;
  scripts?: string[];
  /** Extra stylesheets under /static/app (e.g. "queue"). */
  styles?: string[];
  /** Without JavaScript the page reloads itself this often (seconds). */
  noscriptRefreshSeconds?: number;
  /** The languages to offer in the switch (none: no switch, e.g. the display board). */
  languages?: readonly Locale[];
  /** Where the switch returns to; the page's own path by default. */
  switchBack?: string;
  /** The page reports an error: the title says so first, for screen readers and tab lists. */
  error?: boolean;
}

/**
 * Resident pages (kiosk, ticket, phone page, display, survey, sheets): no staff header, the product's
 * fonts and styles, no inline script or style, the reader's language on <html>.
 */
export function PublicLayout(props: PublicPageOptions & { children: Child }) {
  const { t, lang } = props.ctx;
  const title = props.error ? t("common.errorTitlePrefix", { title: props.title }) : props.title;
  return (
    <>
      {DOCTYPE}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${title} | ${t("common.productName")}`}</title>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={assetUrl("tokens/tokens.css")} />
          <link rel="stylesheet" href={assetUrl(FONT_CSS)} />
          <link rel="stylesheet" href={assetUrl("app/app.css")} />
          {(props.styles ?? []).map((s) => (
            <link rel="stylesheet" href={assetUrl(`app/${s}.css`)} />
          ))}
          {props.noscriptRefreshSeconds ? (
            <noscript>
              <meta http-equiv="refresh" content={String(props.noscriptRefreshSeconds)} />
            </noscript>
          ) : null}
          {(props.scripts ?? []).map((s) => (
            <script type="module" src={assetUrl(`js/${s}.js`)} />
          ))}
        </head>
        <body class={props.bodyClass}>
          <a class="skip-link" href="#main">
            {t("common.skipToContent")}
          </a>
          {props.languages ? (
            <LanguageSwitch
              t={t}
              current={lang}
              offered={props.languages}
              back={props.switchBack ?? props.ctx.path}
              large
            />
          ) : null}
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}
