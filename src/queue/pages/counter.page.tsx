import type { BookedNextItem } from "../../reservations/booked-next";
import { BookedNext } from "../../reservations/pages/booked-next";
import type { Problem } from "../../shared/errors";
import type { LocaleMap, Message } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import type { MessageKey, Translate } from "../../web/i18n";
import { CsrfField, ErrorSummary, type PageContext, tokyoTime } from "../../web/layout";
import type { TicketKind, TicketStatus } from "../queue.table";
import { LocalOption } from "./components";
import { kindKey } from "./overview.page";

export interface CounterTicket {
  id: string;
  number: number;
  purpose: LocaleMap | null;
  kind: TicketKind;
  status: TicketStatus;
  calledAt: Date | null;
  pauseReason: string | null;
  /** The counter visit a one-stop call opened for this ticket. */
  visitId: string | null;
}

export interface WaitingRow {
  number: number;
  purpose: LocaleMap | null;
  kind: TicketKind;
  transferred: boolean;
  waitedMinutes: number;
}

export interface CounterView {
  counterLabel: LocaleMap;
  officeId: string;
  open: boolean;
  closedReason: string | null;
  inHand: CounterTicket[];
  paused: CounterTicket[];
  waiting: WaitingRow[];
  transferCounters: Array<{ id: string; labels: LocaleMap }>;
  transferDepartments: Array<{ id: string; labels: LocaleMap }>;
  /** What the last action did ("100番を呼び出しました。"). */
  notice: Message | null;
  problems: Problem[];
  /** Reservations (src/reservations): the office's next bookings today. */
  bookedNext?: BookedNextItem[];
}

