import { eventTypeLabels } from "../catalog/vocabulary-labels";
import type { Problem } from "../shared/errors";
import type { LocaleMap, Message } from "../shared/locale";
import {
  type Dimension,
  type Granularity,
  type GroupBy,
  type KpiDefinition,
  type KpiFigures,
  type KpiId,
  type KpiKind,
  kpiDefinition,
  kpiIds,
} from "./kpi";
import type { LiveRow } from "./kpi.repository";
import type { KpiQuery } from "./kpi.schema";
import type { Dashboard, TargetResult } from "./load-dashboard";
import type { KpiTarget } from "./targets";

// View models for the dashboard and the exports: plain values, names as message codes or label maps.
// The pages (src/kpi/pages) and the routes turn them into text in the reader's language.

/** A name as shown: a catalogue message, a label from data in each of its languages, or text as it is (a date). */
export type Label = { message: Message } | { name: LocaleMap } | { text: string };

/** The offices and queue purposes the repository reads, each with its name in each language. */
export interface Names {
  offices: Array<{ id: string; code: string; name: LocaleMap }>;
  purposes: Array<{ id: string; code: string; name: LocaleMap }>;
}
const message = (code: string, params?: Message["params"]): Label => ({
  message: params ? { code, params } : { code },
});

/** A KPI's name (`kpi.metric.<id>`). */
export const kpiLabel = (id: KpiId): Label => message(`kpi.metric.${id}`);

const eventLabel = (key: string): Label | undefined =>
  Object.hasOwn(eventTypeLabels, key)
    ? { name: eventTypeLabels[key as keyof typeof eventTypeLabels] }
    : undefined;

/** The label of a group key: an office or purpose name, an event, or the period as written. */
export function groupLabel(groupBy: GroupBy, key: string, names: Names): Label {
  if (groupBy === "office") {
    const o = names.offices.find((x) => x.id === key);
    return o ? { name: o.name } : message("kpi.groupUnknownOffice");
  }
  if (groupBy === "purpose") {
    const p = names.purposes.find((x) => x.id === key);
    return p ? { name: p.name } : message("kpi.groupNoPurpose");
  }
  if (groupBy === "event")
    return key === "" ? message("kpi.groupNoEvent") : (eventLabel(key) ?? message("kpi.groupOtherEvent"));
  if (groupBy === "fy") return message("kpi.groupFiscalYear", { fy: key });
  if (groupBy === "week") return message("kpi.groupWeekOf", { date: key });
  if (groupBy === "none") return message("kpi.groupAll");
  return { text: key };
}

/** The one number a chart bar shows for a group. */
export function chartValue(definition: KpiDefinition, f: KpiFigures): number {
  if (definition.kind === "count") return f.count;
  return f.mean ?? 0;
}

/** The `unit` column of the CSV exports: a code documented in docs/kpi.md, the same in every language. */
export function unitOf(kind: KpiKind): string {
  if (kind === "duration") return "seconds";
  if (kind === "share") return "share (0-1)";
  if (kind === "count") return "cases";
  return "per case";
}

export interface TargetView {
  kpi: KpiId;
  fiscalYear: string;
  goal: string;
  unit: KpiTarget["unit"];
  direction: KpiTarget["direction"];
  /** A count's goal pro-rated to the part of the year elapsed, and that part in percent; null otherwise. */
  proRated: { goal: string; percent: string } | null;
  /** The office and event the target speaks of, by name (中央区役所, 転入); empty for the whole city. */
  scope: Label[];
  /** The fiscal year's figure so far, in the target's unit, as shown; null without a case. */
  actual: string | null;
  met: boolean | null;
}

export interface SummaryView {
  id: KpiId;
  kind: KpiKind;
  figures: KpiFigures;
  targets: TargetView[];
  /** The KPI's monthly CSV for the period. */
  csvHref: string;
}

export interface GroupView {
  key: string;
  label: Label;
  figures: KpiFigures;
  /** The bar's length. */
  value: number;
}

