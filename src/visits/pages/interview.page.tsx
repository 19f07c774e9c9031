import type { Problem } from "../../shared/errors";
import { problemFor, SelectField, TextField } from "../../web/components/fields";
import { Ja, Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { QuestionView, VisitFrameView } from "../visits.presenters";
import { Msg, optionLabel, VisitForm } from "./components";

function QuestionLabel({ ctx, q }: { ctx: PageContext; q: QuestionView }) {
  const label = <Local map={q.label} ctx={ctx} />;
  if (!q.member) return label;
  const name = q.member.name ? <Ja ctx={ctx}>{q.member.name}</Ja> : q.member.id;
  return <Msg t={ctx.t} k="visits.questionForMember" parts={{ label, name }} />;
}

function QuestionField({ ctx, q, error }: { ctx: PageContext; q: QuestionView; error: string | undefined }) {
  const common = {
    id: q.id,
    name: q.name,
    label: <QuestionLabel ctx={ctx} q={q} />,
    hint: q.hint ? <Local map={q.hint} ctx={ctx} /> : undefined,
    error,
  };
  if (q.options)
    return (
      <SelectField
        {...common}
        // An empty answer selects the placeholder (which is not marked selected, as the browser picks it).
        value={q.value || undefined}
        options={[
          { value: "", label: ctx.t("visits.choose") },
          ...q.options.map((o) => ({ value: o.value, ...optionLabel(o.label, ctx) })),
        ]}
      />
    );
  return <TextField {...common} value={q.value} inputmode={q.numeric ? "numeric" : undefined} />;
}

/**
 * The interview: only what the forms need and the registry does not know, each question once (once
 * per member for a member's question). Answers may be saved part-way.
 */
export function InterviewPage({
  ctx,
  visit,
  questions,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  questions: QuestionView[];
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  return (
    <VisitForm ctx={ctx} visit={visit} action="answers">
      <h2>{t("visits.interviewTitle", { count: questions.length })}</h2>
      <p>{t("visits.interviewLead")}</p>
      {questions.length === 0 ? <p>{t("visits.nothingToAsk")}</p> : null}
      {questions.map((q) => (
        <QuestionField ctx={ctx} q={q} error={problemFor(problems, q.id, t)} />
      ))}
      <div class="button-row">
        <button class="button" type="submit" name="proceed" value="yes">
          {t("visits.toReview")}
        </button>
        <button class="button button--secondary" type="submit" name="proceed" value="no">
          {t("visits.saveForNow")}
        </button>
      </div>
    </VisitForm>
  );
}
