import { ManualLink } from "../../manual/pages/manual-link";
import type { Problem } from "../../shared/errors";
import { DateField, problemFor, SelectField, TextField } from "../../web/components/fields";
import { Ja, Local } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import { assetUrl } from "../../web/static-assets";
import type { KnownFactView, PlanRowView, QuestionView, VisitFrameView } from "../visits.presenters";
import { MemberName, Msg, optionLabel, VisitForm } from "./components";

function QuestionLabel({ ctx, q }: { ctx: PageContext; q: QuestionView }) {
  const label = <Local map={q.label} ctx={ctx} />;
  if (!q.member) return label;
  const name = <MemberName ctx={ctx} member={q.member} relation={false} />;
  return <Msg t={ctx.t} k="visits.questionForMember" parts={{ label, name }} />;
}

/**
 * The lookup island's hooks (src/web/client/postal-lookup.ts): a postal code fills the address asked
 * beside it, bank and branch codes show their names. Only where the partner question is on the page.
 */
function lookupHooks(
  q: QuestionView,
  ids: ReadonlySet<string>,
): Record<`data-${string}`, string> | undefined {
  const key = q.name.split(".")[1];
  if (key === "newPostalCode" && ids.has("q-newAddress")) return { "data-postal-lookup": "q-newAddress" };
  if (key === "bankCode") return { "data-bank-lookup": "" };
  if (key === "branchCode" && ids.has("q-bankCode")) return { "data-bank-lookup": "q-bankCode" };
  return undefined;
}

function QuestionField({
  ctx,
  q,
  error,
  data,
}: {
  ctx: PageContext;
  q: QuestionView;
  error: string | undefined;
  data?: Record<`data-${string}`, string> | undefined;
}) {
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
  if (q.date) return <DateField t={ctx.t} {...common} value={q.value} examples="recent" />;
  return (
    <TextField
      {...common}
      value={q.value}
      inputmode={q.numeric ? "numeric" : undefined}
      {...(data ? { data } : {})}
    />
  );
}

/**
 * The interview: only what the forms need and the registry does not know, each question once (once
 * per member for a member's question). Answers may be saved part-way.
 */
export function InterviewPage({
  ctx,
  visit,
  questions,
  known,
  problems,
  procedures = [],
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  questions: QuestionView[];
  known: KnownFactView[];
  problems: readonly Problem[];
  /** The procedures this interview asks for, each linked to its manual entry (staff part). */
  procedures?: readonly Pick<PlanRowView, "id" | "name">[];
}) {
  const { t } = ctx;
  const ids = new Set(questions.map((q) => q.id));
  return (
    <VisitForm ctx={ctx} visit={visit} action="answers">
      <h2>{t("visits.interviewTitle", { count: questions.length })}</h2>
      <p>{t("visits.interviewLead")}</p>
      {procedures.length > 0 ? (
        <section aria-labelledby="interview-procedures">
          <h3 id="interview-procedures">{t("manual.interviewProcedures")}</h3>
          <ul class="interview-procedures">
            {procedures.map((p) => (
              <li data-procedure={p.id}>
                <Ja ctx={ctx}>{p.name}</Ja> <ManualLink t={t} procedureId={p.id} name={p.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {known.length > 0 ? (
        <section aria-labelledby="known-facts">
          <h3 id="known-facts">{t("visits.knownFactsTitle")}</h3>
          <p>{t("visits.knownFactsLead")}</p>
          <dl class="known-facts">
            {known.map((f) => (
              <div>
                <dt>
                  <Local map={f.label} ctx={ctx} />
                </dt>
                <dd>
                  <Ja ctx={ctx}>{f.value}</Ja>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {questions.length === 0 ? <p>{t("visits.nothingToAsk")}</p> : null}
      {questions.map((q) => (
        <QuestionField ctx={ctx} q={q} error={problemFor(problems, q.id, t)} data={lookupHooks(q, ids)} />
      ))}
      <div class="button-row">
        <button class="button" type="submit" name="proceed" value="yes">
          {t("visits.toReview")}
        </button>
        <button class="button button--secondary" type="submit" name="proceed" value="no">
          {t("visits.saveForNow")}
        </button>
      </div>
      <script type="module" src={assetUrl("js/postal-lookup.js")} />
    </VisitForm>
  );
}
