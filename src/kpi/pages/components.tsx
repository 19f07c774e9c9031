import type { Child } from "hono/jsx";
import { formatWareki } from "../../shared/dates";
import { type LocaleMap, pickLabel } from "../../shared/locale";
import { DateField, type Option, problemFor, SelectField } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import { TableScroll } from "../../web/components/table-scroll";
import { LOCALE_CODES, type Translate } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import { dimensions, granularities, type KpiFigures, type KpiKind } from "../kpi";
import type { GroupView, KpiPageView, Label, TargetView } from "../kpi.presenters";

// The dashboard's widgets and the one place its numbers and names become text in the reader's language.

/** A label as plain text in the reader's language (for charts, CSV cells and titles). */
export function labelText(label: Label, t: Translate): string {
  if ("message" in label) return t.message(label.message);
  if ("name" in label) return pickLabel(label.name, t.locale).text;
  return label.text;
}

/** A label in a page: a name from data is marked lang="ja" where it falls back to Japanese. */
export function LabelText({ label, ctx }: { label: Label; ctx: PageContext }) {
  return "name" in label ? <Local map={label.name} ctx={ctx} /> : labelText(label, ctx.t);
}

/** A value as the page shows it: minutes for durations, a percentage for shares, else the number. */
export function formatValue(kind: KpiKind, value: number | null, t: Translate): string {
  if (value === null) return "—";
  if (kind === "duration") return t("kpi.unitValue", { value: (value / 60).toFixed(1), unit: "minutes" });
  if (kind === "share") return t("kpi.unitValue", { value: (value * 100).toFixed(1), unit: "percent" });
  if (kind === "count") return String(Math.round(value));
  return value.toFixed(2);
}

/** A median or p90 as shown: "≈" before one placed within its duration bucket (docs/kpi.md, Precision). */
export function formatPercentile(
  kind: KpiKind,
  value: number | null,
  approximate: boolean,
  t: Translate,
): string {
  const shown = formatValue(kind, value, t);
  return approximate && value !== null ? `≈${shown}` : shown;
}

/** A date of the period: western with the weekday, and the 和暦 beside it. */
export const formatDate = (iso: string, t: Translate): string =>
  t("kpi.date", { date: new Date(`${iso}T00:00:00Z`), wareki: formatWareki(iso) });

function localOption(value: string, map: LocaleMap, ctx: PageContext): Option {
  const { text, lang } = pickLabel(map, ctx.lang);
  return lang === ctx.lang ? { value, label: text } : { value, label: text, lang };
}

/** What each column of the summary means, on the page itself. */
export function ColumnsHelp({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="kpi-columns-title" class="kpi-columns" data-testid="kpi-columns">
      <h3 id="kpi-columns-title">{t("kpi.columnsTitle")}</h3>
      <dl class="summary-list">
        <dt>{t("kpi.colCount")}</dt>
        <dd>{t("kpi.colCountHelp")}</dd>
        <dt>{t("kpi.colMeanShare")}</dt>
        <dd>{t("kpi.colMeanShareHelp")}</dd>
        <dt>{t("kpi.colMedian")}</dt>
        <dd>{t("kpi.colMedianHelp")}</dd>
        <dt>{t("kpi.colP90")}</dt>
        <dd>{t("kpi.colP90Help")}</dd>
        <dt>{t("kpi.colTarget")}</dt>
        <dd>{t("kpi.colTargetHelp")}</dd>
        <dt>≈</dt>
        <dd>{t("kpi.approximateHelp")}</dd>
      </dl>
    </section>
  );
}

export function TargetCell({ ctx, targets }: { ctx: PageContext; targets: TargetView[] }) {
  const { t } = ctx;
  if (targets.length === 0) return <span>{t("kpi.noTarget")}</span>;
  const verdict = (met: boolean | null) => {
    if (met === null) return t("kpi.targetNoData");
    return met ? t("kpi.targetMet") : t("kpi.targetNotMet");
  };
  return (
    <ul class="kpi-targets">
      {targets.map((r) => {
        const goal = t("kpi.unitValue", { value: r.goal, unit: r.unit });
        const actual = r.actual === null ? "—" : t("kpi.unitValue", { value: r.actual, unit: r.unit });
        return (
          <li data-target={r.kpi} data-met={r.met === null ? "none" : String(r.met)}>
            {t("kpi.targetGoal", { fy: r.fiscalYear, goal, direction: r.direction })}
            {r.proRated
              ? t("kpi.targetProRated", {
                  percent: r.proRated.percent,
                  goal: t("kpi.unitValue", { value: r.proRated.goal, unit: r.unit }),
                })
              : ""}
            {r.scope.length > 0
              ? t("kpi.targetScope", {
                  scope: r.scope.map((l) => labelText(l, t)).join(t("kpi.scopeSeparator")),
                })
              : ""}
            : {t("kpi.targetActual")} {actual} <strong>{verdict(r.met)}</strong>
          </li>
        );
      })}
    </ul>
  );
}

