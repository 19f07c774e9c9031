import { TableScroll } from "../../web/components/table-scroll";
import { type PageContext, tokyoDateTime } from "../../web/layout";
import { ManualStyles } from "./components";
import type { EntryItemView } from "./manual.presenter";

export interface ManualAdminView {
  pending: Array<{ title: string; version: number; author: string; createdAt: Date; href: string }>;
  overdue: EntryItemView[];
  confirm: Array<{ title: string; href: string; items: string[] }>;
  queries: Array<{ query: string; searches: number; noResult: number; noClick: number }>;
  feedback: Array<{ title: string; href: string; yes: number; no: number }>;
}

/** Content owners' page: changes awaiting a second person, overdue reviews, facts to confirm, what searches missed. */
export function ManualAdminPage({ ctx, view }: { ctx: PageContext; view: ManualAdminView }) {
  const { t, lang } = ctx;
  const ja = lang === "ja" ? undefined : "ja";
  return (
    <>
      <ManualStyles />
      <p>
        <a class="back-link" href="/manual">
          {t("manual.backToManual")}
        </a>
      </p>
      <h1>{t("manual.adminTitle")}</h1>
      <p class="lead">{t("manual.adminLead")}</p>
      <p>
        <a class="button" href="/manual/admin/new">
          {t("manual.newEntry")}
        </a>
      </p>

      <h2 id="pending">{t("manual.pendingHeading")}</h2>
      {view.pending.length === 0 ? (
        <p>{t("manual.noPending")}</p>
      ) : (
        <ul>
          {view.pending.map((p) => (
            <li>
              <a href={p.href}>
                <span lang={ja}>{p.title}</span> — {t("manual.version", { version: p.version })}
              </a>{" "}
              ({t("manual.colAuthor")}: <span lang={ja}>{p.author}</span>, {tokyoDateTime(p.createdAt, lang)})
            </li>
          ))}
        </ul>
      )}

      <h2 id="overdue">{t("manual.overdueHeading")}</h2>
      {view.overdue.length === 0 ? (
        <p>{t("manual.noOverdue")}</p>
      ) : (
        <ul>
          {view.overdue.map((e) => (
            <li>
              <a href={e.href} lang={e.title.lang === lang ? undefined : e.title.lang}>
                {e.title.text}
              </a>{" "}
              — {t("manual.colLastReviewed")}: {e.lastReviewed} (<span lang={ja}>{e.owner}</span>)
            </li>
          ))}
        </ul>
      )}

      <h2 id="confirm">{t("manual.confirmListHeading")}</h2>
      {view.confirm.length === 0 ? (
        <p>{t("manual.noConfirm")}</p>
      ) : (
        <ul>
          {view.confirm.map((c) => (
            <li>
              <a href={c.href} lang={ja}>
                {c.title}
              </a>
              <ul lang={ja}>
                {c.items.map((i) => (
                  <li>{i}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h2 id="queries">{t("manual.queriesHeading")}</h2>
      <p>{t("manual.queriesNote")}</p>
      {view.queries.length === 0 ? (
        <p>{t("manual.noQueries")}</p>
      ) : (
        <TableScroll labelledBy="queries">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("manual.colQuery")}</th>
                <th scope="col">{t("manual.colSearches")}</th>
                <th scope="col">{t("manual.colNoResult")}</th>
                <th scope="col">{t("manual.colNoClick")}</th>
              </tr>
            </thead>
            <tbody>
              {view.queries.map((q) => (
                <tr>
                  <td>{q.query}</td>
                  <td>{q.searches}</td>
                  <td>{q.noResult}</td>
                  <td>{q.noClick}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2 id="feedback">{t("manual.feedbackHeading")}</h2>
      {view.feedback.length === 0 ? (
        <p>{t("manual.noFeedback")}</p>
      ) : (
        <TableScroll labelledBy="feedback">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("manual.colTitle")}</th>
                <th scope="col">{t("manual.colYes")}</th>
                <th scope="col">{t("manual.colNo")}</th>
              </tr>
            </thead>
            <tbody>
              {view.feedback.map((f) => (
                <tr>
                  <td>
                    <a href={f.href} lang={ja}>
                      {f.title}
                    </a>
                  </td>
                  <td>{f.yes}</td>
                  <td>{f.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
