import type { GuidanceContext } from "../../guidance/pages/components";

/** 個人情報の取扱い: what is kept, for how long, who reads it, and that no 個人番号 is asked. */
export function PrivacyNotice({ ctx, days }: { ctx: GuidanceContext; days: number }) {
  const { t } = ctx;
  return (
    <section class="panel preapply-privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t("preapply.privacyTitle")}</h2>
      <ul>
        <li>{t("preapply.privacyKept", { days })}</li>
        <li>{t("preapply.privacyWho")}</li>
        <li>{t("preapply.privacyDeleted")}</li>
        <li>{t("preapply.privacyNoMyNumber")}</li>
        <li>{t("preapply.privacyCode")}</li>
      </ul>
    </section>
  );
}
