import type { LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import { tokyoTime } from "../../web/layout";
import type { WaitShown } from "../wait-estimate";
import { aheadText, waitText } from "./components";

export interface ReceiptView {
  officeName: LocaleMap;
  number: number;
  purpose: LocaleMap;
  issuedAt: Date;
  ahead: number;
  wait: WaitShown;
  phoneUrl: string;
  qrSvg: string;
  /** Staff-issued tickets go back to the staff page, kiosk tickets to the kiosk's start. */
  backUrl: string;
  autoReturn: boolean;
  /** The kiosk has a printer (its start URL says so): the ticket prints as soon as it is shown. */
  autoPrint: boolean;
  /** A kiosk receipt returns to the start after this many quiet seconds, warning `warnSeconds` before. */
  returnSeconds: number;
  warnSeconds: number;
}

/** The ticket as shown on the kiosk and printed on an 80 mm roll, in the language chosen at the kiosk. */
export function receiptPage(ctx: PublicContext, v: ReceiptView) {
  const { t } = ctx;
  return (
    <PublicLayout
      ctx={ctx}
      title={t("queue.receiptTitle")}
      bodyClass="queue kiosk receipt-page"
      styles={["queue"]}
      scripts={v.autoReturn || v.autoPrint ? ["print", "queue-kiosk"] : ["print"]}
    >
      <section
        class="receipt"
        aria-labelledby="receipt-number"
        data-return-url={v.autoReturn ? v.backUrl : undefined}
        data-return-seconds={v.autoReturn ? String(v.returnSeconds) : undefined}
        data-warn-seconds={v.autoReturn ? String(v.warnSeconds) : undefined}
        data-auto-print={v.autoPrint ? "" : undefined}
      >
        <p class="receipt__office">
          <Local map={v.officeName} ctx={ctx} />
        </p>
        <h1 class="receipt__heading">{t("queue.yourNumber")}</h1>
        <p class="receipt__number" id="receipt-number" data-testid="ticket-number">
          {v.number}
        </p>
        <p class="receipt__purpose">
          <Local map={v.purpose} ctx={ctx} />
        </p>
        <dl class="receipt__facts">
          <dt>{t("queue.issuedAt")}</dt>
          <dd>
            <time datetime={v.issuedAt.toISOString()}>{tokyoTime(v.issuedAt, ctx.lang)}</time>
          </dd>
          <dt>{t("queue.waiting")}</dt>
          <dd data-testid="ahead">{aheadText(t, v.ahead)}</dd>
          <dt>{t("queue.estimate")}</dt>
          <dd data-testid="estimate">{waitText(t, v.wait)}</dd>
        </dl>
        <div class="receipt__qr">
          <div
            class="receipt__qr-code"
            role="img"
            aria-label={t("queue.qrAlt")}
            dangerouslySetInnerHTML={{ __html: v.qrSvg }}
          />
          <p>{t("queue.qrLead")}</p>
        </div>
        <p class="receipt__url">
          <a href={v.phoneUrl} data-testid="phone-link">
            {v.phoneUrl}
          </a>
        </p>
        <p>{t("queue.receiptNote")}</p>
      </section>
      {v.autoReturn ? (
        <div class="receipt__warning no-print" role="alert" data-return-warning hidden>
          <p data-return-warning-text data-template={t("queue.returnWarning", { seconds: "{seconds}" })}>
            {t("queue.returnWarning", { seconds: String(v.warnSeconds) })}
          </p>
          <button type="button" class="button kiosk__big-button" data-return-extend>
            {t("queue.returnExtend")}
          </button>
        </div>
      ) : null}
      <div class="receipt__actions no-print">
        <button type="button" class="button kiosk__big-button" data-print>
          {t("queue.print")}
        </button>
        <a class="button button--secondary kiosk__big-button" href={v.backUrl}>
          {t("queue.backToKiosk")}
        </a>
      </div>
    </PublicLayout>
  );
}
