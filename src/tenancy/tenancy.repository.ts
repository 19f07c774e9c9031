import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { counters, departments, municipalities, offices } from "./tenancy.table";

export type Municipality = typeof municipalities.$inferSelect;
export type Office = typeof offices.$inferSelect;
export type Counter = typeof counters.$inferSelect;
export type Department = typeof departments.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a UUID cannot exist: answer "not found" without asking the database to fail. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Every read is scoped by municipality: a row of another tenant is indistinguishable from no row. */
export function tenancyRepository(db: DbOrTx) {
  return {
    async getMunicipality(id: string): Promise<Municipality | undefined> {
      const rows = await db.select().from(municipalities).where(eq(municipalities.id, id));
      return rows[0];
    },
    listOffices(municipalityId: string): Promise<Office[]> {
      return db
        .select()
        .from(offices)
        .where(eq(offices.municipalityId, municipalityId))
        .orderBy(asc(offices.sortOrder), asc(offices.code));
    },
    async findOffice(municipalityId: string, officeId: string): Promise<Office | undefined> {
      if (!isUuid(officeId)) return undefined;
      const rows = await db
        .select()
        .from(offices)
        .where(and(eq(offices.municipalityId, municipalityId), eq(offices.id, officeId)));
      return rows[0];
    },
    async findOfficeByCode(municipalityId: string, code: string): Promise<Office | undefined> {
      const rows = await db
        .select()
        .from(offices)
        .where(and(eq(offices.municipalityId, municipalityId), eq(offices.code, code)));
      return rows[0];
    },
    listCounters(municipalityId: string, officeId: string): Promise<Counter[]> {
      return db
        .select()
        .from(counters)
        .where(and(eq(counters.municipalityId, municipalityId), eq(counters.officeId, officeId)))
        .orderBy(asc(counters.number));
    },
    async findCounter(municipalityId: string, counterId: string): Promise<Counter | undefined> {
      if (!isUuid(counterId)) return undefined;
      const rows = await db
        .select()
        .from(counters)
        .where(and(eq(counters.municipalityId, municipalityId), eq(counters.id, counterId)));
      return rows[0];
    },
    listDepartments(municipalityId: string): Promise<Department[]> {
      return db
        .select()
        .from(departments)
        .where(eq(departments.municipalityId, municipalityId))
        .orderBy(asc(departments.sortOrder));
    },
  };
}
