import { raw } from "hono/html";
import { TextField } from "../../web/components/fields";
import type { MessageKey, Translate } from "../../web/i18n";
import type { Segment } from "../search-index";
import type { HitView } from "./manual.presenter";

/** Text with the words a search matched marked (a screen reader hears them as marked text). */
export function Highlight({ segments }: { segments: readonly Segment[] }) {
  return <>{segments.map((s) => (s.hit ? <mark class="manual-hit">{s.text}</mark> : s.text))}</>;
}

/** HTML from renderMarkdown, which escaped the source and let only its own tags through. */
export function MarkdownBody({ html, lang }: { html: string; lang?: string | undefined }) {
  return (
    <div class="manual-body" lang={lang}>
      {raw(html)}
    </div>
  );
}

export const MANUAL_CSS = "/faq/manual.css";

export function ManualStyles() {
  return <link rel="stylesheet" href={MANUAL_CSS} />;
}

/** `lang` on an element only when it differs from the page's. */
export const langIf = (lang: string, page: string): string | undefined => (lang === page ? undefined : lang);

/**
 * The search box (a GET form: works without JavaScript) and, once searched, the results with the
 * matched words marked — as the residents' FAQ and the staff manual show them.
 */
export function ManualSearch({
  t,
  lang,
  action,
  label,
  button,
  query,
  hits,
  kindLabel,
}: {
  t: Translate;
  lang: string;
  action: string;
  label: MessageKey;
  button: MessageKey;
  query: string;
  hits: HitView[] | null;
  /** The staff manual names each result's kind (procedure, FAQ, general). */
  kindLabel?: (kind: HitView["kind"]) => string;
}) {
  return (
    <>
      <form method="get" action={action} class="manual-search">
        <TextField
          id="q"
          type="search"
          label={t(label)}
          hint={t("manual.faqSearchHint")}
          value={query}
          maxlength={200}
        />
        <button class="button" type="submit">
          {t(button)}
        </button>
      </form>
      {hits ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t("manual.faqResultsHeading", { query })}</h2>
          <p role="status">
            {hits.length > 0 ? t("manual.faqResultsCount", { count: hits.length }) : t("manual.faqNoResults")}
          </p>
          <ol class="manual-results">
            {hits.map((h) => (
              <li>
                {kindLabel ? <span class="manual-kind">{kindLabel(h.kind)}</span> : null}
                <a href={h.href} lang={langIf(h.title.lang, lang)}>
                  <Highlight segments={h.title.segments} />
                </a>
                {h.snippet ? (
                  <p lang={langIf(h.snippet.lang, lang)}>
                    <Highlight segments={h.snippet.segments} />
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
