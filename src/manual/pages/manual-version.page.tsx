import { TableScroll } from "../../web/components/table-scroll";
import { CsrfField, type PageContext, tokyoDateTime } from "../../web/layout";
import { ManualStyles, MarkdownBody } from "./components";
import { statusKey, type VersionPageView } from "./manual.presenter";

/** One version: what it changes against the published one, its preview, the decision, and every version. */
export function ManualVersionPage({
  ctx,
  view,
  notice,
}: {
  ctx: PageContext;
  view: VersionPageView;
  notice: string | null;
}) {
  const { t, lang } = ctx;
  const ja = lang === "ja" ? undefined : "ja";
  const action = `/manual/admin/entries/${encodeURIComponent(view.entryId)}/versions/${view.version.version}/decide`;
  return (
    <>
      <ManualStyles />
      <p>
        <a class="back-link" href="/manual/admin">
          {t("manual.adminTitle")}
        </a>
      </p>
      {notice ? (
        <p class="manual-notice" role="status">
          {notice}
        </p>
      ) : null}
      <h1>
        <span lang={ja}>{view.titleJa}</span> — {t("manual.version", { version: view.version.version })}
      </h1>
      <dl class="summary-list">
        <dt>{t("manual.colStatus")}</dt>
        <dd>{t(statusKey[view.version.status])}</dd>
        <dt>{t("manual.colAuthor")}</dt>
        <dd lang={ja}>{view.version.author}</dd>
        <dt>{t("manual.colCreatedAt")}</dt>
        <dd>{tokyoDateTime(view.version.createdAt, lang)}</dd>
        {view.version.note ? (
          <>
            <dt>{t("manual.noteLabel")}</dt>
            <dd lang={ja}>{view.version.note}</dd>
          </>
        ) : null}
      </dl>
      {view.ownChange ? <p class="manual-warning">{t("manual.ownChangeNote")}</p> : null}
      {view.canDecide ? (
        <form method="post" action={action}>
          <CsrfField token={ctx.csrfToken} />
          <button class="button" type="submit" name="decision" value="approve">
            {t("manual.approve")}
          </button>{" "}
          <button class="button button--secondary" type="submit" name="decision" value="reject">
            {t("manual.reject")}
          </button>
        </form>
      ) : null}
      <h2>{t("manual.diffHeading")}</h2>
      {view.diff ? (
        <ul class="manual-diff" lang={ja}>
          {view.diff.map((line) =>
            line === null ? (
              <li class="gap" lang={lang}>
                {t("manual.diffGap")}
              </li>
            ) : line.kind === "same" ? (
              <li>{line.text || " "}</li>
            ) : (
              <li class={line.kind}>
                {line.kind === "added" ? (
                  <ins>
                    <span class="visually-hidden">{t("manual.diffAdded")}: </span>
                    {line.text || " "}
                  </ins>
                ) : (
                  <del>
                    <span class="visually-hidden">{t("manual.diffRemoved")}: </span>
                    {line.text || " "}
                  </del>
                )}
              </li>
            ),
          )}
        </ul>
      ) : (
        <p>{t("manual.noDiff")}</p>
      )}
      <h2>{t("manual.previewHeading")}</h2>
      <div class="manual-preview">
        <MarkdownBody html={view.previewHtml} lang={ja} />
      </div>
      <h2 id="history">{t("manual.history")}</h2>
      <TableScroll labelledBy="history">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("manual.colVersion")}</th>
              <th scope="col">{t("manual.colStatus")}</th>
              <th scope="col">{t("manual.colAuthor")}</th>
              <th scope="col">{t("manual.colDecidedBy")}</th>
              <th scope="col">{t("manual.colCreatedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((v) => (
              <tr>
                <td>
                  <a href={v.href}>{t("manual.viewVersion", { version: v.version })}</a>
                </td>
                <td>{t(statusKey[v.status])}</td>
                <td lang={ja}>{v.author}</td>
                <td lang={ja}>{v.decidedBy ?? ""}</td>
                <td>{tokyoDateTime(v.createdAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
