import type { Lang } from "../web/i18n";
import type { GroupBy, KpiDefinition, KpiFigures, KpiKind } from "./kpi";

export const eventLabels: Record<string, { ja: string; en: string }> = {
  "move-in": { ja: "転入", en: "Move-in" },
  "move-within": { ja: "転居（区内）", en: "Move within the ward" },
  "move-between-wards": { ja: "区間の異動", en: "Move between wards" },
  "move-out": { ja: "転出", en: "Move-out" },
  death: { ja: "おくやみ（死亡）", en: "Death" },
  birth: { ja: "出生", en: "Birth" },
  marriage: { ja: "婚姻", en: "Marriage" },
  divorce: { ja: "離婚", en: "Divorce" },
  "": { ja: "来庁記録なし", en: "No visit recorded" },
};

export interface Names {
  offices: Array<{ id: string; code: string; nameJa: string; nameEn: string }>;
  purposes: Array<{ id: string; code: string; labelJa: string; labelEn: string }>;
}

/** The label of a group key: an office or purpose name, an event, or the period as written. */
export function keyLabel(groupBy: GroupBy, key: string, names: Names, lang: Lang): string {
  if (groupBy === "office") {
    const o = names.offices.find((x) => x.id === key);
    return o ? (lang === "ja" ? o.nameJa : o.nameEn) : key;
  }
  if (groupBy === "purpose") {
    const p = names.purposes.find((x) => x.id === key);
    return p ? (lang === "ja" ? p.labelJa : p.labelEn) : lang === "ja" ? "用件なし" : "No purpose";
  }
  if (groupBy === "event") return eventLabels[key]?.[lang] ?? key;
  if (groupBy === "fy") return lang === "ja" ? `${key}年度` : `FY${key}`;
  if (groupBy === "week") return lang === "ja" ? `${key} の週` : `week of ${key}`;
  if (groupBy === "none") return lang === "ja" ? "全体" : "All";
  return key;
}

/** A value as the page shows it: minutes for durations, a percentage for shares, else the number. */
export function formatValue(kind: KpiKind, value: number | null, lang: Lang): string {
  if (value === null) return "—";
  if (kind === "duration") return `${(value / 60).toFixed(1)}${lang === "ja" ? "分" : " min"}`;
  if (kind === "share") return `${(value * 100).toFixed(1)}%`;
  if (kind === "count") return String(Math.round(value));
  return value.toFixed(2);
}

/** The one number a chart bar shows for a group. */
export function chartValue(definition: KpiDefinition, f: KpiFigures): number {
  if (definition.kind === "count") return f.count;
  return f.mean ?? 0;
}

export function unitOf(kind: KpiKind): string {
  if (kind === "duration") return "seconds";
  if (kind === "share") return "share (0-1)";
  if (kind === "count") return "cases";
  return "per case";
}

/** A median or p90 as shown: "≈" before one placed within its duration bucket (docs/kpi.md, Precision). */
export function formatPercentile(
  kind: KpiKind,
  value: number | null,
  approximate: boolean,
  lang: Lang,
): string {
  const shown = formatValue(kind, value, lang);
  return approximate && value !== null ? `≈${shown}` : shown;
}
