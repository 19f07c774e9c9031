import { TextField } from "../../web/components/fields";
import type { PublicContext } from "../../web/components/public-layout";
import { PublicLayout } from "../../web/components/public-layout";
import { Highlight, langIf, ManualStyles } from "./components";
import type { EntryItemView, HitView } from "./manual.presenter";

export interface FaqSearchView {
  action: string;
  query: string;
  hits: HitView[] | null;
  groups: Array<{ kind: EntryItemView["kind"]; entries: EntryItemView[] }>;
  languages: readonly string[];
}

const groupKey = {
  faq: "manual.faqQuestions",
  procedure: "manual.faqProcedures",
  general: "manual.faqGeneral",
} as const;

/** The residents' FAQ: a search box (works without JavaScript: a GET form) and every public entry by kind. */
export function FaqSearchPage({ ctx, view }: { ctx: PublicContext; view: FaqSearchView }) {
  const { t, lang } = ctx;
  const title = view.hits ? t("manual.faqResultsHeading", { query: view.query }) : t("manual.faqTitle");
  return (
    <PublicLayout ctx={ctx} title={title} bodyClass="public-page" languages={view.languages}>
      <ManualStyles />
      <h1>{t("manual.faqTitle")}</h1>
      <p class="lead">{t("manual.faqLead")}</p>
      <form method="get" action={view.action} class="manual-search">
        <TextField
          id="q"
          type="search"
          label={t("manual.faqSearchLabel")}
          hint={t("manual.faqSearchHint")}
          value={view.query}
          maxlength={200}
        />
        <button class="button" type="submit">
          {t("manual.faqSearchButton")}
        </button>
      </form>
      {view.hits ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t("manual.faqResultsHeading", { query: view.query })}</h2>
          <p role="status">
            {view.hits.length > 0
              ? t("manual.faqResultsCount", { count: view.hits.length })
              : t("manual.faqNoResults")}
          </p>
          <ol class="manual-results">
            {view.hits.map((h) => (
              <li>
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
      ) : (
        view.groups.map((g) => (
          <section aria-labelledby={`group-${g.kind}`}>
            <h2 id={`group-${g.kind}`}>{t(groupKey[g.kind])}</h2>
            <ul>
              {g.entries.map((e) => (
                <li>
                  <a href={e.href} lang={langIf(e.title.lang, lang)}>
                    {e.title.text}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </PublicLayout>
  );
}
