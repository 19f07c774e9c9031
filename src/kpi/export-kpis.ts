import type { DbOrTx } from "../db/database";
import { kpiCsvColumns, openDataColumns, toCsv } from "./csv";
import { fiscalYearRange, type GroupBy, type KpiId, kpiDefinition, kpiDefinitions } from "./kpi";
import { groupLabel, kpiLabel, type Label, unitOf } from "./kpi.presenters";
import { kpiRepository } from "./kpi.repository";
import { refreshTicketFacts } from "./refresh-ticket-facts";

export interface ExportKpiCsvOptions {
  municipalityId: string;
  kpi: KpiId;
  from: string;
  to: string;
  officeCode: string;
  groupBy: GroupBy;
  bom: boolean;
  /** A name in the reader's language (the route's translator): the KPI's and the groups' labels. */
  say: (label: Label) => string;
  now: Date;
}

/** One KPI over a period, one line per group, with the columns of `kpiCsvColumns`. */
export async function exportKpiCsv(db: DbOrTx, options: ExportKpiCsvOptions): Promise<string> {
  const repo = kpiRepository(db);
  await refreshTicketFacts(db, { municipalityId: options.municipalityId });
  const [offices, purposes] = await Promise.all([
    repo.offices(options.municipalityId),
    repo.purposes(options.municipalityId),
  ]);
  const officeId = offices.find((o) => o.code === options.officeCode)?.id;
  const definition = kpiDefinition(options.kpi);
  const kpiName = options.say(kpiLabel(options.kpi));
  const rows = await repo.figures(
    options.kpi,
    {
      municipalityId: options.municipalityId,
      from: options.from,
      to: options.to,
      officeId,
      now: options.now,
    },
    options.groupBy,
  );
  const names = { offices, purposes };
  return toCsv(
    kpiCsvColumns,
    rows.map((r) => [
      options.kpi,
      kpiName,
      options.from,
      options.to,
      options.officeCode,
      options.groupBy,
      r.key,
      options.say(groupLabel(options.groupBy, r.key, names)),
      r.count,
      r.sum,
      r.mean,
      r.median,
      r.p90,
      unitOf(definition.kind),
    ]),
    { bom: options.bom },
  );
}

export interface ExportOpenDataOptions {
  municipalityId: string;
  municipalityCode: string;
  fiscalYear: number;
  bom: boolean;
  /** A name in Japanese, the language of the published file (the route's Japanese translator). */
  sayInJapanese: (label: Label) => string;
  now: Date;
}

/**
 * The open-data file: every KPI per office and month of one fiscal year, as aggregates only. No row
 * names, describes or links to a person, a ticket or a visit; survey comments are never included.
 */
export async function exportOpenData(db: DbOrTx, options: ExportOpenDataOptions): Promise<string> {
  const repo = kpiRepository(db);
  await refreshTicketFacts(db, { municipalityId: options.municipalityId });
  const offices = await repo.offices(options.municipalityId);
  const kpiNames = new Map(kpiDefinitions.map((d) => [d.id, options.sayInJapanese(kpiLabel(d.id))]));
  const range = fiscalYearRange(options.fiscalYear);
  const rows: Array<Array<string | number | null>> = [];
  for (const office of offices) {
    for (const definition of kpiDefinitions) {
      const figures = await repo.figures(
        definition.id,
        { municipalityId: options.municipalityId, ...range, officeId: office.id, now: options.now },
        "month",
      );
      for (const f of figures)
        rows.push([
          options.municipalityCode,
          options.fiscalYear,
          f.key,
          office.code,
          office.name.ja,
          definition.id,
          kpiNames.get(definition.id) ?? definition.id,
          f.count,
          f.sum,
          f.mean,
          f.median,
          f.p90,
          unitOf(definition.kind),
        ]);
    }
  }
  return toCsv(openDataColumns, rows, { bom: options.bom });
}
