import { eventTypes } from "../../catalog/vocabulary";
import { eventTypeDescriptions } from "../../catalog/vocabulary-labels";
import { pickLabel } from "../../shared/locale";
import { RadioGroup } from "../../web/components/fields";
import { type ResidentContext, ResidentFrame } from "./frame";
import { PrivacyNotice } from "./privacy-notice";

/** Step 1: what the resident is coming for, and what happens to what they enter. */
export function StartPage({
  ctx,
  days,
  error,
}: {
  ctx: ResidentContext;
  days: number;
  error?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <ResidentFrame ctx={ctx} title={t("preapply.startTitle")} error={error !== undefined}>
      <h1>{t("preapply.startTitle")}</h1>
      <p class="lead">{t("preapply.startLead")}</p>
      <form method="get" action={`${ctx.base}/household`} novalidate>
        <RadioGroup
          id="event"
          name="event"
          legend={<h2 class="legend-heading">{t("preapply.eventLegend")}</h2>}
          hint={t("preapply.eventHint")}
          options={eventTypes.map((e) => {
            const label = pickLabel(eventTypeDescriptions[e], ctx.lang);
            return { value: e, label: label.text, ...(label.lang !== ctx.lang ? { lang: label.lang } : {}) };
          })}
          error={error}
        />
        <button class="button" type="submit">
          {t("preapply.next")}
        </button>
      </form>
      <PrivacyNotice ctx={ctx} days={days} />
    </ResidentFrame>
  );
}
