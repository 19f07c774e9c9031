import type { GuidanceDraft } from "../../guidance/guidance-form";
import { GuidanceForm } from "../../guidance/pages/guidance-form";
import type { Problem } from "../../shared/errors";
import { ErrorSummary } from "../../web/components/fields";
import { type ResidentContext, ResidentFrame } from "./frame";

/**
 * Step 2: the event and the household, member by member — the counter's own household form (same
 * fields, same validation, 和暦 or 西暦, postal code → address), posted back here.
 */
export function HouseholdPage({
  ctx,
  draft,
  problems,
}: {
  ctx: ResidentContext;
  draft: GuidanceDraft;
  problems: Problem[];
}) {
  const { t } = ctx;
  return (
    <ResidentFrame ctx={ctx} title={t("preapply.householdTitle")} error={problems.length > 0}>
      <p>
        <a href={ctx.base} class="back-link">
          {t("preapply.back")}
        </a>
      </p>
      <h1>{t("preapply.householdTitle")}</h1>
      <ErrorSummary problems={problems} t={t} />
      <p class="lead">{t("preapply.householdLead")}</p>
      <GuidanceForm
        ctx={ctx}
        draft={draft}
        problems={problems}
        action={`${ctx.base}/household`}
        submitLabel={t("preapply.toCheck")}
        showSheet={false}
      />
    </ResidentFrame>
  );
}