/** The numbers of a chart as a table: count, sum (or number), mean (or share), median and p90 per group. */
export function FiguresTable({
  ctx,
  id,
  titleId,
  rows,
  kind,
}: {
  ctx: PageContext;
  id: string;
  /** The heading of the section the table belongs to: with the caption, it names the scrolling box. */
  titleId?: string;
  rows: GroupView[];
  kind: KpiKind;
}) {
  const { t } = ctx;
  const numeric = kind === "count" ? "number" : kind;
  const percentile = (f: KpiFigures, value: number | null) =>
    kind === "share" ? "—" : formatPercentile(numeric, value, f.approximate === true, t);
  return (
    <TableScroll labelledBy={[titleId, `${id}-caption`].filter(Boolean).join(" ")}>
      <table id={id} class="kpi-table">
        <caption id={`${id}-caption`}>{t("kpi.chartFigures")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("kpi.colGroup")}</th>
            <th scope="col">{t("kpi.colCount")}</th>
            <th scope="col">{kind === "share" ? t("kpi.colNumber") : t("kpi.colSum")}</th>
            <th scope="col">{kind === "share" ? t("kpi.colShare") : t("kpi.colMean")}</th>
            <th scope="col">{t("kpi.colMedian")}</th>
            <th scope="col">{t("kpi.colP90")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colspan={6}>{t("kpi.noData")}</td>
            </tr>
          ) : (
            rows.map(({ key, label, figures: f }) => (
              <tr data-key={key}>
                <th scope="row">
                  <LabelText label={label} ctx={ctx} />
                </th>
                <td data-count>{f.count}</td>
                <td>
                  {kind === "duration" ? formatValue(kind, f.sum, t) : String(Math.round(f.sum * 100) / 100)}
                </td>
                <td data-mean>{formatValue(numeric, f.mean, t)}</td>
                <td>{percentile(f, f.median)}</td>
                <td>{percentile(f, f.p90)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The filters, a GET form that works without JavaScript; each problem beside its field. */
export function KpiFilters({ ctx, view }: { ctx: PageContext; view: KpiPageView }) {
  const { t } = ctx;
  const q = view.query;
  const error = (path: string) => problemFor(view.problems, path, t);
  return (
    <form method="get" action="/kpi" class="kpi-filters">
      <SelectField
        id="office"
        label={t("kpi.filterOffice")}
        value={q.officeCode}
        error={error("office")}
        options={[
          { value: "", label: t("kpi.filterAllOffices") },
          ...view.offices.map((o) => localOption(o.code, o.name, ctx)),
        ]}
      />
      <DateField
        t={t}
        id="from"
        label={t("kpi.filterFrom")}
        value={q.typed.from ?? q.from}
        showRead={q.typed.from !== undefined}
        examples="recent"
        error={error("from")}
      />
      <DateField
        t={t}
        id="to"
        label={t("kpi.filterTo")}
        value={q.typed.to ?? q.to}
        showRead={q.typed.to !== undefined}
        examples="recent"
        error={error("to")}
      />
      <SelectField
        id="kpi"
        label={t("kpi.filterKpi")}
        value={q.kpi}
        error={error("kpi")}
        options={view.kpis.map((id) => ({ value: id, label: t(`kpi.metric.${id}`) }))}
      />
      <SelectField
        id="granularity"
        label={t("kpi.filterGranularity")}
        value={q.granularity}
        error={error("granularity")}
        options={granularities.map((g) => ({ value: g, label: t(`kpi.granularity.${g}`) }))}
      />
      <SelectField
        id="by"
        label={t("kpi.filterBy")}
        value={q.by}
        error={error("by")}
        options={dimensions.map((d) => ({ value: d, label: t(`kpi.dimension.${d}`) }))}
      />
      <button class="button" type="submit">
        {t("kpi.filterShow")}
      </button>
    </form>
  );
}

/** What a survey page knows of its request: the reader's language (all six offered) and the form token. */
export interface SurveyContext extends PublicContext {
  csrfToken: string;
}

/** The survey's frame: the resident layout with the language switch, and the survey's few styles. */
export function SurveyLayout({
  ctx,
  error,
  children,
}: {
  ctx: SurveyContext;
  error?: boolean;
  children: Child;
}) {
  return (
    <PublicLayout
      ctx={ctx}
      title={ctx.t("kpi.surveyTitle")}
      bodyClass="survey"
      languages={LOCALE_CODES}
      error={error === true}
    >
      <link rel="stylesheet" href="/survey/survey.css" />
      {children}
    </PublicLayout>
  );
}
