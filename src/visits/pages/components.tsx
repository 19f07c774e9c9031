import type { Child } from "hono/jsx";
import { formatWareki, formatWesternDate } from "../../shared/dates";
import type { Problem } from "../../shared/errors";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import { ErrorSummary } from "../../web/components/fields";

export { Msg } from "../../web/components/msg";
export { TableScroll } from "../../web/components/table-scroll";

import type { Relation } from "../../catalog/vocabulary";
import { relationLabels } from "../../catalog/vocabulary-labels";
import { Ja, Local } from "../../web/components/lang";
import { Msg } from "../../web/components/msg";
import { problemKind } from "../../web/error-mapper";
import type { MessageKey } from "../../web/i18n";
import { CsrfField, type PageContext } from "../../web/layout";
import type { VisitState } from "../visit";
import type { MemberRef, VisitFrameView } from "../visits.presenters";

/** The catalogue key of each state's name. */
export const stateKey: Record<VisitState, MessageKey> = {
  reception: "visits.stateReception",
  identity: "visits.stateIdentity",
  household: "visits.stateHousehold",
  plan: "visits.statePlan",
  interview: "visits.stateInterview",
  review: "visits.stateReview",
  signature: "visits.stateSignature",
  accepted: "visits.stateAccepted",
  closed: "visits.stateClosed",
  cancelled: "visits.stateCancelled",
};

/** A label from data as an <option>'s text and language (a Japanese fallback is marked lang="ja"). */
export function optionLabel(map: LocaleMap, ctx: PageContext): { label: string; lang?: string } {
  const { text, lang } = pickLabel(map, ctx.lang);
  return lang.split("-")[0] === ctx.lang.split("-")[0] ? { label: text } : { label: text, lang };
}

/**
 * One member as staff name them to the resident: "𠮷田 太郎（世帯主）", or "2人目の方（子）" while the
 * household has no name for them. Never the member's id.
 */
export function MemberName({
  ctx,
  member,
  relation: withRelation = true,
}: {
  ctx: PageContext;
  member: MemberRef;
  /** Whether to add the 続柄 (off inside a sentence that already has brackets). */
  relation?: boolean;
}) {
  const { t } = ctx;
  const who = member.name ? (
    <Ja ctx={ctx}>{member.name}</Ja>
  ) : member.ordinal ? (
    t("visits.memberOrdinal", { n: member.ordinal })
  ) : (
    t("visits.memberUnknown")
  );
  const label = member.relation ? relationLabels[member.relation as Relation] : undefined;
  if (!label || !withRelation) return <>{who}</>;
  return (
    <Msg
      t={t}
      k="visits.memberWithRelation"
      parts={{ name: who, relation: <Local map={label} ctx={ctx} /> }}
    />
  );
}

/** "𠮷田 太郎（世帯主）、𠮷田 花（子）": whom a procedure is for, by name and 続柄. */
export function MemberNames({ ctx, members }: { ctx: PageContext; members: MemberRef[] }) {
  const separator = ctx.t("visits.listSeparator");
  return (
    <>
      {members.map((m, i) => (
        <>
          {i > 0 ? separator : ""}
          <MemberName ctx={ctx} member={m} />
        </>
      ))}
    </>
  );
}

/** A deadline: the Western date with its weekday, and the 和暦 date forms use (always Japanese). */
export function Deadline({ ctx, iso }: { ctx: PageContext; iso: string }) {
  const date = formatWesternDate(iso, ctx.t.intlLocale);
  return (
    <time datetime={iso}>
      <Msg
        t={ctx.t}
        k="visits.deadline"
        params={{ date }}
        parts={{ wareki: <Ja ctx={ctx}>{formatWareki(iso)}</Ja> }}
      />
    </time>
  );
}

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
export function StepIndicator({ ctx, state }: { ctx: PageContext; state: VisitState }) {
  const current = steps.indexOf(state);
  return (
    <nav aria-label={ctx.t("visits.stepsLabel")} class="steps">
      <ol>
        {steps.map((s, i) => (
          <li
            class={i < current ? "steps__done" : i === current ? "steps__current" : ""}
            aria-current={i === current ? "step" : undefined}
          >
            {ctx.t(stateKey[s])}
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
  attrs,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  action: string;
  children: Child;
  attrs?: Record<string, string>;
}) {
  return (
    <form method="post" action={`/visits/${visit.id}/${action}`} novalidate {...(attrs ?? {})}>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="version" value={String(visit.version)} />
      {children}
    </form>
  );
}

/** A button that moves the visit to another state (a step with no data of its own). */
export function MoveButton({
  ctx,
  visit,
  to,
  label,
  secondary,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  to: VisitState;
  label: MessageKey;
  secondary?: boolean;
}) {
  return (
    <VisitForm ctx={ctx} visit={visit} action="move">
      <input type="hidden" name="to" value={to} />
      <button class={secondary ? "button button--secondary" : "button"} type="submit">
        {ctx.t(label)}
      </button>
    </VisitForm>
  );
}

/**
 * The page was acted on after someone else changed the visit (another tab, another staff member):
 * said as such, with the way to the latest, never as "入力内容に問題があります". The visit shown
 * below is already the latest, read again after the refusal.
 */
function StaleNotice({
  ctx,
  visit,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  problems: readonly Problem[];
}) {
  const { t } = ctx;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{t("visits.staleTitle")}</h2>
      <p>{t("visits.staleLead")}</p>
      <ul>
        {problems.map((p) => (
          <li>{t.message(p)}</li>
        ))}
      </ul>
      <p>
        <a href={`/visits/${visit.id}`} data-stale-reload>
          {t("visits.staleReload")}
        </a>
      </p>
    </div>
  );
}

/**
 * Every visit page: the error summary, the way back to the list, the heading with the state, the
 * steps, the step's own content, and cancelling while the visit is not yet accepted.
 */
export function VisitFrame({
  ctx,
  visit,
  problems,
  children,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  problems: readonly Problem[];
  children: Child;
}) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href="/visits">{t("visits.allVisits")}</a>
      </p>
      <h1>
        {t("visits.title")}{" "}
        {visit.ticket ? (
          <>
            <span class="visit-ticket" data-ticket-number={String(visit.ticket.number)}>
              {t("visits.frameTicket", { number: visit.ticket.number })}
            </span>{" "}
          </>
        ) : null}
        <span class="visit-state">{t("visits.stateBadge", { state: t(stateKey[visit.state]) })}</span>
      </h1>
      {visit.person ? (
        <p class="visit-person">
          <Msg t={t} k="visits.framePerson" parts={{ name: <Ja ctx={ctx}>{visit.person}</Ja> }} />
        </p>
      ) : null}
      {problemKind(problems) === "stale" ? (
        <StaleNotice ctx={ctx} visit={visit} problems={problems} />
      ) : (
        <ErrorSummary problems={problems} t={t} />
      )}
      <StepIndicator ctx={ctx} state={visit.state} />
      {children}
      {visit.cancellable ? (
        <VisitForm ctx={ctx} visit={visit} action="move">
          <input type="hidden" name="to" value="cancelled" />
          <button class="link-button cancel-visit" type="submit">
            {t("visits.cancelVisit")}
          </button>
        </VisitForm>
      ) : null}
    </>
  );
}
