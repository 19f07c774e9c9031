import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { counters, departments, municipalities, offices } from "./tenancy.table";

/**
 * A name in each language it has (`names`), or, from seeds written before names were maps, a Japanese
 * and an English name.
 */
export type SeedNames = { names: LocaleMap } | { nameJa: string; nameEn: string };
export type SeedLabels = { labels: LocaleMap } | { labelJa: string; labelEn: string };

export type MunicipalitySeed = SeedNames & {
  id: string;
  code: string;
  offices: Array<
    SeedNames & {
      code: string;
      kind: "ward" | "branch";
      oneStop: boolean;
      counters: Array<SeedLabels & { number: number; department?: string; oneStop?: boolean }>;
    }
  >;
  departments: Array<SeedLabels & { code: string }>;
};

export const seedNames = (x: SeedNames): LocaleMap =>
  "names" in x ? x.names : { ja: x.nameJa, en: x.nameEn };
export const seedLabels = (x: SeedLabels): LocaleMap =>
  "labels" in x ? x.labels : { ja: x.labelJa, en: x.labelEn };

/** Writes a municipality with its offices, departments and counters; rows that exist are left as they are. */
export async function seedMunicipality(db: DbOrTx, seed: MunicipalitySeed): Promise<void> {
  await db
    .insert(municipalities)
    .values({ id: seed.id, code: seed.code, names: seedNames(seed) })
    .onConflictDoNothing();
  const departmentIds = new Map<string, string>();
  for (const [i, d] of seed.departments.entries()) {
    await db
      .insert(departments)
      .values({ municipalityId: seed.id, code: d.code, labels: seedLabels(d), sortOrder: i })
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
        names: seedNames(o),
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
          labels: seedLabels(c),
          oneStop: c.oneStop ?? false,
        })
        .onConflictDoNothing();
    }
  }
}
