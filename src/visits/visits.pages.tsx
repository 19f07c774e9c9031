import type { Child } from "hono/jsx";
import type { Plan } from "../guidance/engine";
import { formatDeadline } from "../shared/dates";
import type { Lang } from "../web/i18n";
import { CsrfField, type PageContext } from "../web/layout";
import type { Declined } from "./decline-procedure";
import { identityDocuments } from "./identity";
import { type VisitState, visitStateLabel } from "./visit";
import type { VisitRow } from "./visit.repository";

export const L = (lang: Lang, ja: string, en: string): string => (lang === "ja" ? ja : en);

const steps: VisitState[] = [
  "reception",
  "identity",
  "household",
  "plan",
  "interview",
  "review",
  "signature",
  "accepted",
  "closed",
];

/** Where the visit is, as an ordered list with the current step marked for assistive technology. */
export function StepIndicator({ state, lang }: { state: VisitState; lang: Lang }) {
  const current = steps.indexOf(state);
  return (
    <nav aria-label={L(lang, "手続きの段階", "Visit steps")} class="steps">
      <ol>
        {steps.map((s, i) => (
          <li
            class={i < current ? "steps__done" : i === current ? "steps__current" : ""}
            aria-current={i === current ? "step" : undefined}
          >
            {visitStateLabel(s)[lang]}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A form that acts on one visit: CSRF token and the version it was rendered from (optimistic lock). */
export function VisitForm({
  ctx,
  visit,
  action,
  children,
  multipart,
  attrs,
}: {
  ctx: PageContext;
  visit: VisitRow;
  action: string;
  children: Child;
  multipart?: boolean;
  attrs?: Record<string, string>;
}) {
  return (
    <form
      method="post"
      action={`/visits/${visit.id}/${action}`}
      novalidate
      enctype={multipart ? "multipart/form-data" : undefined}
      {...(attrs ?? {})}
    >
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="version" value={String(visit.version)} />
      {children}
    </form>
  );
}

export function IdentityStep({ ctx, visit }: { ctx: PageContext; visit: VisitRow }) {
  const { lang } = ctx;
  const groups = [
    {
      list: "photo",
      ja: "写真付きの公的な書類（1点で確認できます）",
      en: "Official photo documents (one is enough)",
    },
    {
      list: "i",
      ja: "イ：健康保険の資格確認書など",
      en: "List イ: health insurance certificate and similar",
    },
    {
      list: "ro",
      ja: "ロ：学生証・預金通帳など（イと組み合わせて）",
      en: "List ロ: student ID, bank passbook (with one from イ)",
    },
  ] as const;
  return (
    <VisitForm ctx={ctx} visit={visit} action="identity">
      <h2>{L(lang, "本人確認", "Identity check")}</h2>
      <p>
        {L(
          lang,
          "確認した書類の種類だけを記録します。書類の番号や写しは記録しません。",
          "Only the types of the documents checked are recorded — never their numbers or copies.",
        )}
      </p>
      {groups.map((g) => (
        <fieldset class="checkboxes" id={g.list === "photo" ? "documents" : undefined}>
          <legend>{L(lang, g.ja, g.en)}</legend>
          {identityDocuments
            .filter((d) => d.list === g.list)
            .map((d) => (
              <div class="checkbox">
                <input type="checkbox" id={`doc-${d.code}`} name="documents" value={d.code} />
                <label for={`doc-${d.code}`}>{lang === "ja" ? d.ja : d.en}</label>
              </div>
            ))}
        </fieldset>
      ))}
      <fieldset class="checkboxes" id="powerOfAttorney">
        <legend>{L(lang, "代理人", "Agent")}</legend>
        <div class="checkbox">
          <input type="checkbox" id="agent" name="agent" value="on" />
          <label for="agent">
            {L(lang, "代理の方が来庁している", "An agent is acting for the resident")}
          </label>
        </div>
        <div class="checkbox">
          <input type="checkbox" id="agentSameHousehold" name="agentSameHousehold" value="on" />
          <label for="agentSameHousehold">
            {L(lang, "代理の方は同じ世帯の方", "The agent belongs to the same household")}
          </label>
        </div>
        <div class="checkbox">
          <input type="checkbox" id="powerOfAttorneyShown" name="powerOfAttorney" value="on" />
          <label for="powerOfAttorneyShown">
            {L(lang, "委任状を確認した", "A power of attorney was shown")}
          </label>
        </div>
      </fieldset>
      <button class="button" type="submit">
        {L(lang, "本人確認を記録する", "Record the identity check")}
      </button>
    </VisitForm>
  );
}

export function PlanStep({
  ctx,
  visit,
  departmentLabel,
  memberNames,
}: {
  ctx: PageContext;
  visit: VisitRow;
  departmentLabel: (d: string) => string;
  /** The members a procedure is for, by name (the plan holds their ids). */
  memberNames: (ids: string[]) => string;
}) {
  const { lang } = ctx;
  const plan = visit.plan as Plan;
  const declined = visit.declined as Declined[];
  return (
    <>
      <h2>
        {L(lang, `必要な手続き（${plan.procedures.length}件）`, `Procedures (${plan.procedures.length})`)}
      </h2>
      <p>
        {L(
          lang,
          "住民の方が今回は申請しない手続きは、理由を入力して「見送る」を押してください。",
          "If the resident declines a procedure this time, enter the reason and press Decline.",
        )}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{L(lang, "手続き", "Procedure")}</th>
            <th scope="col">{L(lang, "担当", "Department")}</th>
            <th scope="col">{L(lang, "対象", "Members")}</th>
            <th scope="col">{L(lang, "期限", "Deadline")}</th>
            <th scope="col">{L(lang, "受付", "Handling")}</th>
          </tr>
        </thead>
        <tbody>
          {plan.procedures.map((p) => {
            const d = declined.find((x) => x.procedureId === p.id);
            return (
              <tr data-procedure={p.id} class={d ? "declined" : ""}>
                <td>
                  {p.name}
                  {d ? (
                    <p>
                      <strong>{L(lang, "見送り", "Declined")}</strong>: {d.reason}
                    </p>
                  ) : null}
                  {p.handling === "one-stop" ? (
                    <VisitForm ctx={ctx} visit={visit} action="decline">
                      <input type="hidden" name="procedureId" value={p.id} />
                      {d ? (
                        <button class="link-button" type="submit" name="declined" value="no">
                          {L(lang, `「${p.name}」を申請に戻す`, `Apply for "${p.name}" again`)}
                        </button>
                      ) : (
                        <>
                          <label class="visually-hidden" for={`reason-${p.id}`}>
                            {L(lang, `「${p.name}」を見送る理由`, `Why "${p.name}" is declined`)}
                          </label>
                          <input class="inline-input" id={`reason-${p.id}`} name="reason" type="text" />
                          <button class="link-button" type="submit" name="declined" value="yes">
                            {L(lang, "見送る", "Decline")}
                          </button>
                        </>
                      )}
                    </VisitForm>
                  ) : null}
                </td>
                <td>{departmentLabel(p.department)}</td>
                <td>{memberNames(p.members)}</td>
                <td>{p.deadline ? formatDeadline(p.deadline, lang) : L(lang, "期限なし", "None")}</td>
                <td>
                  {p.handling === "one-stop" ? L(lang, "この窓口", "Here") : L(lang, "ご案内", "Guidance")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="button-row">
        <VisitForm ctx={ctx} visit={visit} action="move">
          <input type="hidden" name="to" value="interview" />
          <button class="button" type="submit">
            {L(lang, "聞き取りへ進む", "Go on to the interview")}
          </button>
        </VisitForm>
        <VisitForm ctx={ctx} visit={visit} action="move">
          <input type="hidden" name="to" value="household" />
          <button class="button button--secondary" type="submit">
            {L(lang, "世帯の確認に戻る", "Back to the household")}
          </button>
        </VisitForm>
      </div>
    </>
  );
}
