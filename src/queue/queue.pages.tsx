import type { Child } from "hono/jsx";
import type { Problem } from "../shared/errors";
import { type Lang, type MessageKey, type Translate, translator } from "../web/i18n";
import { CsrfField, ErrorSummary, type PageContext, tokyoTime } from "../web/layout";
import type { DisplayPayload, PhonePayload } from "./queue.presenters";
import type { TicketKind, TicketStatus } from "./queue.table";

const ja = translator("ja");
const en = translator("en");

/** Japanese, plain Japanese (やさしい日本語) and English together: a kiosk or a TV serves everyone at once. */
function Trilingual(props: {
  keyJa: MessageKey;
  keyEasy?: MessageKey;
  params?: Record<string, string>;
  tag?: "p" | "h1";
}) {
  const Tag = props.tag ?? "p";
  return (
    <Tag class="tri">
      <span class="tri__ja">{ja(props.keyJa, props.params)}</span>
      {props.keyEasy ? <span class="tri__easy">{ja(props.keyEasy, props.params)}</span> : null}
      <span class="tri__en" lang="en">
        {en(props.keyJa, props.params)}
      </span>
    </Tag>
  );
}

export interface PublicPageOptions {
  lang: Lang;
  title: string;
  bodyClass: string;
  scripts?: string[];
  /** Without JavaScript the page reloads itself this often (seconds). */
  noscriptRefreshSeconds?: number;
  /** The language switch's return path; none on kiosk and display pages, which show both languages. */
  switchPath?: string;
}

/** Kiosk, display and phone pages: no staff header, the product's fonts and styles, no inline script or style. */
export function PublicLayout(props: PublicPageOptions & { children: Child }) {
  const t = translator(props.lang);
  const to = props.lang === "ja" ? "en" : "ja";
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} | ${t("productName")}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/tokens/tokens.css" />
        <link rel="stylesheet" href="/static/noto-sans-jp/400.css" />
        <link rel="stylesheet" href="/static/noto-sans-jp/700.css" />
        <link rel="stylesheet" href="/static/app/app.css" />
        <link rel="stylesheet" href="/static/app/queue.css" />
        {props.noscriptRefreshSeconds ? (
          <noscript>
            <meta http-equiv="refresh" content={String(props.noscriptRefreshSeconds)} />
          </noscript>
        ) : null}
        {(props.scripts ?? []).map((s) => (
          <script type="module" src={`/static/js/${s}.js`} />
        ))}
      </head>
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        {props.switchPath ? (
          <nav class="queue-lang no-print" aria-label={props.lang === "ja" ? "言語" : "Language"}>
            <a href={`/lang?to=${to}&back=${encodeURIComponent(props.switchPath)}`} lang={to} hreflang={to}>
              <span aria-hidden="true">{t("languageSwitch")}</span>
              <span class="visually-hidden">{t("languageSwitchLabel")}</span>
            </a>
          </nav>
        ) : null}
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

