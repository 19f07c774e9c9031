import { type SurveyContext, SurveyLayout } from "./components";

export type SurveyMessageKind = "thanks" | "already" | "not-yet";

const leads = {
  thanks: "kpi.surveyThanksLead",
  already: "kpi.surveyAlready",
  "not-yet": "kpi.surveyNotYet",
} as const;

/** After an answer, or instead of the form: thanks, already answered, or not open yet. */
export function SurveyMessagePage({ ctx, kind }: { ctx: SurveyContext; kind: SurveyMessageKind }) {
  const { t } = ctx;
  return (
    <SurveyLayout ctx={ctx}>
      <div data-survey={kind}>
        <h1>{kind === "thanks" ? t("kpi.surveyThanks") : t("kpi.surveyTitle")}</h1>
        <p class="lead">{t(leads[kind])}</p>
      </div>
    </SurveyLayout>
  );
}
