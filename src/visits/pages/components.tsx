import type { Child } from "hono/jsx";
import { formatWareki, formatWesternDate } from "../../shared/dates";
import type { Problem } from "../../shared/errors";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import { ErrorSummary } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { MessageKey, Translate } from "../../web/i18n";
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

/**
 * A message with parts that carry markup (a Japanese name marked lang="ja" inside an English sentence):
 * the message is formatted with placeholders for the parts, then split around them, so the catalogue
 * keeps the whole sentence and its word order.
 */
export function Msg({
  t,
  k,
  params,
  parts,
}: {
  t: Translate;
  k: MessageKey;
  params?: Record<string, string | number | LocaleMap>;
  parts: Record<string, Child>;
}) {
  const names = Object.keys(parts);
  const values: Record<string, string | number | LocaleMap> = { ...(params ?? {}) };
  names.forEach((name, i) => {
    values[name] = `\uE000${i}\uE001`;
  });
  const pieces = t(k, values).split(/\uE000(\d+)\uE001/);
  return <>{pieces.map((piece, i) => (i % 2 === 0 ? piece : parts[names[Number(piece)] as string]))}</>;
}

/** A label from data as an <option>'s text and language (a Japanese fallback is marked lang="ja"). */
export function optionLabel(map: LocaleMap, ctx: PageContext): { label: string; lang?: string } {
  const { text, lang } = pickLabel(map, ctx.lang);
  return lang.split("-")[0] === ctx.lang.split("-")[0] ? { label: text } : { label: text, lang };
}

/** "𠮷田 太郎（m1）、𠮷田 花（m2）": staff tell the resident whom a procedure is for by name, not by id. */
export function MemberNames({ ctx, members }: { ctx: PageContext; members: MemberRef[] }) {
  const separator = ctx.t("visits.listSeparator");
  return (
    <>
      {members.map((m, i) => (
        <>
          {i > 0 ? separator : ""}
          {m.name ? (
            <Msg
              t={ctx.t}
              k="visits.memberWithId"
              params={{ id: m.id }}
              parts={{ name: <Ja ctx={ctx}>{m.name}</Ja> }}
            />
          ) : (
            m.id
          )}
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
        <span class="visit-state">{t("visits.stateBadge", { state: t(stateKey[visit.state]) })}</span>
      </h1>
      <ErrorSummary problems={problems} t={t} />
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
