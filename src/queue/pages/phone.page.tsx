import type { Child } from "hono/jsx";
import type { Locale, LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import type { PhonePayload } from "../queue.presenters";
import { aheadText, waitTemplates, waitText } from "./components";

export const phoneStates = [
  "waiting",
  "nearly",
  "called",
  "serving",
  "paused",
  "done",
  "absent",
  "expired",
] as const;
export type PhoneState = (typeof phoneStates)[number];

export function phoneState(p: PhonePayload): PhoneState {
  if (p.status === "waiting") return p.nearly ? "nearly" : "waiting";
  return p.status;
}

export interface PhoneView {
  token: string;
  purpose: LocaleMap;
  payload: PhonePayload;
  /** The languages offered in the switch. */
  languages: readonly Locale[];
}

function PhoneSection(props: { state: PhoneState; current: PhoneState; children: Child }) {
  return (
    <div
      class={`phone__state phone__state--${props.state}`}
      data-state={props.state}
      hidden={props.state !== props.current}
    >
      {props.children}
    </div>
  );
}

/** A sentence with a data label inside (the counter's name), the label marked when it is in another language. */
function WithLabel(props: { text: string; placeholder: string; map: LocaleMap | null; ctx: PublicContext }) {
  const [before, after = ""] = props.text.split(props.placeholder);
  if (!props.map) return <>{props.text.replace(props.placeholder, "")}</>;
  return (
    <>
      {before}
      <Local map={props.map} ctx={props.ctx} />
      {after}
    </>
  );
}

/**
 * The resident's phone page for one ticket: its place, the estimate, and the call, live by SSE (and
 * reloaded every 30 s without script), in the ticket's language unless the reader chose another.
 */
export function phonePage(ctx: PublicContext, v: PhoneView) {
  const { t } = ctx;
  const p = v.payload;
  const current = phoneState(p);
  // The placeholder a template keeps for the script to fill (ICU leaves a string value as it is).
  const slot = (name: string) => `{${name}}`;
  const waitLine = (
    <>
      <p class="phone__ahead">
        <span data-field="ahead-text">{aheadText(t, p.ahead ?? 0)}</span>
      </p>
      <p class="phone__estimate">
        {t("queue.estimate")}: <span data-field="range">{p.wait ? waitText(t, p.wait) : ""}</span>
      </p>
    </>
  );
  return (
    <PublicLayout
      ctx={ctx}
      title={t("queue.phoneTitle")}
      bodyClass="queue phone"
      styles={["queue"]}
      scripts={["queue-phone"]}
      noscriptRefreshSeconds={30}
      languages={v.languages}
    >
      <div
        class="phone__card"
        data-events={`/queue/t/${v.token}/events`}
        data-lang={ctx.lang}
        data-text-ahead={t("queue.ahead", { count: slot("count") })}
        data-text-ahead-none={t("queue.aheadNone")}
        data-wait-texts={JSON.stringify(waitTemplates(t))}
        data-text-called={t("queue.phoneCalled", { counter: slot("counter") })}
      >
        <h1>{t("queue.phoneTitle")}</h1>
        <p class="phone__label">{t("queue.yourNumber")}</p>
        <p class="phone__number" data-testid="phone-number">
          {p.number}
        </p>
        <p class="phone__purpose">
          <Local map={v.purpose} ctx={ctx} />
        </p>
        <div class="phone__status" role="status" aria-live="polite" data-testid="phone-status">
          <PhoneSection state="waiting" current={current}>
            <p>{t("queue.phoneWaiting")}</p>
            {waitLine}
          </PhoneSection>
          <PhoneSection state="nearly" current={current}>
            <p class="phone__nearly">{t("queue.phoneNearly")}</p>
            {waitLine}
          </PhoneSection>
          <PhoneSection state="called" current={current}>
            <p class="phone__called" data-field="called-text">
              <WithLabel
                text={t("queue.phoneCalled", { counter: slot("counter") })}
                placeholder={slot("counter")}
                map={p.counterLabels}
                ctx={ctx}
              />
            </p>
          </PhoneSection>
          <PhoneSection state="serving" current={current}>
            <p>{t("queue.phoneServing")}</p>
          </PhoneSection>
          <PhoneSection state="paused" current={current}>
            <p>{t("queue.phonePaused")}</p>
          </PhoneSection>
          <PhoneSection state="done" current={current}>
            <p>{t("queue.phoneDone")}</p>
            <p>
              <a
                href={`/survey/t/${v.token}?lang=${encodeURIComponent(ctx.lang)}`}
                data-testid="phone-survey"
              >
                {t("queue.phoneSurvey")}
              </a>
            </p>
          </PhoneSection>
          <PhoneSection state="absent" current={current}>
            <p>{t("queue.phoneAbsent")}</p>
          </PhoneSection>
          <PhoneSection state="expired" current={current}>
            <p>{t("queue.phoneExpired")}</p>
          </PhoneSection>
        </div>
        <p class="phone__note">{t("queue.phoneLive")}</p>
        <p class="phone__note">{t("queue.phoneNoPersonal")}</p>
      </div>
    </PublicLayout>
  );
}
