import { Deadline } from "../../guidance/pages/components";
import { Local } from "../../web/components/lang";
import { CsrfField } from "../../web/layout";
import { type ResidentContext, ResidentFrame } from "./frame";
import { PlanSummary } from "./plan-summary";
import type { ResidentEntryView } from "./resident.presenter";

/** The code as a QR (SVG from the qrcode package, no input in it) with the short code beside it. */
export function CodeCard({ view, ctx }: { view: ResidentEntryView; ctx: ResidentContext }) {
  const { t } = ctx;
  return (
    <div class="preapply-code">
      <div
        class="preapply-qr"
        role="img"
        aria-label={t("preapply.qrAlt")}
        // The SVG text comes from the qrcode package, not from any input.
        dangerouslySetInnerHTML={{ __html: view.qrSvg }}
      />
      <p class="preapply-code__label">{t("preapply.codeLabel")}</p>
      <p class="preapply-code__value" data-testid="short-code">
        <span class="visually-hidden">
          {t("preapply.codeSpelled", { code: view.code.split("").join(" ") })}
        </span>
        <span aria-hidden="true">{view.code}</span>
      </p>
      <p>
        {t("preapply.expires")} <Deadline iso={view.lastDay} ctx={ctx} />
      </p>
    </div>
  );
}

/**
 * The resident's own page, opened after 送信 and from the QR's URL: the code, saving and printing it,
 * the plan, and withdrawing. Once used, expired or withdrawn it says only that.
 */
export function EntryPage({
  ctx,
  view,
  fresh,
}: {
  ctx: ResidentContext;
  view: ResidentEntryView;
  fresh: boolean;
}) {
  const { t } = ctx;
  if (view.state !== "submitted") {
    const key =
      view.state === "consumed"
        ? "preapply.statusConsumed"
        : view.state === "withdrawn"
          ? "preapply.statusWithdrawn"
          : "preapply.statusExpired";
    return (
      <ResidentFrame ctx={ctx} title={t("preapply.entryTitle")}>
        <h1>{t("preapply.entryTitle")}</h1>
        <p class="notice" role="status">
          {t(key)}
        </p>
        <p>
          <a href={ctx.base}>{t("preapply.startAgain")}</a>
        </p>
      </ResidentFrame>
    );
  }
  return (
    <ResidentFrame ctx={ctx} title={fresh ? t("preapply.doneTitle") : t("preapply.entryTitle")}>
      <h1>{fresh ? t("preapply.doneTitle") : t("preapply.entryTitle")}</h1>
      {fresh ? (
        <p class="notice" role="status">
          {t("preapply.doneLead")}
        </p>
      ) : null}
      <p>
        <Local map={view.event} ctx={ctx} />
      </p>
      <CodeCard view={view} ctx={ctx} />
      <p class="preapply-howto">{t("preapply.codeHint")}</p>
      <ul class="preapply-actions">
        <li>
          <a href={view.pngPath} download="madoguchi-pre-application.png">
            {t("preapply.saveImage")}
          </a>
        </li>
        <li>
          <a href={view.summaryPath}>{t("preapply.printSummary")}</a>
        </li>
      </ul>
      {view.plan ? <PlanSummary view={view.plan} ctx={ctx} /> : null}
      <section class="panel" aria-labelledby="withdraw-title">
        <h2 id="withdraw-title">{t("preapply.withdrawTitle")}</h2>
        <p>{t("preapply.withdrawLead")}</p>
        <form method="post" action={view.withdrawPath}>
          <CsrfField token={ctx.csrfToken} />
          <button class="button button--warning" type="submit">
            {t("preapply.withdrawButton")}
          </button>
        </form>
      </section>
    </ResidentFrame>
  );
}
