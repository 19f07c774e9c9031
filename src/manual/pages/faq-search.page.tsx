import type { PublicContext } from "../../web/components/public-layout";
import { PublicLayout } from "../../web/components/public-layout";
import { langIf, ManualSearch, ManualStyles } from "./components";
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
      <ManualSearch
        t={t}
        lang={lang}
        action={view.action}
        label="manual.faqSearchLabel"
        button="manual.faqSearchButton"
        query={view.query}
        hits={view.hits}
      />
      {view.hits
        ? null
        : view.groups.map((g) => (
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
          ))}
    </PublicLayout>
  );
}
