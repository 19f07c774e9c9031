import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { counters, departments, municipalities, offices } from "./tenancy.table";

export interface MunicipalitySeed {
  id: string;
  code: string;
  nameJa: string;
  nameEn: string;
  offices: Array<{
    code: string;
    kind: "ward" | "branch";
    nameJa: string;
    nameEn: string;
    oneStop: boolean;
    counters: Array<{
      number: number;
      labelJa: string;
      labelEn: string;
      department?: string;
      oneStop?: boolean;
    }>;
  }>;
  departments: Array<{ code: string; labelJa: string; labelEn: string }>;
}

/** Writes a municipality with its offices, departments and counters; rows that exist are left as they are. */
export async function seedMunicipality(db: DbOrTx, seed: MunicipalitySeed): Promise<void> {
  await db
    .insert(municipalities)
    .values({ id: seed.id, code: seed.code, nameJa: seed.nameJa, nameEn: seed.nameEn })
    .onConflictDoNothing();
  const departmentIds = new Map<string, string>();
  for (const [i, d] of seed.departments.entries()) {
    await db
      .insert(departments)
      .values({ municipalityId: seed.id, code: d.code, labelJa: d.labelJa, labelEn: d.labelEn, sortOrder: i })
      .onConflictDoNothing();
    const [row] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.municipalityId, seed.id), eq(departments.code, d.code)));
    if (row) departmentIds.set(d.code, row.id);
  }
  for (const [i, o] of seed.offices.entries()) {
    await db
      .insert(offices)
      .values({
        municipalityId: seed.id,
        code: o.code,
        kind: o.kind,
        nameJa: o.nameJa,
        nameEn: o.nameEn,
        oneStop: o.oneStop,
        sortOrder: i,
      })
      .onConflictDoNothing();
    const [office] = await db
      .select({ id: offices.id })
      .from(offices)
      .where(and(eq(offices.municipalityId, seed.id), eq(offices.code, o.code)));
    if (!office) continue;
    for (const c of o.counters) {
      await db
        .insert(counters)
        .values({
          municipalityId: seed.id,
          officeId: office.id,
          departmentId: c.department ? (departmentIds.get(c.department) ?? null) : null,
          number: c.number,
          labelJa: c.labelJa,
          labelEn: c.labelEn,
          oneStop: c.oneStop ?? false,
        })
        .onConflictDoNothing();
    }
  }
}
