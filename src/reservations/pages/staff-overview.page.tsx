import type { LocaleMap } from "../../shared/locale";
import { Local } from "../../web/components/lang";
import { TableScroll } from "../../web/components/table-scroll";
import { CsrfField, type PageContext } from "../../web/layout";
import type { ReservationStatus } from "../reservation.table";

export interface StaffRow {
  id: string;
  time: string;
  code: string;
  name: string;
  purpose: LocaleMap;
  status: ReservationStatus;
  phone: string | null;
  email: string | null;
}

export interface StaffOverviewView {
  office: LocaleMap;
  offices: Array<{ name: LocaleMap; href: string; current: boolean }>;
  todayText: string;
  tomorrowText: string;
  today: StaffRow[];
  reminders: StaffRow[];
  /** Reminders go by e-mail (SMTP configured); otherwise staff telephone and mark them. */
  smtp: boolean;
  canSettings: boolean;
  notice: string | null;
}

function Rows({ ctx, rows, remind }: { ctx: PageContext; rows: StaffRow[]; remind: boolean }) {
  const { t } = ctx;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("reservations.staffColTime")}</th>
          <th scope="col">{t("reservations.staffColName")}</th>
          <th scope="col">{t("reservations.staffColPurpose")}</th>
          <th scope="col">{remind ? t("reservations.staffColContact") : t("reservations.staffColStatus")}</th>
          {remind ? (
            <th scope="col">{t("reservations.staffColReminder")}</th>
          ) : (
            <th scope="col">{t("reservations.staffColCode")}</th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>{r.time}</td>
            <td>{r.name}</td>
            <td>
              <Local map={r.purpose} ctx={ctx} />
            </td>
            <td>
              {remind
                ? [r.phone, r.email].filter(Boolean).join(" / ") || "—"
                : t("reservations.pubStatus", { status: r.status })}
            </td>
            <td>
              {remind ? (
                <form method="post" action={`/reservations/staff/reminders/${r.id}/done`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="button button--secondary">
                    {t("reservations.staffMarkReminded")}
                  </button>
                </form>
              ) : (
                r.code
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An office's reservations today, tomorrow's reminders, the no-show sweep. */
export function staffOverviewPage(ctx: PageContext, v: StaffOverviewView) {
  const { t } = ctx;
  return (
    <>
      <h1>
        {t("reservations.staffTitle")}: <Local map={v.office} ctx={ctx} />
      </h1>
      {v.notice ? (
        <div class="notice" role="status">
          <p>{v.notice}</p>
        </div>
      ) : null}
      <nav aria-label={t("reservations.staffOffices")}>
        <ul class="queue-links">
          {v.offices.map((o) => (
            <li>
              <a href={o.href} aria-current={o.current ? "page" : undefined}>
                <Local map={o.name} ctx={ctx} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {v.canSettings ? (
        <p>
          <a href="/reservations/staff/settings">{t("reservations.rulesTitle")}</a>
        </p>
      ) : null}
      <h2 id="today-title">{t("reservations.staffToday", { date: v.todayText })}</h2>
      {v.today.length === 0 ? (
        <p>{t("reservations.staffNone")}</p>
      ) : (
        <TableScroll labelledBy="today-title">
          <Rows ctx={ctx} rows={v.today} remind={false} />
        </TableScroll>
      )}
      <form method="post" action="/reservations/staff/sweep">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="button button--secondary">
          {t("reservations.staffSweep")}
        </button>
      </form>
      <h2 id="reminders-title">{t("reservations.staffReminders", { date: v.tomorrowText })}</h2>
      <p>{t(v.smtp ? "reservations.staffRemindersSmtp" : "reservations.staffRemindersList")}</p>
      {v.smtp ? (
        <form method="post" action="/reservations/staff/reminders/send">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button">
            {t("reservations.staffSendReminders")}
          </button>
        </form>
      ) : null}
      {v.reminders.length === 0 ? (
        <p>{t("reservations.staffNoReminders")}</p>
      ) : (
        <TableScroll labelledBy="reminders-title">
          <Rows ctx={ctx} rows={v.reminders} remind />
        </TableScroll>
      )}
    </>
  );
}
