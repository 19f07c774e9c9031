import { formatDeadline } from "../shared/dates";
import type { Problem } from "../shared/errors";
import { ErrorSummary, type PageContext, problemFor } from "../web/layout";
import { BarChart, ColumnChart } from "./charts";
import {
  type Dimension,
  dimensions,
  granularities,
  type KpiFigures,
  kpiDefinition,
  kpiDefinitions,
} from "./kpi";
import { chartValue, formatPercentile, formatValue, keyLabel, type Names } from "./kpi.presenters";
import type { KpiQuery } from "./kpi.schema";
import type { Dashboard, TargetResult } from "./load-dashboard";

const L = (ctx: PageContext, ja: string, en: string) => (ctx.lang === "ja" ? ja : en);

const dimensionLabels: Record<Dimension, { ja: string; en: string }> = {
  office: { ja: "庁舎別", en: "By office" },
  purpose: { ja: "用件別", en: "By purpose" },
  event: { ja: "ライフイベント別", en: "By life event" },
};
const granularityLabels = {
  day: { ja: "日別", en: "Daily" },
  week: { ja: "週別（月曜始まり）", en: "Weekly (from Monday)" },
  month: { ja: "月別", en: "Monthly" },
  fy: { ja: "年度別（4月〜3月）", en: "By fiscal year (April–March)" },
} as const;

export interface KpiPageProps {
  ctx: PageContext;
  query: KpiQuery;
  problems: Problem[];
  names: Names;
  dashboard: Dashboard | null;
}

function queryString(q: KpiQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    office: q.officeCode,
    from: q.from,
    to: q.to,
    kpi: q.kpi,
    by: q.by,
    granularity: q.granularity,
    ...extra,
  });
  return params.toString();
}

function TargetCell({ ctx, results, kind }: { ctx: PageContext; results: TargetResult[]; kind: string }) {
  if (results.length === 0) return <span>{L(ctx, "目標の設定なし", "No target")}</span>;
  return (
    <ul class="kpi-targets">
      {results.map((r) => {
        const unit =
          r.target.unit === "minutes"
            ? L(ctx, "分", " min")
            : r.target.unit === "percent"
              ? "%"
              : L(ctx, "件", " cases");
        const sign = r.target.direction === "atMost" ? L(ctx, "以下", "or less") : L(ctx, "以上", "or more");
        const scope = [
          r.target.scope.officeCode ? `${r.target.scope.officeCode}` : "",
          r.target.scope.eventType ? `${r.target.scope.eventType}` : "",
        ]
          .filter(Boolean)
          .join(", ");
        const actual = r.actual === null ? "—" : `${r.actual.toFixed(kind === "count" ? 0 : 1)}${unit}`;
        return (
          <li data-target={r.target.kpi} data-met={r.met === null ? "none" : String(r.met)}>
            {L(
              ctx,
              `${r.fiscalYear}年度 目標 ${r.goal}${unit}${sign}`,
              `FY${r.fiscalYear} target ${r.goal}${unit} ${sign}`,
            )}
            {scope ? `（${scope}）` : ""}: {L(ctx, "実績", "actual")} {actual}{" "}
            <strong>
              {r.met === null
                ? L(ctx, "（データなし）", "(no data)")
                : r.met
                  ? L(ctx, "達成", "met")
                  : L(ctx, "未達成", "not met")}
            </strong>
          </li>
        );
      })}
    </ul>
  );
}

