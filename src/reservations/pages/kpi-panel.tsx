import type { PageContext } from "../../web/layout";
import type { ReservationKpis } from "../load-reservation-kpis";

/** The KPI dashboard's reservation panel: booked, checked in, no-show, and the waits with and without a booking. */
export function ReservationPanel({ ctx, figures }: { ctx: PageContext; figures: ReservationKpis }) {
  const { t } = ctx;
  const number = (n: number) => new Intl.NumberFormat(t.intlLocale).format(n);
  const wait = (w: ReservationKpis["waitBooked"]) =>
    w ? t("reservations.kpiMinutes", { minutes: w.minutes, count: w.count }) : t("reservations.kpiNoData");
  return (
    <section class="panel" aria-labelledby="kpi-reservations" data-testid="kpi-reservations">
      <h2 id="kpi-reservations">{t("reservations.kpiTitle")}</h2>
      <p>{t("reservations.kpiLead")}</p>
      <dl class="kpi-figures">
        <div>
          <dt>{t("reservations.kpiBooked")}</dt>
          <dd>{number(figures.booked)}</dd>
        </div>
        <div>
          <dt>{t("reservations.kpiCheckedIn")}</dt>
          <dd>{number(figures.checkedIn + figures.late)}</dd>
        </div>
        <div>
          <dt>{t("reservations.kpiNoShow")}</dt>
          <dd>{number(figures.noShow)}</dd>
        </div>
        <div>
          <dt>{t("reservations.kpiWaitBooked")}</dt>
          <dd>{wait(figures.waitBooked)}</dd>
        </div>
        <div>
          <dt>{t("reservations.kpiWaitWalkIn")}</dt>
          <dd>{wait(figures.waitWalkIn)}</dd>
        </div>
      </dl>
    </section>
  );
}
