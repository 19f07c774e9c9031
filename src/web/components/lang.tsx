import type { Child } from "hono/jsx";
import { type Locale, type LocaleMap, pickLabel } from "../../shared/locale";

/** Whether text in `lang` needs marking inside a page in `page` (やさしい日本語 pages are Japanese too). */
const sameLanguage = (lang: Locale, page: Locale): boolean => lang.split("-")[0] === page.split("-")[0];

/**
 * A label from data (a purpose, an office, a vocabulary term) in the reader's language; where the data
 * has none, the Japanese shown is marked lang="ja" so a screen reader voices it as Japanese.
 */
export function Local({ map, ctx }: { map: LocaleMap; ctx: { lang: Locale } }) {
  const { text, lang } = pickLabel(map, ctx.lang);
  return sameLanguage(lang, ctx.lang) ? <>{text}</> : <span lang={lang}>{text}</span>;
}

/**
 * A run that is Japanese whatever the page's language (a resident's name, a procedure's legal name, a
 * 和暦 date, the brand): marked lang="ja" on pages in other languages.
 */
export function Ja({ ctx, children }: { ctx: { lang: Locale }; children: Child }) {
  return sameLanguage("ja", ctx.lang) ? <>{children}</> : <span lang="ja">{children}</span>;
}

/** The product's name: "窓口 Madoguchi" on Japanese pages, "Madoguchi 窓口" elsewhere with 窓口 marked as Japanese. */
export function Brand({ ctx }: { ctx: { lang: Locale } }) {
  return sameLanguage("ja", ctx.lang) ? (
    <>窓口 Madoguchi</>
  ) : (
    <>
      Madoguchi <span lang="ja">窓口</span>
    </>
  );
}