const statusKey: Record<TicketStatus, MessageKey> = {
  waiting: "queue.statusWaiting",
  called: "queue.statusCalled",
  serving: "queue.statusServing",
  paused: "queue.statusPaused",
  done: "queue.statusDone",
  absent: "queue.statusAbsent",
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

function TransferForm(props: { ticket: CounterTicket; v: CounterView; ctx: PageContext }) {
  const { ctx, v } = props;
  const t: Translate = ctx.t;
  const id = `to-${props.ticket.number}`;
  return (
    <form method="post" action={`/queue/tickets/${props.ticket.id}/transfer`} class="queue-inline-field">
      <CsrfField token={ctx.csrfToken} />
      <label for={id}>{t("queue.transferTo")}</label>
      <select id={id} name="to">
        <optgroup label={t("queue.transferDepartments")}>
          {v.transferDepartments.map((d) => (
            <LocalOption value={`department:${d.id}`} map={d.labels} ctx={ctx} />
          ))}
        </optgroup>
        <optgroup label={t("queue.transferCounters")}>
          {v.transferCounters.map((c) => (
            <LocalOption value={`counter:${c.id}`} map={c.labels} ctx={ctx} />
          ))}
        </optgroup>
      </select>
      <button class="button button--secondary" type="submit">
        {t("queue.transfer")}
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
        <dt>{t("queue.purpose")}</dt>
        <dd>{ticket.purpose ? <Local map={ticket.purpose} ctx={ctx} /> : null}</dd>
        <dt>{t("queue.kind")}</dt>
        <dd>{t(kindKey[ticket.kind])}</dd>
        <dt>{t("queue.status")}</dt>
        <dd data-testid="in-hand-status">{t(statusKey[ticket.status])}</dd>
        {ticket.calledAt ? (
          <>
            <dt>{t("queue.calledAt")}</dt>
            <dd>{tokyoTime(ticket.calledAt, ctx.lang)}</dd>
          </>
        ) : null}
        {ticket.pauseReason ? (
          <>
            <dt>{t("queue.pauseReason")}</dt>
            <dd>{ticket.pauseReason}</dd>
          </>
        ) : null}
      </dl>
      {ticket.visitId ? (
        <p>
          <a href={`/visits/${ticket.visitId}`} class="button" data-testid="in-hand-visit">
            {t("queue.openVisit", { number: String(ticket.number) })}
          </a>
        </p>
      ) : null}
      <div class="button-row">
        {ticket.status === "called" ? (
          <>
            <ActionButton ticketId={ticket.id} action="start" label={t("queue.start")} csrf={csrf} />
            <ActionButton
              ticketId={ticket.id}
              action="recall"
              label={t("queue.recall")}
              csrf={csrf}
              secondary
            />
            <ActionButton
              ticketId={ticket.id}
              action="absent"
              label={t("queue.absent")}
              csrf={csrf}
              secondary
            />
          </>
        ) : null}
        {ticket.status === "serving" || ticket.status === "paused" ? (
          <ActionButton ticketId={ticket.id} action="finish" label={t("queue.finish")} csrf={csrf} />
        ) : null}
        {ticket.status === "paused" ? (
          <ActionButton
            ticketId={ticket.id}
            action="resume"
            label={t("queue.resume")}
            csrf={csrf}
            secondary
          />
        ) : null}
      </div>
      {ticket.status === "serving" ? (
        <form method="post" action={`/queue/tickets/${ticket.id}/pause`} class="queue-inline-field">
          <CsrfField token={csrf} />
          <label for={reasonId}>{t("queue.pauseReason")}</label>
          <input id={reasonId} name="reason" type="text" maxlength={200} autocomplete="off" />
          <button class="button button--secondary" type="submit">
            {t("queue.pause")}
          </button>
        </form>
      ) : null}
      <TransferForm ticket={ticket} v={v} ctx={ctx} />
    </section>
  );
}

function WaitingTable({ v, ctx }: { v: CounterView; ctx: PageContext }) {
  const t = ctx.t;
  return (
    <table data-testid="waiting-list">
      <thead>
        <tr>
          <th scope="col">{t("tenancy.number")}</th>
          <th scope="col">{t("queue.purpose")}</th>
          <th scope="col">{t("queue.kind")}</th>
          <th scope="col">{t("queue.waited")}</th>
        </tr>
      </thead>
      <tbody>
        {v.waiting.map((w) => (
          <tr>
            <td>{w.number}</td>
            <td>{w.purpose ? <Local map={w.purpose} ctx={ctx} /> : null}</td>
            <td>
              {w.transferred ? t("queue.kindTransferred", { kind: t(kindKey[w.kind]) }) : t(kindKey[w.kind])}
            </td>
            <td>{t("queue.minutes", { count: String(w.waitedMinutes) })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The counter's own page: call the next, act on the ticket in hand, see who waits here, open or close. */
export function counterPage(ctx: PageContext, v: CounterView) {
  const t = ctx.t;
  return (
    <>
      {v.notice ? (
        <p class="notice" role="status" data-testid="notice">
          {t.message(v.notice)}
        </p>
      ) : null}
      <h1>
        {t("queue.counterTitle")}: <Local map={v.counterLabel} ctx={ctx} />
      </h1>
      <ErrorSummary problems={v.problems} t={t} />
      <section class="queue-state" aria-labelledby="counter-state-heading">
        <h2 id="counter-state-heading">{t("queue.counterStateHeading")}</h2>
        <p class="lead" data-testid="counter-state">
          {v.open
            ? t("queue.counterOpen")
            : v.closedReason
              ? t("queue.counterClosed")
              : t("queue.counterNotStarted")}
          {!v.open && v.closedReason ? t("queue.closedBecause", { reason: v.closedReason }) : ""}
        </p>
        {v.open ? (
          <form method="post" action="/queue/counter/call" class="queue-call">
            <CsrfField token={ctx.csrfToken} />
            <button class="button queue-call__button" type="submit">
              {t("queue.callNext")}
            </button>
          </form>
        ) : (
          <form method="post" action="/queue/counter/start" class="queue-call">
            <CsrfField token={ctx.csrfToken} />
            <button class="button queue-call__button" type="submit">
              {t("queue.startCounter")}
            </button>
          </form>
        )}
        <p>
          <a href="/queue/counter?choose=1">{t("queue.changeCounter")}</a>
        </p>
      </section>
      <h2>{t("queue.inHand")}</h2>
      {v.inHand.length === 0 ? (
        <p>{t("queue.noneInHand")}</p>
      ) : (
        v.inHand.map((x) => <TicketCard ticket={x} v={v} ctx={ctx} />)
      )}
      {v.paused.length > 0 ? (
        <>
          <h2>{t("queue.pausedTickets")}</h2>
          {v.paused.map((x) => (
            <TicketCard ticket={x} v={v} ctx={ctx} />
          ))}
        </>
      ) : null}
      {v.bookedNext ? <BookedNext ctx={ctx} items={v.bookedNext} /> : null}
      <h2>{t("queue.waitingList")}</h2>
      {v.waiting.length === 0 ? <p>{t("queue.nobodyWaiting")}</p> : <WaitingTable v={v} ctx={ctx} />}
      {v.open ? (
        <details class="queue-close">
          <summary>{t("queue.closeCounter")}</summary>
          <form method="post" action="/queue/counter/state" class="queue-inline-field">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="open" value="0" />
            <label for="counter-reason">{t("queue.closeReason")}</label>
            <input id="counter-reason" name="reason" type="text" maxlength={100} autocomplete="off" />
            <button class="button button--secondary" type="submit">
              {t("queue.closeCounter")}
            </button>
          </form>
        </details>
      ) : null}
      <ul class="queue-links">
        <li>
          <a href="/queue">{t("queue.overviewTitle")}</a>
        </li>
        <li>
          <a href={`/queue/offices/${v.officeId}/display`}>{t("queue.openDisplay")}</a>
        </li>
      </ul>
    </>
  );
}
