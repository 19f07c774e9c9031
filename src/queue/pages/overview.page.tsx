import type { Problem } from "../../shared/errors";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import { RadioGroup, SelectField } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import type { MessageKey } from "../../web/i18n";
import { CsrfField, ErrorSummary, type PageContext } from "../../web/layout";
import type { TicketKind } from "../queue.table";
import { ticketKinds } from "../queue.table";
import type { WaitShown } from "../wait-estimate";
import { waitText } from "./components";

export interface OverviewPurpose {
  id: string;
  labels: LocaleMap;
  bandStart: number;
  bandEnd: number;
  counters: LocaleMap[];
  waiting: number;
  wait: WaitShown;
}

export interface OverviewView {
  officeId: string;
  officeName: LocaleMap;
  purposes: OverviewPurpose[];
  problems: Problem[];
  kind: TicketKind;
  purposeId: string;
}

export const kindKey: Record<TicketKind, MessageKey> = {
  normal: "queue.kindNormal",
  priority: "queue.kindPriority",
  reservation: "queue.kindReservation",
};

/** The office's queue for staff: purposes with their bands, counters and waits, and staff issuing. */
export function overviewPage(ctx: PageContext, v: OverviewView) {
  const t = ctx.t;
  return (
    <>
      <h1>{t("queue.overviewTitle")}</h1>
      <ErrorSummary problems={v.problems} t={t} />
      <p class="lead">
        <Local map={v.officeName} ctx={ctx} />
      </p>
      <ul class="queue-links">
        <li>
          <a href="/queue/counter">{t("queue.counterMenu")}</a>
        </li>
        <li>
          <a href={`/queue/offices/${v.officeId}/kiosk`}>{t("queue.openKiosk")}</a>
        </li>
        <li>
          <a href={`/queue/offices/${v.officeId}/display`}>{t("queue.openDisplay")}</a>
        </li>
        {ctx.session && ctx.session.staff.role !== "counter" ? (
          <li>
            <a href={`/queue/offices/${v.officeId}/kiosk-devices`}>{t("queue.kioskDevicesLink")}</a>
          </li>
        ) : null}
      </ul>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("queue.purpose")}</th>
            <th scope="col">{t("queue.band")}</th>
            <th scope="col">{t("queue.servingCounters")}</th>
            <th scope="col">{t("queue.waiting")}</th>
            <th scope="col">{t("queue.estimateShort")}</th>
          </tr>
        </thead>
        <tbody>
          {v.purposes.map((p) => (
            <tr>
              <th scope="row">
                <Local map={p.labels} ctx={ctx} />
              </th>
              <td>
                {p.bandStart}–{p.bandEnd}
              </td>
              <td>
                {p.counters.map((c, i) => (
                  <>
                    {i > 0 ? ", " : ""}
                    <Local map={c} ctx={ctx} />
                  </>
                ))}
              </td>
              <td>{t("queue.waitingCount", { count: String(p.waiting) })}</td>
              <td>{waitText(t, p.wait)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("queue.staffIssue")}</h2>
      <p>{t("queue.staffIssueLead")}</p>
      <form method="post" action="/queue/tickets" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          id="purposeId"
          label={t("queue.purpose")}
          value={v.purposeId}
          options={v.purposes.map((p) => {
            const { text, lang } = pickLabel(p.labels, ctx.lang);
            return { value: p.id, label: text, ...(lang !== ctx.lang ? { lang } : {}) };
          })}
        />
        <RadioGroup
          id="kind"
          legend={t("queue.kind")}
          value={v.kind}
          options={ticketKinds.map((k) => ({ value: k, label: t(kindKey[k]) }))}
        />
        <button class="button" type="submit">
          {t("queue.issue")}
        </button>
      </form>
    </>
  );
}

/** An office without a queue: the page says so. */
export function notConfiguredPage(ctx: PageContext, title: string) {
  return (
    <>
      <h1>{title}</h1>
      <p>{ctx.t("queue.notConfigured")}</p>
    </>
  );
}
