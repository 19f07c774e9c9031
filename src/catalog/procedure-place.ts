import { type Catalog, getCatalog } from "./load-catalog";
import { bodyFor, type MunicipalitySettings } from "./municipality.schema";
import type { Text } from "./procedure.schema";
import { procedureEntry } from "./procedure-info";

/**
 * What kind of place it is, as residents are told: an office of the municipality (the ward office's
 * departments), another body of the municipality (its waterworks bureau, its animal centre), or a
 * body outside it (a national pension office).
 */
export type PlaceKind = "office" | "city" | "outside";

/** Where a resident goes for one procedure, with what the guidance sheet prints about it. */
export interface ProcedurePlace {
  /** One key per place a resident walks to, so the sheet can list a place's procedures together. */
  key: string;
  kind: PlaceKind;
  /** The office or the body ("中央区役所", "熊本市上下水道局"). */
  name: Text;
  /** The department inside the office ("保健子ども課"). */
  section?: Text | undefined;
  /** The counter or floor ("31番窓口", "お客さまセンター"). */
  counter?: Text | undefined;
  /** Absent only for a municipality that has not given its places (the national baseline). */
  address?: Text | undefined;
  /** Written as dialled: "096-328-2111". */
  phone?: string | undefined;
  hours?: Text | undefined;
}

/**
 * The place a procedure is done for a resident served at the office `officeCode` (the tenancy's
 * code: "chuo"): its own department at that office (or the municipality's main office when the
 * directory does not list it), or the body the municipality names for an `external` procedure.
 * Undefined for an id neither the catalogue nor the municipality knows.
 */
export function placeFor(
  procedureId: string,
  settings: MunicipalitySettings,
  officeCode?: string,
  catalog: Catalog = getCatalog(),
): ProcedurePlace | undefined {
  const entry = procedureEntry(procedureId, settings, catalog);
  if (!entry) return undefined;
  const places = settings.places;
  if (entry.department === "external") {
    const body = bodyFor(settings, procedureId, officeCode);
    if (!body)
      return {
        key: `body:${procedureId}`,
        kind: "outside",
        name: entry.body ?? { ja: "関係機関", en: "Outside body" },
      };
    const key = Object.entries(places?.bodies ?? {}).find(([, b]) => b === body)?.[0] ?? procedureId;
    return {
      key: `body:${key}`,
      kind: body.city ? "city" : "outside",
      name: body.name,
      counter: body.counter,
      address: body.address,
      phone: body.phone,
      hours: body.hours,
    };
  }
  const section = settings.departmentLabels[entry.department];
  if (!places) return { key: `department:${entry.department}`, kind: "office", name: section };
  const code = officeCode !== undefined && officeCode in places.offices ? officeCode : places.mainOffice;
  const office = places.offices[code];
  if (!office) return { key: `department:${entry.department}`, kind: "office", name: section };
  return {
    key: `office:${code}:${entry.department}`,
    kind: "office",
    name: office.name,
    section,
    counter: places.counters[entry.department],
    address: office.address,
    phone: office.phone,
    hours: office.hours,
  };
}

/** "096-381-1133" → "tel:+81-96-381-1133" (RFC 3966: the global form, hyphens as visual separators). */
export const telUri = (phone: string): string => `tel:+81-${phone.replace(/^0/, "")}`;
