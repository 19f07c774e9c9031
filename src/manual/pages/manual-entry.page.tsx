import type { PageContext } from "../../web/layout";
import { langIf, ManualStyles, MarkdownBody } from "./components";
import { audienceKey, kindKey, type StaffEntryView } from "./manual.presenter";

/** One entry for staff: the processing steps first, then what residents read, its owner and review state. */
export function ManualEntryPage({
  ctx,
  view,
  canManage,
}: {
  ctx: PageContext;
  view: StaffEntryView;
  canManage: boolean;
}) {
  const { t, lang } = ctx;
  return (
    <>
      <ManualStyles />
      <p>
        <a class="back-link" href="/manual">
          {t("manual.backToManual")}
        </a>
      </p>
      <h1 lang={langIf(view.title.lang, lang)}>{view.title.text}</h1>
      <dl class="summary-list">
        <dt>{t("manual.colKind")}</dt>
        <dd>{t(kindKey[view.kind])}</dd>
        <dt>{t("manual.colAudience")}</dt>
        <dd>{t(audienceKey[view.audience])}</dd>
        {view.procedures.length > 0 ? (
          <>
            <dt>{t("manual.faqRelated")}</dt>
            <dd>
              {view.procedures.map((p, i) => (
                <>
                  {i > 0 ? "、" : ""}
                  <span lang={langIf(p.lang, lang)}>{p.text}</span>
                </>
              ))}
            </dd>
          </>
        ) : null}
        <dt>{t("manual.colOwner")}</dt>
        <dd lang={langIf("ja", lang)}>{view.owner}</dd>
        <dt>{t("manual.colLastReviewed")}</dt>
        <dd>
          {view.lastReviewed}
          {view.overdue ? <strong class="manual-warning"> {t("manual.reviewOverdue")}</strong> : null}
        </dd>
        {view.version ? (
          <>
            <dt>{t("manual.colVersion")}</dt>
            <dd>{t("manual.version", { version: view.version })}</dd>
          </>
        ) : null}
      </dl>
      {view.confirm.length > 0 ? (
        <section class="manual-warning" aria-labelledby="confirm">
          <h2 id="confirm">{t("manual.confirmHeading")}</h2>
          <ul lang={langIf("ja", lang)}>
            {view.confirm.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="staff-part">
        <h2 id="staff-part">{t("manual.staffPart")}</h2>
        {view.staffHtml ? (
          <MarkdownBody html={view.staffHtml} lang={langIf("ja", lang)} />
        ) : (
          <p>{t("manual.noStaffPart")}</p>
        )}
      </section>
      {view.publicHtml ? (
        <section aria-labelledby="public-part">
          <h2 id="public-part">{t("manual.publicPart")}</h2>
          <MarkdownBody html={view.publicHtml} />
          {view.publicHref ? (
            <p>
              <a href={view.publicHref}>{t("manual.openPublic")}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      {canManage ? (
        <p>
          <a
            class="button button--secondary"
            href={`/manual/admin/entries/${encodeURIComponent(view.id)}/edit`}
          >
            {t("manual.edit")}
          </a>{" "}
          <a href={`/manual/admin/entries/${encodeURIComponent(view.id)}/versions`}>{t("manual.history")}</a>
        </p>
      ) : null}
    </>
  );
}
