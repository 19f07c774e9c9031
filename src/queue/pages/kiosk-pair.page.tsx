import type { LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import { CsrfField } from "../../web/layout";

export interface KioskPairView {
  officeName: LocaleMap;
  action: string;
  csrfToken: string;
}

/** Opened on the kiosk's browser from the pairing address: one button makes this browser the office's kiosk. */
export function kioskPairPage(ctx: PublicContext, v: KioskPairView) {
  const t = ctx.t;
  return (
    <PublicLayout ctx={ctx} title={t("queue.kioskPairTitle")} bodyClass="queue phone" styles={["queue"]}>
      <h1>{t("queue.kioskPairTitle")}</h1>
      <p class="lead">
        <Local map={v.officeName} ctx={ctx} />
      </p>
      <p>{t("queue.kioskPairLead")}</p>
      <form method="post" action={v.action}>
        <CsrfField token={v.csrfToken} />
        <button type="submit" class="button">
          {t("queue.kioskPairButton")}
        </button>
      </form>
    </PublicLayout>
  );
}
