import type { Problem } from "../../shared/errors";
import { ErrorSummary } from "../../web/components/fields";
import type { PageContext } from "../../web/layout";
import type { GuidanceDraft } from "../guidance-form";
import type { PlanGroup } from "./guidance.presenter";
import { GuidanceForm } from "./guidance-form";
import { PlanView } from "./plan-view";

export interface GuidancePageProps {
  draft: GuidanceDraft;
  problems: Problem[];
  /** The plan, once the form has been answered without problems. */
  plan?: PlanGroup[] | undefined;
  sheetLang?: string | undefined;
}

/** The staff guidance page: the event and household form, and the plan once there is one. */
export function GuidancePage({
  ctx,
  draft,
  problems,
  plan,
  sheetLang,
}: GuidancePageProps & { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("guidance.pageTitle")}</h1>
      <ErrorSummary problems={problems} t={t} />
      <p class="lead">{t("guidance.pageLead")}</p>
      {plan ? <PlanView groups={plan} ctx={ctx} /> : null}
      <GuidanceForm ctx={ctx} draft={draft} problems={problems} sheetLang={sheetLang} />
    </>
  );
}
