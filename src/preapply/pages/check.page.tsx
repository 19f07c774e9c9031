import { CsrfField } from "../../web/layout";
import { type ResidentContext, ResidentFrame } from "./frame";
import { PlanSummary } from "./plan-summary";
import { PrivacyNotice } from "./privacy-notice";
import type { ResidentPlanView } from "./resident.presenter";

/**
 * Step 3: the plan the household will need (procedures, who, due date, what to bring, where), the
 * privacy notice, and 送信. The household travels as the JSON the server re-validates on submit.
 */
export function CheckPage({
  ctx,
  plan,
  householdJson,
  days,
}: {
  ctx: ResidentContext;
  plan: ResidentPlanView;
  householdJson: string;
  days: number;
}) {
  const { t } = ctx;
  return (
    <ResidentFrame ctx={ctx} title={t("preapply.checkTitle")}>
      <h1>{t("preapply.checkTitle")}</h1>
      <p class="lead">{t("preapply.checkLead")}</p>
      <h2>{t("preapply.membersTitle")}</h2>
      <ol class="preapply-members">
        {plan.members.map((m) => (
          <li lang={m.name ? "ja" : undefined}>{m.name || t("guidance.memberOrdinal", { n: m.position })}</li>
        ))}
      </ol>
      <PlanSummary view={plan} ctx={ctx} />
      <PrivacyNotice ctx={ctx} days={days} />
      <form method="post" action={`${ctx.base}/submit`} class="button-row">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="household" value={householdJson} />
        <button class="button" type="submit" name="action" value="submit">
          {t("preapply.submit")}
        </button>
        <button
          class="button button--secondary"
          type="submit"
          name="action"
          value="edit"
          formaction={`${ctx.base}/household`}
        >
          {t("preapply.edit")}
        </button>
      </form>
    </ResidentFrame>
  );
}
