import type { MessageParams } from "../../shared/locale";
import { Ja } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import type { ResultsView } from "./registry.presenter";

/** The two ways to search, as tabs above both search pages. */
export function SearchTabs({ ctx, current }: { ctx: PageContext; current: "search" | "card" }) {
  return (
    <nav class="registry-tabs" aria-label={ctx.t("registry.searchWays")}>
      <ul>
        <li>
          <a href="/registry/search" aria-current={current === "search" ? "page" : undefined}>
            {ctx.t("registry.search")}
          </a>
        </li>
        <li>
          <a href="/registry/card" aria-current={current === "card" ? "page" : undefined}>
            {ctx.t("registry.cardSearch")}
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** The residents found: just enough to choose the right person, each linking to the reason page. */
export function ResultsTable({ ctx, results }: { ctx: PageContext; results: ResultsView }) {
  const { t } = ctx;
  if (results.rows.length === 0) {
    return (
      <p role="status" data-testid="result-count">
        {t("registry.noResults")}
      </p>
    );
  }
  return (
    <>
      <p role="status" data-testid="result-count">
        {t("registry.resultsCount", { count: String(results.rows.length) })}
        {results.more ? ` — ${t("registry.moreResults")}` : ""}
      </p>
      <table class="registry-results">
        <thead>
          <tr>
            <th scope="col">{t("registry.fullName")}</th>
            <th scope="col">{t("registry.kana")}</th>
            <th scope="col">{t("registry.birthDate")}</th>
            <th scope="col">{t("registry.sex")}</th>
            <th scope="col">{t("registry.address")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("registry.openHousehold")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {results.rows.map((r) => (
            <tr>
              <td>
                <Ja ctx={ctx}>{r.name}</Ja>
              </td>
              <td>
                <Ja ctx={ctx}>{r.kana}</Ja>
              </td>
              <td>{r.birthDate}</td>
              <td>{r.sex}</td>
              <td>
                <Ja ctx={ctx}>{r.address}</Ja>
                {r.addressMatches === undefined ? null : (
                  <>
                    <br />
                    <strong>
                      {t(r.addressMatches ? "registry.cardAddressMatch" : "registry.cardAddressMismatch")}
                    </strong>
                  </>
                )}
              </td>
              <td>
                <a href={`/registry/households/${r.householdId}/open?resident=${r.id}`}>
                  {t("registry.openHousehold")}
                  <span class="visually-hidden">
                    : <Ja ctx={ctx}>{r.name}</Ja>
                  </span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The results section under a search form, once a search has been made. */
export function ResultsSection({ ctx, results }: { ctx: PageContext; results: ResultsView | undefined }) {
  if (!results) return null;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{ctx.t("registry.results")}</h2>
      <ResultsTable ctx={ctx} results={results} />
    </section>
  );
}

const SLOT = "\u0000";

/**
 * A message around a name as registered (Japanese whatever the page's language): the name is put in
 * its place and marked lang="ja" on pages in other languages.
 */
export function WithName({
  ctx,
  id,
  name,
  params = {},
}: {
  ctx: PageContext;
  id: MessageKey;
  name: string;
  params?: MessageParams;
}) {
  const [before = "", after = ""] = ctx.t(id, { ...params, name: SLOT }).split(SLOT);
  return (
    <>
      {before}
      <Ja ctx={ctx}>{name}</Ja>
      {after}
    </>
  );
}
