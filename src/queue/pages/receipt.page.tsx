import type { LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import { tokyoTime } from "../../web/layout";

export interface ReceiptView {
  officeName: LocaleMap;
  number: number;
  purpose: LocaleMap;
  issuedAt: Date;
  ahead: number;
  min: number;
  max: number;
  phoneUrl: string;
  qrSvg: string;
  /** Staff-issued tickets go back to the staff page, kiosk tickets to the kiosk's start. */
  backUrl: string;
  autoReturn: boolean;
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
      scripts={v.autoReturn ? ["print", "queue-kiosk"] : ["print"]}
    >
      <section
        class="receipt"
        aria-labelledby="receipt-number"
        data-return-url={v.autoReturn ? v.backUrl : undefined}
        data-return-seconds={v.autoReturn ? "60" : undefined}
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
          <dd data-testid="ahead">{t("queue.ahead", { count: String(v.ahead) })}</dd>
          <dt>{t("queue.estimate")}</dt>
          <dd>{t("queue.waitRange", { min: String(v.min), max: String(v.max) })}</dd>
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
