import type { ManualKpis } from "../../manual/load-manual-kpis";
import { ManualPanel } from "../../manual/pages/kpi-panel";
import type { PreApplicationKpis } from "../../preapply/load-pre-application-kpis";
import { PreApplicationPanel } from "../../preapply/pages/kpi-panel";
import type { ReservationKpis } from "../../reservations/load-reservation-kpis";
import { ReservationPanel } from "../../reservations/pages/kpi-panel";
import { ErrorSummary } from "../../web/components/fields";
import { TableScroll } from "../../web/components/table-scroll";
import type { PageContext } from "../../web/layout";
import type { DashboardView, GroupView, KpiPageView } from "../kpi.presenters";
import { kpiLabel } from "../kpi.presenters";
import { BarChart, ColumnChart } from "./charts";
import {
  ColumnsHelp,
  FiguresTable,
  formatDate,
  formatPercentile,
  formatValue,
  KpiFilters,
  labelText,
  TargetCell,
} from "./components";

/** Supervisors' dashboard: filters, today, every KPI against its target, one KPI's trend and breakdown. */
export function KpiDashboardPage({
  ctx,
  view,
  preApplications,
  reservations,
  manual,
}: {
  ctx: PageContext;
  view: KpiPageView;
  /** The pre-application panel's figures for the period (src/preapply). */
  preApplications?: PreApplicationKpis | undefined;
  /** The reservation panel's figures for the period (src/reservations). */
  reservations?: ReservationKpis | undefined;
  /** The manual panel's figures for the period (src/manual): searches and "was this helpful?". */
  manual?: ManualKpis | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <link rel="stylesheet" href="/kpi/kpi.css" />
      <h1>{t("kpi.title")}</h1>
      <ErrorSummary problems={view.problems} t={t} />
      <KpiFilters ctx={ctx} view={view} />
      {view.dashboard === null ? (
        <p class="notice" data-testid="kpi-no-figures">
          {t("kpi.noFigures")}
        </p>
      ) : (
        <Figures ctx={ctx} view={view} dashboard={view.dashboard} />
      )}
      {preApplications ? <PreApplicationPanel ctx={ctx} figures={preApplications} /> : null}
      {reservations ? <ReservationPanel ctx={ctx} figures={reservations} /> : null}
      {manual ? <ManualPanel ctx={ctx} figures={manual} /> : null}
    </>
  );
}

function Figures({
  ctx,
  view,
  dashboard,
}: {
  ctx: PageContext;
  view: KpiPageView;
  dashboard: DashboardView;
}) {
  const { t } = ctx;
  const { selected, links } = dashboard;
  const kpiName = labelText(kpiLabel(selected.id), t);
  const granularity = t(`kpi.granularity.${selected.granularity}`);
  const by = t(`kpi.dimension.${selected.by}`);
  const bars = (rows: GroupView[]) =>
    rows.map((r) => ({
      label: labelText(r.label, t),
      value: r.value,
      display: formatValue(selected.kind, r.value, t),
    }));
  return (
    <>
      <p class="lead" data-testid="kpi-period">
        {t("kpi.period", { from: formatDate(view.query.from, t), to: formatDate(view.query.to, t) })}
      </p>
      <Live ctx={ctx} dashboard={dashboard} />
      <Summary ctx={ctx} dashboard={dashboard} />
      <section aria-labelledby="kpi-trend-title">
        <h2 id="kpi-trend-title">{t("kpi.sectionTitle", { kpi: kpiName, by: granularity })}</h2>
        <p>{t(`kpi.metricDefinition.${selected.id}`)}</p>
        <div class="kpi-chart-pair">
          <ColumnChart
            id="kpi-trend-chart"
            title={t("kpi.chartTitle", { kpi: kpiName, by: granularity })}
            bars={bars(dashboard.trend)}
            emptyText={t("kpi.chartNoData")}
          />
          <FiguresTable
            ctx={ctx}
            id="kpi-trend-table"
            titleId="kpi-trend-title"
            rows={dashboard.trend}
            kind={selected.kind}
          />
        </div>
      </section>
      <section aria-labelledby="kpi-breakdown-title">
        <h2 id="kpi-breakdown-title">{t("kpi.sectionTitle", { kpi: kpiName, by })}</h2>
        <div class="kpi-chart-pair">
          <BarChart
            id="kpi-breakdown-chart"
            title={t("kpi.chartTitle", { kpi: kpiName, by })}
            bars={bars(dashboard.breakdown)}
            emptyText={t("kpi.chartNoData")}
          />
          <FiguresTable
            ctx={ctx}
            id="kpi-breakdown-table"
            titleId="kpi-breakdown-title"
            rows={dashboard.breakdown}
            kind={selected.kind}
          />
        </div>
      </section>
      <section aria-labelledby="kpi-export-title">
        <h2 id="kpi-export-title">{t("kpi.exportsTitle")}</h2>
        <ul>
          <li>
            <a href={links.trend}>{t("kpi.exportTrend")}</a> /{" "}
            <a href={links.trendPlain}>{t("kpi.exportPlain")}</a>
          </li>
          <li>
            <a href={links.breakdown}>{t("kpi.exportBreakdown")}</a>
          </li>
          <li>
            <a href={links.openData}>{t("kpi.exportOpenData", { fy: dashboard.fiscalYear })}</a>
          </li>
        </ul>
        <p>{t("kpi.exportColumns")}</p>
      </section>
    </>
  );
}

