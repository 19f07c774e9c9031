import type { LocaleMap } from "../shared/locale";
import type { Counter, Office } from "./tenancy.repository";

/** An office as the office list shows it. */
export interface OfficeRow {
  id: string;
  names: LocaleMap;
  kind: "ward" | "branch";
  oneStop: boolean;
}

/** An office's page: its name and its counters. */
export interface OfficeView {
  names: LocaleMap;
  counters: Array<{ number: number; labels: LocaleMap; oneStop: boolean }>;
}

export const officeRows = (offices: readonly Office[]): OfficeRow[] =>
  offices.map((o) => ({ id: o.id, names: o.names, kind: o.kind, oneStop: o.oneStop }));

export const officeView = (office: Office, counters: readonly Counter[]): OfficeView => ({
  names: office.names,
  counters: counters.map((x) => ({ number: x.number, labels: x.labels, oneStop: x.oneStop })),
});