function FiguresTable({
  ctx,
  caption,
  rows,
  labelOf,
  kind,
  id,
}: {
  ctx: PageContext;
  caption: string;
  rows: KpiFigures[];
  labelOf: (key: string) => string;
  kind: Parameters<typeof formatValue>[0];
  id: string;
}) {
  return (
    <table id={id} class="kpi-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{L(ctx, "区分", "Group")}</th>
          <th scope="col">{L(ctx, "件数", "Count")}</th>
          <th scope="col">{kind === "share" ? L(ctx, "該当数", "Number") : L(ctx, "合計", "Sum")}</th>
          <th scope="col">{kind === "share" ? L(ctx, "割合", "Share") : L(ctx, "平均", "Mean")}</th>
          <th scope="col">{L(ctx, "中央値", "Median")}</th>
          <th scope="col">{L(ctx, "90パーセンタイル", "90th percentile")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colspan={6}>
              {L(ctx, "この期間のデータはありません。", "There is no data for this period.")}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr data-key={r.key}>
              <th scope="row">{labelOf(r.key)}</th>
              <td data-count>{r.count}</td>
              <td>
                {kind === "duration"
                  ? formatValue(kind, r.sum, ctx.lang)
                  : String(Math.round(r.sum * 100) / 100)}
              </td>
              <td data-mean>{formatValue(kind === "count" ? "number" : kind, r.mean, ctx.lang)}</td>
              <td>
                {kind === "share"
                  ? "—"
                  : formatPercentile(
                      kind === "count" ? "number" : kind,
                      r.median,
                      r.approximate === true,
                      ctx.lang,
                    )}
              </td>
              <td>
                {kind === "share"
                  ? "—"
                  : formatPercentile(
                      kind === "count" ? "number" : kind,
                      r.p90,
                      r.approximate === true,
                      ctx.lang,
                    )}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function Filters({ ctx, query, problems, names }: Omit<KpiPageProps, "dashboard">) {
  const err = (path: string) => problemFor(problems, path, ctx.lang);
  const select = (id: string, label: string, value: string, options: Array<[string, string]>) => (
    <div class={err(id) ? "field field--error" : "field"}>
      <label for={id}>{label}</label>
      {err(id) ? (
        <p class="field__error" id={`${id}-error`}>
          {err(id)}
        </p>
      ) : null}
      <select id={id} name={id} aria-describedby={err(id) ? `${id}-error` : undefined}>
        {options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const date = (id: "from" | "to", label: string, value: string) => (
    <div class={err(id) ? "field field--error" : "field"}>
      <label for={id}>{label}</label>
      {err(id) ? (
        <p class="field__error" id={`${id}-error`}>
          {err(id)}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="date"
        value={value}
        aria-describedby={err(id) ? `${id}-error` : undefined}
        aria-invalid={err(id) ? "true" : undefined}
      />
    </div>
  );
  return (
    <form method="get" action="/kpi" class="kpi-filters">
      {select("office", L(ctx, "庁舎", "Office"), query.officeCode, [
        ["", L(ctx, "すべての庁舎", "All offices")],
        ...names.offices.map((o): [string, string] => [o.code, ctx.lang === "ja" ? o.nameJa : o.nameEn]),
      ])}
      {date("from", L(ctx, "開始日", "From"), query.from)}
      {date("to", L(ctx, "終了日", "To"), query.to)}
      {select(
        "kpi",
        L(ctx, "グラフにする指標", "KPI to chart"),
        query.kpi,
        kpiDefinitions.map((d) => [d.id, d.label[ctx.lang]]),
      )}
      {select(
        "granularity",
        L(ctx, "推移の単位", "Trend by"),
        query.granularity,
        granularities.map((g) => [g, granularityLabels[g][ctx.lang]]),
      )}
      {select(
        "by",
        L(ctx, "内訳", "Breakdown"),
        query.by,
        dimensions.map((d) => [d, dimensionLabels[d][ctx.lang]]),
      )}
      <button class="button" type="submit">
        {L(ctx, "表示する", "Show")}
      </button>
    </form>
  );
}

export function KpiDashboardPage(props: KpiPageProps) {
  const { ctx, query, problems, names, dashboard } = props;
  const selected = kpiDefinition(query.kpi);
  const by = selected.dimensions.includes(query.by) ? query.by : "office";
  const label = (groupBy: Parameters<typeof keyLabel>[0]) => (key: string) =>
    keyLabel(groupBy, key, names, ctx.lang);
  const bars = (rows: KpiFigures[], groupBy: Parameters<typeof keyLabel>[0]) =>
    rows.map((r) => ({
      label: keyLabel(groupBy, r.key, names, ctx.lang),
      value: chartValue(selected, r),
      display: formatValue(selected.kind, chartValue(selected, r), ctx.lang),
    }));
  const qs = queryString(query);
  return (
    <>
      <link rel="stylesheet" href="/kpi/kpi.css" />
      <h1>{L(ctx, "窓口の指標（KPI）", "Counter KPIs")}</h1>
      <ErrorSummary problems={problems} t={ctx.t} lang={ctx.lang} />
      <Filters ctx={ctx} query={query} problems={problems} names={names} />
      {dashboard === null ? (
        <p class="notice" data-testid="kpi-no-figures">
          {L(
            ctx,
            "条件を直してから「表示する」を押してください。指標はまだ表示していません。",
            "Correct the filters and press Show. No figures are shown yet.",
          )}
        </p>
      ) : (
        <>
          <p class="lead" data-testid="kpi-period">
            {L(ctx, "期間", "Period")}: {formatDeadline(query.from, ctx.lang)} 〜{" "}
            {formatDeadline(query.to, ctx.lang)}
          </p>
          <section aria-labelledby="kpi-live-title" class="kpi-live">
            <h2 id="kpi-live-title">
              {L(ctx, "本日の状況", "Today")} ({formatDeadline(dashboard.today, ctx.lang)})
            </h2>
            <dl class="summary-list" data-testid="kpi-live">
              <dt>{L(ctx, "いま待っている人", "Waiting now")}</dt>
              <dd data-live="waiting">{dashboard.live.waiting}</dd>
              <dt>{L(ctx, "対応中", "Being served")}</dt>
              <dd data-live="in-service">{dashboard.live.inService}</dd>
              <dt>{L(ctx, "開いている窓口", "Counters open")}</dt>
              <dd data-live="counters-open">{dashboard.live.countersOpen}</dd>
              <dt>{L(ctx, "本日の平均待ち時間", "Average wait today")}</dt>
              <dd data-live="mean-wait">
                {formatValue("duration", dashboard.live.meanWaitSeconds, ctx.lang)}
              </dd>
              <dt>{L(ctx, "本日の終了・不在", "Done / no-shows today")}</dt>
              <dd>
                {dashboard.live.done} / {dashboard.live.absent}
              </dd>
            </dl>
          </section>
          <section aria-labelledby="kpi-summary-title">
            <h2 id="kpi-summary-title">{L(ctx, "指標の一覧と目標", "KPIs and targets")}</h2>
            <table class="kpi-table" data-testid="kpi-summary">
              <caption>
                {L(
                  ctx,
                  `期間内の件数・平均・中央値・90パーセンタイル。目標は${dashboard.fiscalYear}年度（4月〜3月）の計画値との比較。「≈」のついた時間の中央値・90パーセンタイルは、件数が多いため15秒〜5分刻みの集計から求めた近似値です（正確な値はCSVで）。`,
                  `Count, mean, median and 90th percentile in the period; targets compare FY${dashboard.fiscalYear} (April–March) with the plan. Medians and 90th percentiles of times marked "≈" come from 15-second to 5-minute buckets, there being many values (the CSV gives exact figures).`,
                )}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{L(ctx, "指標", "KPI")}</th>
                  <th scope="col">{L(ctx, "件数", "Count")}</th>
                  <th scope="col">{L(ctx, "平均・割合", "Mean / share")}</th>
                  <th scope="col">{L(ctx, "中央値", "Median")}</th>
                  <th scope="col">{L(ctx, "90パーセンタイル", "90th percentile")}</th>
                  <th scope="col">{L(ctx, "今年度の目標", "This fiscal year's target")}</th>
                  <th scope="col">CSV</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.summary.map((row) => {
                  const k = row.definition.kind;
                  const f = row.figures;
                  const numeric = k === "count" ? "number" : k;
                  return (
                    <tr data-kpi={row.definition.id}>
                      <th scope="row">
                        {row.definition.label[ctx.lang]}
                        <br />
                        <small>{row.definition.definition[ctx.lang]}</small>
                      </th>
                      <td data-count>{f.count}</td>
                      <td data-mean>
                        {k === "count" ? String(f.count) : formatValue(numeric, f.mean, ctx.lang)}
                        {k === "share" && f.count > 0 ? ` (${Math.round(f.sum)})` : ""}
                      </td>
                      <td>
                        {k === "share" || k === "count"
                          ? "—"
                          : formatPercentile(numeric, f.median, f.approximate === true, ctx.lang)}
                      </td>
                      <td>
                        {k === "share" || k === "count"
                          ? "—"
                          : formatPercentile(numeric, f.p90, f.approximate === true, ctx.lang)}
                      </td>
                      <td>
                        <TargetCell ctx={ctx} results={row.targets} kind={k} />
                      </td>
                      <td>
                        <a
                          href={`/kpi/export.csv?${queryString({ ...query, kpi: row.definition.id }, { group: "month" })}`}
                        >
                          {L(ctx, "月別CSV", "Monthly CSV")}
                          <span class="visually-hidden">（{row.definition.label[ctx.lang]}）</span>
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="kpi-trend-title">
            <h2 id="kpi-trend-title">
              {selected.label[ctx.lang]}: {granularityLabels[query.granularity][ctx.lang]}
            </h2>
            <p>{selected.definition[ctx.lang]}</p>
            <div class="kpi-chart-pair">
              <ColumnChart
                id="kpi-trend-chart"
                title={`${selected.label[ctx.lang]} ${granularityLabels[query.granularity][ctx.lang]}`}
                bars={bars(dashboard.trend, query.granularity)}
              />
              <FiguresTable
                ctx={ctx}
                id="kpi-trend-table"
                caption={L(ctx, "グラフの数値", "The chart's figures")}
                rows={dashboard.trend}
                labelOf={label(query.granularity)}
                kind={selected.kind}
              />
            </div>
          </section>
          <section aria-labelledby="kpi-breakdown-title">
            <h2 id="kpi-breakdown-title">
              {selected.label[ctx.lang]}: {dimensionLabels[by][ctx.lang]}
            </h2>
            <div class="kpi-chart-pair">
              <BarChart
                id="kpi-breakdown-chart"
                title={`${selected.label[ctx.lang]} ${dimensionLabels[by][ctx.lang]}`}
                bars={bars(dashboard.breakdown, by)}
              />
              <FiguresTable
                ctx={ctx}
                id="kpi-breakdown-table"
                caption={L(ctx, "グラフの数値", "The chart's figures")}
                rows={dashboard.breakdown}
                labelOf={label(by)}
                kind={selected.kind}
              />
            </div>
          </section>
          <section aria-labelledby="kpi-export-title">
            <h2 id="kpi-export-title">{L(ctx, "データの書き出し", "Exports")}</h2>
            <ul>
              <li>
                <a href={`/kpi/export.csv?${qs}&group=${query.granularity}`}>
                  {L(ctx, "この指標の推移（CSV、Excel用）", "This KPI's trend (CSV for Excel)")}
                </a>{" "}
                /{" "}
                <a href={`/kpi/export.csv?${qs}&group=${query.granularity}&encoding=utf8`}>
                  {L(ctx, "BOMなしUTF-8", "plain UTF-8")}
                </a>
              </li>
              <li>
                <a href={`/kpi/export.csv?${qs}&group=${by}`}>
                  {L(ctx, "この指標の内訳（CSV、Excel用）", "This KPI's breakdown (CSV for Excel)")}
                </a>
              </li>
              <li>
                <a href={`/kpi/open-data.csv?fy=${dashboard.fiscalYear}&encoding=utf8`}>
                  {L(
                    ctx,
                    `オープンデータ（${dashboard.fiscalYear}年度、庁舎別・月別の集計値のみ）`,
                    `Open data (FY${dashboard.fiscalYear}, aggregates per office and month only)`,
                  )}
                </a>
              </li>
            </ul>
            <p>
              {L(ctx, "列の説明は docs/kpi.md にあります。", "The columns are described in docs/kpi.md.")}
            </p>
          </section>
        </>
      )}
    </>
  );
}