function Live({ ctx, dashboard }: { ctx: PageContext; dashboard: DashboardView }) {
  const { t } = ctx;
  const { live } = dashboard;
  return (
    <section aria-labelledby="kpi-live-title" class="kpi-live">
      <h2 id="kpi-live-title">{t("kpi.today", { date: formatDate(dashboard.today, t) })}</h2>
      <dl class="summary-list" data-testid="kpi-live">
        <dt>{t("kpi.liveWaiting")}</dt>
        <dd data-live="waiting">{live.waiting}</dd>
        <dt>{t("kpi.liveInService")}</dt>
        <dd data-live="in-service">{live.inService}</dd>
        <dt>{t("kpi.liveCountersOpen")}</dt>
        <dd data-live="counters-open">{live.countersOpen}</dd>
        <dt>{t("kpi.liveMeanWait")}</dt>
        <dd data-live="mean-wait">{formatValue("duration", live.meanWaitSeconds, t)}</dd>
        <dt>{t("kpi.liveDoneAbsent")}</dt>
        <dd>
          {live.done} / {live.absent}
        </dd>
      </dl>
    </section>
  );
}

function Summary({ ctx, dashboard }: { ctx: PageContext; dashboard: DashboardView }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="kpi-summary-title">
      <h2 id="kpi-summary-title">{t("kpi.summaryTitle")}</h2>
      <TableScroll label={t("kpi.summaryTitle")}>
        <table class="kpi-table" data-testid="kpi-summary">
          <caption>{t("kpi.summaryCaption", { fy: dashboard.fiscalYear })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.colKpi")}</th>
              <th scope="col">{t("kpi.colCount")}</th>
              <th scope="col">{t("kpi.colMeanShare")}</th>
              <th scope="col">{t("kpi.colMedian")}</th>
              <th scope="col">{t("kpi.colP90")}</th>
              <th scope="col">{t("kpi.colTarget")}</th>
              <th scope="col">{t("kpi.colCsv")}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.summary.map((row) => {
              const k = row.kind;
              const f = row.figures;
              const numeric = k === "count" ? "number" : k;
              const name = t(`kpi.metric.${row.id}`);
              const percentile = (value: number | null) =>
                k === "share" || k === "count"
                  ? "—"
                  : formatPercentile(numeric, value, f.approximate === true, t);
              return (
                <tr data-kpi={row.id}>
                  <th scope="row">
                    {name}
                    <br />
                    <small>{t(`kpi.metricDefinition.${row.id}`)}</small>
                  </th>
                  <td data-count>{f.count}</td>
                  <td data-mean>
                    {k === "count" ? String(f.count) : formatValue(numeric, f.mean, t)}
                    {k === "share" && f.count > 0 ? ` (${Math.round(f.sum)})` : ""}
                  </td>
                  <td>{percentile(f.median)}</td>
                  <td>{percentile(f.p90)}</td>
                  <td>
                    <TargetCell ctx={ctx} targets={row.targets} />
                  </td>
                  <td>
                    <a href={row.csvHref}>
                      {t("kpi.monthlyCsv")}
                      <span class="visually-hidden">{t("kpi.monthlyCsvFor", { kpi: name })}</span>
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <ColumnsHelp ctx={ctx} />
    </section>
  );
}
