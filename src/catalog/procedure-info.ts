import type { Message } from "../shared/locale";
import { type Catalog, getCatalog } from "./load-catalog";
import { departmentLabel, type MunicipalitySettings } from "./municipality.schema";
import type { ProcedureEntry, Text } from "./procedure.schema";

/** What a page or a printed guidance sheet shows about one procedure of a plan. */
export interface ProcedureInfo {
  id: string;
  name: Text;
  easy: Text;
  /** Where to go: the municipality's department label, or the outside body's name (Japanese always, others where given). */
  place: Text;
  documents: Text[];
  legalBasis: string[];
}

/** A procedure of the catalogue or of the municipality's own list; undefined for an id neither has. */
export function procedureEntry(
  id: string,
  settings: MunicipalitySettings,
  catalog: Catalog = getCatalog(),
): ProcedureEntry | undefined {
  return catalog.byId.get(id) ?? settings.localProcedures.find((local) => local.id === id);
}

/**
 * What to say for a procedure whose deadline is counted from a day the household has not given yet
 * (葬祭費: "葬儀の翌日から2年" while the funeral date is unknown); undefined for any other.
 */
export function openDeadline(
  id: string,
  settings: MunicipalitySettings,
  catalog: Catalog = getCatalog(),
): Message | undefined {
  const entry = procedureEntry(id, settings, catalog);
  const rule = entry?.deadline;
  if (rule?.from !== "funeralDate") return undefined;
  const period =
    rule.kind === "years"
      ? { years: rule.years }
      : rule.kind === "months"
        ? { months: rule.months }
        : { days: rule.days };
  return { code: "guidance.deadlineAfterFuneral", params: { years: 0, months: 0, days: 0, ...period } };
}

/**
 * Looks up a plan item's procedure (catalogue or the municipality's local ones) with the
 * municipality's labels applied; undefined for an id neither knows.
 */
export function procedureInfo(
  id: string,
  settings: MunicipalitySettings,
  catalog: Catalog = getCatalog(),
): ProcedureInfo | undefined {
  const entry = procedureEntry(id, settings, catalog);
  if (!entry) return undefined;
  return {
    id,
    name: settings.procedureNames[id] ?? entry.name,
    easy: entry.easy,
    place: departmentLabel(settings, entry),
    documents: entry.documents,
    legalBasis: entry.legalBasis,
  };
}
