import type { Problem } from "../../shared/errors";
import { ErrorSummary, problemFor, RadioGroup, TextArea } from "../../web/components/fields";
import { CsrfField } from "../../web/layout";
import { type SurveyContext, SurveyLayout } from "./components";

export interface SurveyFormView {
  /** Where the form posts: the page's own address (ticket QR, sheet QR or counter tablet). */
  action: string;
  score: string;
  comment: string;
  problems: Problem[];
}

const scores = [5, 4, 3, 2, 1] as const;

/** The resident's one question and optional comment, in the reader's language. */
export function SurveyFormPage({ ctx, view }: { ctx: SurveyContext; view: SurveyFormView }) {
  const { t } = ctx;
  return (
    <SurveyLayout ctx={ctx} error={view.problems.length > 0}>
      <h1>{t("kpi.surveyTitle")}</h1>
      <p class="lead">{t("kpi.surveyLead")}</p>
      <ErrorSummary problems={view.problems} t={t} />
      <form method="post" action={view.action}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="lang" value={ctx.lang} />
        <RadioGroup
          id="score"
          legend={t("kpi.surveyQuestion")}
          value={view.score}
          error={problemFor(view.problems, "score", t)}
          options={scores.map((n) => ({ value: String(n), label: t(`kpi.surveyScore${n}`) }))}
        />
        <TextArea
          id="comment"
          label={t("kpi.surveyComment")}
          hint={t("kpi.surveyCommentHint")}
          value={view.comment}
          rows={4}
          error={problemFor(view.problems, "comment", t)}
        />
        <button class="button" type="submit">
          {t("kpi.surveySubmit")}
        </button>
      </form>
    </SurveyLayout>
  );
}
