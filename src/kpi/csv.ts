// CSV as Excel and other tools read it: RFC 4180 quoting, CRLF line ends, and a byte-order mark
// for Excel (which otherwise reads UTF-8 as Shift_JIS). Bytes in, bytes out: no database here.

import { neutraliseFormula } from "../shared/csv-formula";

const BOM = "\uFEFF";

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text =
    typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value;
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it behind an apostrophe.
  const safe = typeof value === "string" ? neutraliseFormula(text) : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  options: { bom: boolean },
): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  return `${options.bom ? BOM : ""}${lines.join("\r\n")}\r\n`;
}

/** The columns of a KPI export, in order (docs/kpi.md describes each). */
export const kpiCsvColumns = [
  "kpi",
  "kpi_label",
  "period_from",
  "period_to",
  "office_code",
  "group_by",
  "group_key",
  "group_label",
  "count",
  "sum",
  "mean",
  "median",
  "p90",
  "unit",
] as const;

/** The columns of the open-data file: aggregates only, nothing about a person. */
export const openDataColumns = [
  "municipality_code",
  "fiscal_year",
  "month",
  "office_code",
  "office_name",
  "kpi",
  "kpi_label",
  "count",
  "sum",
  "mean",
  "median",
  "p90",
  "unit",
] as const;
