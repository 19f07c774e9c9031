import { TableScroll } from "../../web/components/table-scroll";
import type { PageContext } from "../../web/layout";
import { langIf, ManualSearch, ManualStyles } from "./components";
import { audienceKey, type EntryItemView, type HitView, kindKey } from "./manual.presenter";

export interface ManualIndexView {
  query: string;
  hits: HitView[] | null;
  entries: EntryItemView[];
  canManage: boolean;
}

/** The staff manual: search (staff parts included) and every entry with its review state. */
export function ManualIndexPage({ ctx, view }: { ctx: PageContext; view: ManualIndexView }) {
  const { t, lang } = ctx;
  return (
    <>
      <ManualStyles />
      <h1>{t("manual.title")}</h1>
      <p class="lead">{t("manual.lead")}</p>
      {view.canManage ? (
        <p>
          <a href="/manual/admin">{t("manual.adminLink")}</a>
        </p>
      ) : null}
      <ManualSearch
        t={t}
        lang={lang}
        action="/manual"
        label="manual.searchLabel"
        button="manual.searchButton"
        query={view.query}
        hits={view.hits}
        kindLabel={(kind) => t(kindKey[kind])}
      />
      <h2>{t("manual.allEntries", { count: view.entries.length })}</h2>
      <TableScroll label={t("manual.allEntries", { count: view.entries.length })}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("manual.colTitle")}</th>
              <th scope="col">{t("manual.colKind")}</th>
              <th scope="col">{t("manual.colAudience")}</th>
              <th scope="col">{t("manual.colOwner")}</th>
              <th scope="col">{t("manual.colLastReviewed")}</th>
            </tr>
          </thead>
          <tbody>
            {view.entries.map((e) => (
              <tr>
                <td>
                  <a href={e.href} lang={langIf(e.title.lang, lang)}>
                    {e.title.text}
                  </a>
                </td>
                <td>{t(kindKey[e.kind])}</td>
                <td>{t(audienceKey[e.audience])}</td>
                <td lang={langIf("ja", lang)}>{e.owner}</td>
                <td>
                  {e.lastReviewed}
                  {e.overdue ? <strong class="manual-warning"> {t("manual.reviewOverdue")}</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