function Problems({ problems, lang }: { problems: Problem[]; lang: "ja" | "tri" }) {
  if (problems.length === 0) return null;
  return (
    <div class="queue-alert" role="alert">
      {problems.map((p) =>
        lang === "tri" ? (
          <p>
            <span>{p.ja}</span>
            <span class="tri__en" lang="en">
              {p.en}
            </span>
          </p>
        ) : (
          <p>{p.ja}</p>
        ),
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// Kiosk

export interface KioskPurpose {
  id: string;
  labelJa: string;
  labelEasy: string;
  labelEn: string;
  waiting: number;
  min: number;
  max: number;
}

export interface KioskView {
  officeId: string;
  officeNameJa: string;
  officeNameEn: string;
  purposes: KioskPurpose[];
  /** Why tickets cannot be issued now, or empty. */
  closed: Problem[];
  problems: Problem[];
  csrfToken: string;
}

export function kioskPage(v: KioskView) {
  return (
    <PublicLayout lang="ja" title={ja("queueKioskTitle")} bodyClass="queue kiosk">
      <header class="kiosk__header">
        <p class="kiosk__office">
          {v.officeNameJa}{" "}
          <span lang="en" class="tri__en">
            {v.officeNameEn}
          </span>
        </p>
        <Trilingual tag="h1" keyJa="queueKioskTitle" />
        <Trilingual keyJa="queueKioskLead" keyEasy="queueKioskLeadEasy" />
      </header>
      <Problems problems={v.problems} lang="tri" />
      {v.closed.length > 0 ? (
        <Problems problems={v.closed} lang="tri" />
      ) : (
        <form method="post" action={`/queue/offices/${v.officeId}/kiosk`} class="kiosk__form">
          <CsrfField token={v.csrfToken} />
          <ul class="kiosk__purposes">
            {v.purposes.map((p) => (
              <li>
                <button type="submit" name="purposeId" value={p.id} class="kiosk__purpose">
                  <span class="kiosk__label-ja">{p.labelJa}</span>
                  <span class="kiosk__label-easy">{p.labelEasy}</span>
                  <span class="kiosk__label-en" lang="en">
                    {p.labelEn}
                  </span>
                  <span class="kiosk__wait">
                    {ja("queueWaitingCount", { count: String(p.waiting) })}・
                    {ja("queueWaitRange", { min: String(p.min), max: String(p.max) })}
                    <span lang="en">
                      {" "}
                      ({en("queueWaitingCount", { count: String(p.waiting) })},{" "}
                      {en("queueWaitRange", { min: String(p.min), max: String(p.max) })})
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </form>
      )}
    </PublicLayout>
  );
}

export interface ReceiptView {
  officeId: string;
  officeNameJa: string;
  number: number;
  purposeJa: string;
  purposeEasy: string;
  purposeEn: string;
  issuedAt: Date;
  ahead: number;
  min: number;
  max: number;
  phoneUrl: string;
  qrSvg: string;
  /** Staff-issued tickets go back to the staff page, kiosk tickets to the kiosk. */
  backUrl: string;
  autoReturn: boolean;
}

export function receiptPage(v: ReceiptView) {
  return (
    <PublicLayout
      lang="ja"
      title={ja("queueReceiptTitle")}
      bodyClass="queue kiosk receipt-page"
      scripts={v.autoReturn ? ["print", "queue-kiosk"] : ["print"]}
    >
      <section
        class="receipt"
        aria-labelledby="receipt-number"
        data-return-url={v.autoReturn ? v.backUrl : undefined}
        data-return-seconds={v.autoReturn ? "60" : undefined}
      >
        <p class="receipt__office">{v.officeNameJa}</p>
        <h1 class="receipt__heading">
          <span class="tri__ja">{ja("queueYourNumber")}</span>{" "}
          <span class="tri__en" lang="en">
            {en("queueYourNumber")}
          </span>
        </h1>
        <p class="receipt__number" id="receipt-number" data-testid="ticket-number">
          {v.number}
        </p>
        <p class="receipt__purpose">
          {v.purposeJa}
          <span class="tri__easy">{v.purposeEasy}</span>
          <span class="tri__en" lang="en">
            {v.purposeEn}
          </span>
        </p>
        <dl class="receipt__facts">
          <dt>
            {ja("queueIssuedAt")} <span lang="en">{en("queueIssuedAt")}</span>
          </dt>
          <dd>
            <time datetime={v.issuedAt.toISOString()}>{tokyoTime(v.issuedAt, "ja")}</time>
          </dd>
          <dt>
            {ja("queueWaiting")} <span lang="en">{en("queueWaiting")}</span>
          </dt>
          <dd data-testid="ahead">
            {ja("queueAhead", { count: String(v.ahead) })}
            <span class="tri__easy">{ja("queueAheadEasy", { count: String(v.ahead) })}</span>
            <span lang="en" class="tri__en">
              {en("queueAhead", { count: String(v.ahead) })}
            </span>
          </dd>
          <dt>
            {ja("queueEstimate")} <span lang="en">{en("queueEstimate")}</span>
          </dt>
          <dd>
            {ja("queueWaitRange", { min: String(v.min), max: String(v.max) })}{" "}
            <span lang="en">{en("queueWaitRange", { min: String(v.min), max: String(v.max) })}</span>
          </dd>
        </dl>
        <div class="receipt__qr">
          <div
            class="receipt__qr-code"
            role="img"
            aria-label={ja("queueQrAlt")}
            dangerouslySetInnerHTML={{ __html: v.qrSvg }}
          />
          <Trilingual keyJa="queueQrLead" keyEasy="queueQrLeadEasy" />
        </div>
        <p class="receipt__url">
          <a href={v.phoneUrl} data-testid="phone-link">
            {v.phoneUrl}
          </a>
        </p>
        <Trilingual keyJa="queueReceiptNote" keyEasy="queueReceiptNoteEasy" />
      </section>
      <div class="receipt__actions no-print">
        <button type="button" class="button kiosk__big-button" data-print>
          {ja("queuePrint")} <span lang="en">{en("queuePrint")}</span>
        </button>
        <a class="button button--secondary kiosk__big-button" href={v.backUrl}>
          {ja("queueBackToKiosk")} <span lang="en">{en("queueBackToKiosk")}</span>
        </a>
      </div>
    </PublicLayout>
  );
}

// ---------------------------------------------------------------------------------------------------
// Display board

export interface DisplayView {
  officeId: string;
  officeNameJa: string;
  officeNameEn: string;
  board: DisplayPayload;
}

export function DisplayCalls({ board }: { board: DisplayPayload }) {
  if (board.calls.length === 0)
    return (
      <p class="display__empty" data-display-empty>
        {ja("queueNoCalls")} <span lang="en">{en("queueNoCalls")}</span>
      </p>
    );
  return (
    <ol class="display__calls" data-display-calls>
      {board.calls.map((c) => (
        <li class={c.active ? "display__call display__call--active" : "display__call"}>
          <span class="display__number">{c.number}</span>
          <span class="display__arrow" aria-hidden="true">
            →
          </span>
          <span class="display__counter">
            {c.counterJa}
            <span lang="en" class="display__en">
              {c.counterEn}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}

export function DisplayWaits({ board }: { board: DisplayPayload }) {
  return (
    <table class="display__waits" data-display-waits>
      <thead>
        <tr>
          <th scope="col">
            {ja("queuePurpose")} <span lang="en">{en("queuePurpose")}</span>
          </th>
          <th scope="col">
            {ja("queueWaiting")} <span lang="en">{en("queueWaiting")}</span>
          </th>
          <th scope="col">
            {ja("queueEstimateShort")} <span lang="en">{en("queueEstimateShort")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {board.waits.map((w) => (
          <tr data-purpose={w.code}>
            <th scope="row">
              {w.labelJa}
              <span lang="en">{w.labelEn}</span>
            </th>
            <td data-field="waiting">{ja("queueWaitingCount", { count: String(w.waiting) })}</td>
            <td data-field="range">{ja("queueWaitRange", { min: String(w.min), max: String(w.max) })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function displayPage(v: DisplayView) {
  return (
    <PublicLayout
      lang="ja"
      title={`${ja("queueDisplayTitle")} ${v.officeNameJa}`}
      bodyClass="queue display"
      scripts={["queue-display"]}
      noscriptRefreshSeconds={10}
    >
      <div
        class="display__board"
        data-events={`/queue/offices/${v.officeId}/display/events`}
        data-seq={String(v.board.seq)}
      >
        <header class="display__header">
          <h1>
            {v.officeNameJa} {ja("queueDisplayTitle")}{" "}
            <span lang="en" class="display__title-en">
              {v.officeNameEn} — {en("queueDisplayTitle")}
            </span>
          </h1>
          <button type="button" class="button display__sound" data-sound hidden>
            {ja("queueEnableSound")} <span lang="en">{en("queueEnableSound")}</span>
          </button>
          <p class="display__sound-on" data-sound-on hidden>
            {ja("queueSoundOn")}
          </p>
        </header>
        <section class="display__now" aria-labelledby="display-now">
          <h2 id="display-now">
            {ja("queueNowCalling")} <span lang="en">{en("queueNowCalling")}</span>
          </h2>
          <div data-display-calls-region>
            <DisplayCalls board={v.board} />
          </div>
        </section>
        <section class="display__wait" aria-labelledby="display-waits">
          <h2 id="display-waits">
            {ja("queueCurrentWaits")} <span lang="en">{en("queueCurrentWaits")}</span>
          </h2>
          <DisplayWaits board={v.board} />
        </section>
        <p class="visually-hidden" aria-live="polite" data-display-live />
      </div>
    </PublicLayout>
  );
}

// ---------------------------------------------------------------------------------------------------
// Phone page

const phoneStatuses = [
  "waiting",
  "nearly",
  "called",
  "serving",
  "paused",
  "done",
  "absent",
  "expired",
] as const;
type PhoneState = (typeof phoneStatuses)[number];

export function phoneState(p: PhonePayload): PhoneState {
  if (p.status === "waiting") return p.nearly ? "nearly" : "waiting";
  return p.status;
}

export interface PhoneView {
  lang: Lang;
  path: string;
  token: string;
  purposeJa: string;
  purposeEn: string;
  payload: PhonePayload;
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

export function phonePage(v: PhoneView) {
  const t = translator(v.lang);
  const p = v.payload;
  const current = phoneState(p);
  const counter = (v.lang === "ja" ? p.counterJa : p.counterEn) ?? "";
  const waitLine = (
    <>
      <p class="phone__ahead">
        <span data-field="ahead-text">{t("queueAhead", { count: String(p.ahead ?? 0) })}</span>
      </p>
      <p class="phone__estimate">
        {t("queueEstimate")}:{" "}
        <span data-field="range">
          {t("queueWaitRange", { min: String(p.min ?? 0), max: String(p.max ?? 0) })}
        </span>
      </p>
    </>
  );
  return (
    <PublicLayout
      lang={v.lang}
      title={t("queuePhoneTitle")}
      bodyClass="queue phone"
      scripts={["queue-phone"]}
      noscriptRefreshSeconds={30}
      switchPath={v.path}
    >
      <div
        class="phone__card"
        data-events={`/queue/t/${v.token}/events`}
        data-lang={v.lang}
        data-text-ahead={t("queueAhead", { count: "{count}" })}
        data-text-range={t("queueWaitRange", { min: "{min}", max: "{max}" })}
        data-text-called={t("queuePhoneCalled", { counter: "{counter}" })}
      >
        <h1>{t("queuePhoneTitle")}</h1>
        <p class="phone__label">{t("queueYourNumber")}</p>
        <p class="phone__number" data-testid="phone-number">
          {p.number}
        </p>
        <p class="phone__purpose">{v.lang === "ja" ? v.purposeJa : v.purposeEn}</p>
        <div class="phone__status" role="status" aria-live="polite" data-testid="phone-status">
          <PhoneSection state="waiting" current={current}>
            <p>{t("queuePhoneWaiting")}</p>
            {waitLine}
          </PhoneSection>
          <PhoneSection state="nearly" current={current}>
            <p class="phone__nearly">{t("queuePhoneNearly")}</p>
            {v.lang === "ja" ? <p class="tri__easy">{t("queuePhoneNearlyEasy")}</p> : null}
            {waitLine}
          </PhoneSection>
          <PhoneSection state="called" current={current}>
            <p class="phone__called" data-field="called-text">
              {t("queuePhoneCalled", { counter })}
            </p>
          </PhoneSection>
          <PhoneSection state="serving" current={current}>
            <p>{t("queuePhoneServing")}</p>
          </PhoneSection>
          <PhoneSection state="paused" current={current}>
            <p>{t("queuePhonePaused")}</p>
          </PhoneSection>
          <PhoneSection state="done" current={current}>
            <p>{t("queuePhoneDone")}</p>
            <p>
              <a href={`/survey/t/${v.token}`} data-testid="phone-survey">
                {t("queuePhoneSurvey")}
              </a>
            </p>
          </PhoneSection>
          <PhoneSection state="absent" current={current}>
            <p>{t("queuePhoneAbsent")}</p>
          </PhoneSection>
          <PhoneSection state="expired" current={current}>
            <p>{t("queuePhoneExpired")}</p>
          </PhoneSection>
        </div>
        <p class="phone__note">{t("queuePhoneLive")}</p>
        <p class="phone__note">{t("queuePhoneNoPersonal")}</p>
      </div>
    </PublicLayout>
  );
}

/** A refusal on a public page (forged or expired token, too many requests): a clear message and nothing else. */
export function publicMessagePage(lang: Lang, title: string, problems: Problem[], path: string) {
  return (
    <PublicLayout lang={lang} title={title} bodyClass="queue phone" switchPath={path}>
      <h1>{title}</h1>
      {problems.map((p) => (
        <p class="lead">{lang === "ja" ? p.ja : p.en}</p>
      ))}
    </PublicLayout>
  );
}

// ---------------------------------------------------------------------------------------------------
// Staff pages (inside the staff layout)

export interface OverviewPurpose {
  id: string;
  labelJa: string;
  labelEn: string;
  bandStart: number;
  bandEnd: number;
  counters: string[];
  waiting: number;
  min: number;
  max: number;
}

export interface OverviewView {
  officeId: string;
  officeName: string;
  purposes: OverviewPurpose[];
  problems: Problem[];
  kind: TicketKind;
  purposeId: string;
}

const kindKey: Record<TicketKind, MessageKey> = {
  normal: "queueKindNormal",
  priority: "queueKindPriority",
  reservation: "queueKindReservation",
};

export function overviewPage(ctx: PageContext, v: OverviewView) {
  const t = ctx.t;
  const label = (p: { labelJa: string; labelEn: string }) => (ctx.lang === "ja" ? p.labelJa : p.labelEn);
  return (
    <>
      <ErrorSummary problems={v.problems} t={t} lang={ctx.lang} />
      <h1>{t("queueOverviewTitle")}</h1>
      <p class="lead">{v.officeName}</p>
      <ul class="queue-links">
        <li>
          <a href="/queue/counter">{t("queueCounterMenu")}</a>
        </li>
        <li>
          <a href={`/queue/offices/${v.officeId}/kiosk`}>{t("queueOpenKiosk")}</a>
        </li>
        <li>
          <a href={`/queue/offices/${v.officeId}/display`}>{t("queueOpenDisplay")}</a>
        </li>
      </ul>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("queuePurpose")}</th>
            <th scope="col">{t("queueBand")}</th>
            <th scope="col">{t("queueServingCounters")}</th>
            <th scope="col">{t("queueWaiting")}</th>
            <th scope="col">{t("queueEstimateShort")}</th>
          </tr>
        </thead>
        <tbody>
          {v.purposes.map((p) => (
            <tr>
              <th scope="row">{label(p)}</th>
              <td>
                {p.bandStart}–{p.bandEnd}
              </td>
              <td>{p.counters.join(", ")}</td>
              <td>{t("queueWaitingCount", { count: String(p.waiting) })}</td>
              <td>{t("queueWaitRange", { min: String(p.min), max: String(p.max) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("queueStaffIssue")}</h2>
      <p>{t("queueStaffIssueLead")}</p>
      <form method="post" action="/queue/tickets" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="purposeId">{t("queuePurpose")}</label>
          <select id="purposeId" name="purposeId">
            {v.purposes.map((p) => (
              <option value={p.id} selected={p.id === v.purposeId}>
                {label(p)}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="field">
          <legend>{t("queueKind")}</legend>
          {(["normal", "priority", "reservation"] as const).map((k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k} checked={v.kind === k} />
              {t(kindKey[k])}
            </label>
          ))}
        </fieldset>
        <button class="button" type="submit">
          {t("queueIssue")}
        </button>
      </form>
    </>
  );
}

export interface CounterTicket {
  id: string;
  number: number;
  purpose: string;
  kind: TicketKind;
  status: TicketStatus;
  calledAt: Date | null;
  pauseReason: string | null;
  /** The counter visit a one-stop call opened for this ticket. */
  visitId: string | null;
}

export interface WaitingRow {
  number: number;
  purpose: string;
  kind: TicketKind;
  transferred: boolean;
  waitedMinutes: number;
}

export interface CounterView {
  counterLabel: string;
  officeId: string;
  open: boolean;
  closedReason: string | null;
  inHand: CounterTicket[];
  paused: CounterTicket[];
  waiting: WaitingRow[];
  transferCounters: Array<{ id: string; label: string }>;
  transferDepartments: Array<{ id: string; label: string }>;
  notice: string | null;
  problems: Problem[];
}

const statusKey: Record<TicketStatus, MessageKey> = {
  waiting: "queueStatusWaiting",
  called: "queueStatusCalled",
  serving: "queueStatusServing",
  paused: "queueStatusPaused",
  done: "queueStatusDone",
  absent: "queueStatusAbsent",
};

function ActionButton(props: {
  ticketId: string;
  action: string;
  label: string;
  csrf: string;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={`/queue/tickets/${props.ticketId}/${props.action}`} class="inline-form">
      <CsrfField token={props.csrf} />
      <button class={props.secondary ? "button button--secondary" : "button"} type="submit">
        {props.label}
      </button>
    </form>
  );
}

function TransferForm(props: { ticket: CounterTicket; v: CounterView; t: Translate; csrf: string }) {
  const id = `to-${props.ticket.number}`;
  return (
    <form method="post" action={`/queue/tickets/${props.ticket.id}/transfer`} class="queue-inline-field">
      <CsrfField token={props.csrf} />
      <label for={id}>{props.t("queueTransferTo")}</label>
      <select id={id} name="to">
        <optgroup label={props.t("queueTransferDepartments")}>
          {props.v.transferDepartments.map((d) => (
            <option value={`department:${d.id}`}>{d.label}</option>
          ))}
        </optgroup>
        <optgroup label={props.t("queueTransferCounters")}>
          {props.v.transferCounters.map((c) => (
            <option value={`counter:${c.id}`}>{c.label}</option>
          ))}
        </optgroup>
      </select>
      <button class="button button--secondary" type="submit">
        {props.t("queueTransfer")}
      </button>
    </form>
  );
}

function TicketCard(props: { ticket: CounterTicket; v: CounterView; ctx: PageContext }) {
  const { ticket, v, ctx } = props;
  const t = ctx.t;
  const csrf = ctx.csrfToken;
  const reasonId = `reason-${ticket.number}`;
  return (
    <section class="queue-ticket" aria-labelledby={`ticket-${ticket.number}`}>
      <h3 id={`ticket-${ticket.number}`} class="queue-ticket__number" data-testid="in-hand-number">
        {ticket.number}
      </h3>
      <dl class="summary-list">
        <dt>{t("queuePurpose")}</dt>
        <dd>{ticket.purpose}</dd>
        <dt>{t("queueKind")}</dt>
        <dd>{t(kindKey[ticket.kind])}</dd>
        <dt>{t("queueStatus")}</dt>
        <dd data-testid="in-hand-status">{t(statusKey[ticket.status])}</dd>
        {ticket.calledAt ? (
          <>
            <dt>{t("queueCalledAt")}</dt>
            <dd>{tokyoTime(ticket.calledAt, ctx.lang)}</dd>
          </>
        ) : null}
        {ticket.pauseReason ? (
          <>
            <dt>{t("queuePauseReason")}</dt>
            <dd>{ticket.pauseReason}</dd>
          </>
        ) : null}
      </dl>
      {ticket.visitId ? (
        <p>
          <a href={`/visits/${ticket.visitId}`} class="button" data-testid="in-hand-visit">
            {t("queueOpenVisit", { number: String(ticket.number) })}
          </a>
        </p>
      ) : null}
      <div class="button-row">
        {ticket.status === "called" ? (
          <>
            <ActionButton ticketId={ticket.id} action="start" label={t("queueStart")} csrf={csrf} />
            <ActionButton
              ticketId={ticket.id}
              action="recall"
              label={t("queueRecall")}
              csrf={csrf}
              secondary
            />
            <ActionButton
              ticketId={ticket.id}
              action="absent"
              label={t("queueAbsent")}
              csrf={csrf}
              secondary
            />
          </>
        ) : null}
        {ticket.status === "serving" || ticket.status === "paused" ? (
          <ActionButton ticketId={ticket.id} action="finish" label={t("queueFinish")} csrf={csrf} />
        ) : null}
        {ticket.status === "paused" ? (
          <ActionButton ticketId={ticket.id} action="resume" label={t("queueResume")} csrf={csrf} secondary />
        ) : null}
      </div>
      {ticket.status === "serving" ? (
        <form method="post" action={`/queue/tickets/${ticket.id}/pause`} class="queue-inline-field">
          <CsrfField token={csrf} />
          <label for={reasonId}>{t("queuePauseReason")}</label>
          <input id={reasonId} name="reason" type="text" maxlength={200} autocomplete="off" />
          <button class="button button--secondary" type="submit">
            {t("queuePause")}
          </button>
        </form>
      ) : null}
      <TransferForm ticket={ticket} v={v} t={t} csrf={csrf} />
    </section>
  );
}

export function counterPage(ctx: PageContext, v: CounterView) {
  const t = ctx.t;
  return (
    <>
      <ErrorSummary problems={v.problems} t={t} lang={ctx.lang} />
      {v.notice ? (
        <p class="notice" role="status" data-testid="notice">
          {v.notice}
        </p>
      ) : null}
      <h1>
        {t("queueCounterTitle")}: {v.counterLabel}
      </h1>
      <p class="lead" data-testid="counter-state">
        {v.open ? t("queueCounterOpen") : t("queueCounterClosed")}
        {!v.open && v.closedReason ? `（${v.closedReason}）` : ""}
      </p>
      <form method="post" action="/queue/counter/call" class="queue-call">
        <CsrfField token={ctx.csrfToken} />
        <button class="button queue-call__button" type="submit">
          {t("queueCallNext")}
        </button>
      </form>
      <h2>{t("queueInHand")}</h2>
      {v.inHand.length === 0 ? (
        <p>{t("queueNoneInHand")}</p>
      ) : (
        v.inHand.map((x) => <TicketCard ticket={x} v={v} ctx={ctx} />)
      )}
      {v.paused.length > 0 ? (
        <>
          <h2>{t("queuePausedTickets")}</h2>
          {v.paused.map((x) => (
            <TicketCard ticket={x} v={v} ctx={ctx} />
          ))}
        </>
      ) : null}
      <h2>{t("queueWaitingList")}</h2>
      {v.waiting.length === 0 ? (
        <p>{t("queueNobodyWaiting")}</p>
      ) : (
        <table data-testid="waiting-list">
          <thead>
            <tr>
              <th scope="col">{t("number")}</th>
              <th scope="col">{t("queuePurpose")}</th>
              <th scope="col">{t("queueKind")}</th>
              <th scope="col">{t("queueWaited")}</th>
            </tr>
          </thead>
          <tbody>
            {v.waiting.map((w) => (
              <tr>
                <td>{w.number}</td>
                <td>{w.purpose}</td>
                <td>
                  {t(kindKey[w.kind])}
                  {w.transferred ? `・${t("queueTransferredMark")}` : ""}
                </td>
                <td>{t("queueMinutes", { count: String(w.waitedMinutes) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{v.open ? t("queueCloseCounter") : t("queueOpenCounter")}</h2>
      <form method="post" action="/queue/counter/state" class="queue-inline-field">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="open" value={v.open ? "0" : "1"} />
        {v.open ? (
          <>
            <label for="counter-reason">{t("queueCloseReason")}</label>
            <input id="counter-reason" name="reason" type="text" maxlength={100} autocomplete="off" />
          </>
        ) : null}
        <button class="button button--secondary" type="submit">
          {v.open ? t("queueCloseCounter") : t("queueOpenCounter")}
        </button>
      </form>
      <ul class="queue-links">
        <li>
          <a href="/queue">{t("queueOverviewTitle")}</a>
        </li>
        <li>
          <a href={`/queue/offices/${v.officeId}/display`}>{t("queueOpenDisplay")}</a>
        </li>
      </ul>
    </>
  );
}

export { phoneStatuses };
