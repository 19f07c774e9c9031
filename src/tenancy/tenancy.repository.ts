import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { counters, departments, municipalities, offices } from "./tenancy.table";

/**
 * The Japanese and English strings of a name map, for readers written before names were maps
 * (src/web/home.routes.tsx, test/http/pages.test.ts). New code reads `names` / `labels` with pickLabel.
 */
export interface JaEnNames {
  /** @deprecated read `names.ja`. */
  nameJa: string;
  /** @deprecated read `names` with pickLabel (English falls back to Japanese here). */
  nameEn: string;
}
export interface JaEnLabels {
  /** @deprecated read `labels.ja`. */
  labelJa: string;
  /** @deprecated read `labels` with pickLabel (English falls back to Japanese here). */
  labelEn: string;
}

export type Municipality = typeof municipalities.$inferSelect & JaEnNames;
export type Office = typeof offices.$inferSelect & JaEnNames;
export type Counter = typeof counters.$inferSelect & JaEnLabels;
export type Department = typeof departments.$inferSelect & JaEnLabels;

const named = <T extends { names: LocaleMap }>(row: T): T & JaEnNames => ({
  ...row,
  nameJa: row.names.ja,
  nameEn: row.names.en ?? row.names.ja,
});
const labelled = <T extends { labels: LocaleMap }>(row: T): T & JaEnLabels => ({
  ...row,
  labelJa: row.labels.ja,
  labelEn: row.labels.en ?? row.labels.ja,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a UUID cannot exist: answer "not found" without asking the database to fail. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Every read is scoped by municipality: a row of another tenant is indistinguishable from no row. */
export function tenancyRepository(db: DbOrTx) {
  return {
    async getMunicipality(id: string): Promise<Municipality | undefined> {
      const rows = await db.select().from(municipalities).where(eq(municipalities.id, id));
      return rows[0] && named(rows[0]);
    },
    async listOffices(municipalityId: string): Promise<Office[]> {
      const rows = await db
        .select()
        .from(offices)
        .where(eq(offices.municipalityId, municipalityId))
        .orderBy(asc(offices.sortOrder), asc(offices.code));
      return rows.map(named);
    },
    async findOffice(municipalityId: string, officeId: string): Promise<Office | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .select()
        .from(offices)
        .where(and(eq(offices.municipalityId, municipalityId), eq(offices.id, officeId)));
      return rows[0] && named(rows[0]);
    },
    async findOfficeByCode(municipalityId: string, code: string): Promise<Office | undefined> {
      const rows = await db
        .select()
        .from(offices)
        .where(and(eq(offices.municipalityId, municipalityId), eq(offices.code, code)));
      return rows[0] && named(rows[0]);
    },
    async listCounters(municipalityId: string, officeId: string): Promise<Counter[]> {
      const rows = await db
        .select()
        .from(counters)
        .where(and(eq(counters.municipalityId, municipalityId), eq(counters.officeId, officeId)))
        .orderBy(asc(counters.number));
      return rows.map(labelled);
    },
    async findCounter(municipalityId: string, counterId: string): Promise<Counter | undefined> {
      if (!isUuid(counterId)) return undefined;
      const rows = await db
        .select()
        .from(counters)
        .where(and(eq(counters.municipalityId, municipalityId), eq(counters.id, counterId)));
      return rows[0] && labelled(rows[0]);
    },
    async listDepartments(municipalityId: string): Promise<Department[]> {
      const rows = await db
        .select()
        .from(departments)
        .where(eq(departments.municipalityId, municipalityId))
        .orderBy(asc(departments.sortOrder));
      return rows.map(labelled);
    },
  };
}
