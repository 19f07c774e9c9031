import { z } from "zod";
import { CatalogError, type CatalogIssue, formatIssuePath } from "./catalog.errors";
import { type Catalog, issuesOf } from "./load-catalog";
import { localeCodeSchema, localeMapSchema } from "./locale-map.schema";
import { type BodyPlace, type PlaceDirectory, placeDirectorySchema } from "./place.schema";
import { type ProcedureEntry, procedureEntrySchema, type Text } from "./procedure.schema";
import type { Department } from "./vocabulary";

/** Departments a municipality labels itself; `external` is labelled by each procedure's body. */
export type OwnDepartment = Exclude<Department, "external">;

/**
 * What one municipality changes over the national baseline. The catalogue's rules are national
 * law and stay as they are; a municipality only chooses labels, what its counter takes, its own
 * child-medical age limit, and extra local procedures listed after the catalogue.
 */
export interface MunicipalitySettings {
  id: string;
  /** 全国地方公共団体コード (6 digits with check digit); null for the national baseline. */
  code: string | null;
  name: Text;
  /** 子ども医療費助成 covers members whose school grade is at most this (12 = high-school age). */
  childMedicalGradeLimit: number;
  /** Catalogue procedures this municipality does not take at its one-stop counter: shown as guidance. */
  guidanceOnly: string[];
  departmentLabels: Record<OwnDepartment, Text>;
  /** Local names for catalogue procedures, by id. */
  procedureNames: Record<string, Text>;
  localProcedures: ProcedureEntry[];
  languages?: string[] | undefined;
  /** Its offices' and outside bodies' addresses, phones and hours, for the guidance sheet. */
  places?: PlaceDirectory | undefined;
  /** Days its ordinance closes its offices beyond weekends, national holidays and 12/29–1/3 (ISO). */
  closedDates?: string[] | undefined;
  /**
   * How its counter prints the 戸籍 届書 (出生届, 婚姻届, 離婚届 …), A3 sheets in the 法務省様式: `A3`
   * (default), or `A4x2` — the 届書 and the part others write (出生証明書, 証人欄) on two A4 pages, for
   * offices whose printer has no A3.
   */
  kosekiPaper?: KosekiPaper | undefined;
  /** How many days a resident's pre-application (事前入力) stays usable at the counter (default 14). */
  preApplicationDays?: number | undefined;
}

export const kosekiPapers = ["A3", "A4x2"] as const;
export type KosekiPaper = (typeof kosekiPapers)[number];

const text = localeMapSchema;

/** Checks the 全国地方公共団体コード check digit (weights 6..2, modulus 11). */
export function isLocalGovernmentCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(code[i]) * (6 - i);
  return (11 - (sum % 11)) % 10 === Number(code[5]);
}

export const municipalitySettingsSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "not a municipality id"),
  code: z.string().refine(isLocalGovernmentCode, "not a valid 全国地方公共団体コード").nullable(),
  name: text,
  childMedicalGradeLimit: z.int().min(0).max(12),
  guidanceOnly: z.array(z.string()).default([]),
  departmentLabels: z.strictObject({
    resident: text,
    insurance: text,
    welfare: text,
    children: text,
    education: text,
    tax: text,
  }),
  procedureNames: z.record(z.string(), text).default({}),
  localProcedures: z.array(procedureEntrySchema).default([]),
  /**
   * The languages residents may choose on this municipality's pages (kiosk, ticket, phone page,
   * survey, sheets), in the order shown; Japanese is always offered. Absent: every language with a
   * catalogue folder.
   */
  languages: z.array(localeCodeSchema).min(1).optional(),
  /**
   * Where residents go for what the one-stop counter does not take (src/catalog/place.schema.ts).
   * When given, every `external` procedure must have its body, so no sheet names a place without
   * its address, phone and hours.
   */
  places: placeDirectorySchema.optional(),
  closedDates: z.array(z.iso.date()).optional(),
  kosekiPaper: z.enum(kosekiPapers).default("A3"),
  preApplicationDays: z.int().min(1).max(90).default(14),
});

export type MunicipalitySettingsInput = z.input<typeof municipalitySettingsSchema>;

/**
 * Validates settings and checks them against the catalogue: every id they name must exist, and a
 * local procedure must not reuse a catalogue id. All problems are reported together.
 */
export function checkSettings(raw: unknown, catalog: Catalog, file: string): MunicipalitySettings {
  const parsed = municipalitySettingsSchema.safeParse(raw);
  if (!parsed.success) throw new CatalogError("settings.invalid", file, issuesOf(parsed.error, ""));
  const settings = parsed.data;
  const issues: CatalogIssue[] = [];
  const localIds = new Set<string>();
  settings.localProcedures.forEach((entry, index) => {
    const label = `localProcedures[${index}] "${entry.id}"`;
    if (catalog.byId.has(entry.id) || localIds.has(entry.id)) {
      issues.push({ entry: label, path: "id", message: `procedure id "${entry.id}" is already taken` });
    }
    localIds.add(entry.id);
  });
  const known = (id: string) => catalog.byId.has(id) || localIds.has(id);
  settings.guidanceOnly.forEach((id, index) => {
    if (!known(id)) {
      issues.push({
        entry: "",
        path: formatIssuePath(["guidanceOnly", index]),
        message: `unknown procedure "${id}"`,
      });
    }
  });
  for (const id of Object.keys(settings.procedureNames)) {
    if (!known(id)) {
      issues.push({ entry: "", path: `procedureNames.${id}`, message: `unknown procedure "${id}"` });
    }
  }
  if (settings.places) {
    for (const id of Object.keys(settings.places.procedureBodies)) {
      if (!known(id))
        issues.push({
          entry: "",
          path: `places.procedureBodies.${id}`,
          message: `unknown procedure "${id}"`,
        });
    }
    const all = [...catalog.procedures, ...settings.localProcedures];
    for (const entry of all.filter((e) => e.department === "external" && !e.ownBody)) {
      if (!(entry.id in settings.places.procedureBodies))
        issues.push({
          entry: "",
          path: `places.procedureBodies.${entry.id}`,
          message: `no place for the outside procedure "${entry.id}"`,
        });
    }
  }
  if (issues.length > 0) throw new CatalogError("settings.invalid", file, issues);
  return settings;
}

/**
 * The body that takes an `external` procedure for residents served at `officeCode` (each ward may have
 * its own pension office), from the municipality's places; undefined where it lists none.
 */
export function bodyFor(
  settings: MunicipalitySettings,
  procedureId: string,
  officeCode?: string,
): BodyPlace | undefined {
  const places = settings.places;
  const chosen = places?.procedureBodies[procedureId];
  if (!places || chosen === undefined) return undefined;
  const key =
    typeof chosen === "string"
      ? chosen
      : ((officeCode !== undefined ? chosen[officeCode] : undefined) ?? chosen["*"]);
  return key !== undefined ? places.bodies[key] : undefined;
}

/** The label a resident sees for where a procedure is handled. */
export function departmentLabel(settings: MunicipalitySettings, entry: ProcedureEntry): Text {
  if (entry.department === "external")
    return bodyFor(settings, entry.id)?.name ?? entry.body ?? { ja: "関係機関", en: "Outside body" };
  return settings.departmentLabels[entry.department];
}