export interface DashboardView {
  fiscalYear: string;
  today: string;
  live: LiveRow;
  summary: SummaryView[];
  selected: { id: KpiId; kind: KpiKind; by: Dimension; granularity: Granularity };
  trend: GroupView[];
  breakdown: GroupView[];
  links: { trend: string; trendPlain: string; breakdown: string; openData: string };
}

export interface KpiPageView {
  query: KpiQuery;
  problems: Problem[];
  offices: Array<{ code: string; name: LocaleMap }>;
  kpis: readonly KpiId[];
  /** Null when the filters have problems: no figure is shown for an impossible filter. */
  dashboard: DashboardView | null;
}

/** The dashboard's query string, with extra parameters (a group, an encoding). */
export function queryString(q: KpiQuery, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    office: q.officeCode,
    from: q.from,
    to: q.to,
    kpi: q.kpi,
    by: q.by,
    granularity: q.granularity,
    ...extra,
  }).toString();
}

/** A target's office and event by name; a code the names do not know is shown as a generic label. */
function scopeLabels(scope: KpiTarget["scope"], names: Names): Label[] {
  const labels: Label[] = [];
  if (scope.officeCode) {
    const office = names.offices.find((o) => o.code === scope.officeCode);
    labels.push(office ? { name: office.name } : message("kpi.groupUnknownOffice"));
  }
  if (scope.eventType) labels.push(eventLabel(scope.eventType) ?? message("kpi.groupOtherEvent"));
  return labels;
}

function presentTarget(r: TargetResult, kind: KpiKind, names: Names): TargetView {
  return {
    kpi: r.target.kpi,
    fiscalYear: String(r.fiscalYear),
    goal: String(r.goal),
    unit: r.target.unit,
    direction: r.target.direction,
    proRated: r.share < 1 ? { goal: String(r.goalToDate), percent: String(Math.floor(r.share * 100)) } : null,
    scope: scopeLabels(r.target.scope, names),
    actual: r.actual === null ? null : r.actual.toFixed(kind === "count" ? 0 : 1),
    met: r.met,
  };
}

/** The dashboard page's view: the filters, and the figures when the filters are possible. */
export function presentKpiPage(
  query: KpiQuery,
  problems: Problem[],
  names: Names,
  dashboard: Dashboard | null,
): KpiPageView {
  return {
    query,
    problems,
    offices: names.offices.map((o) => ({ code: o.code, name: o.name })),
    kpis: kpiIds,
    dashboard: dashboard ? presentDashboard(query, names, dashboard) : null,
  };
}

function presentDashboard(query: KpiQuery, names: Names, dashboard: Dashboard): DashboardView {
  const selected = kpiDefinition(query.kpi);
  const by = selected.dimensions.includes(query.by) ? query.by : "office";
  const groups = (rows: KpiFigures[], groupBy: GroupBy): GroupView[] =>
    rows.map((f) => ({
      key: f.key,
      label: groupLabel(groupBy, f.key, names),
      figures: f,
      value: chartValue(selected, f),
    }));
  const qs = queryString(query);
  return {
    fiscalYear: String(dashboard.fiscalYear),
    today: dashboard.today,
    live: dashboard.live,
    summary: dashboard.summary.map((row) => ({
      id: row.definition.id,
      kind: row.definition.kind,
      figures: row.figures,
      targets: row.targets.map((r) => presentTarget(r, row.definition.kind, names)),
      csvHref: `/kpi/export.csv?${queryString({ ...query, kpi: row.definition.id }, { group: "month" })}`,
    })),
    selected: { id: selected.id, kind: selected.kind, by, granularity: query.granularity },
    trend: groups(dashboard.trend, query.granularity),
    breakdown: groups(dashboard.breakdown, by),
    links: {
      trend: `/kpi/export.csv?${qs}&group=${query.granularity}`,
      trendPlain: `/kpi/export.csv?${qs}&group=${query.granularity}&encoding=utf8`,
      breakdown: `/kpi/export.csv?${qs}&group=${by}`,
      openData: `/kpi/open-data.csv?fy=${dashboard.fiscalYear}&encoding=utf8`,
    },
  };
}
