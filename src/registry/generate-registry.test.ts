import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { demoPersonaRows } from "./demo-personas";
import { generateRegistry, seedDemoRegistry } from "./generate-registry";
import { localRegistry } from "./local-registry";
import { registryRepository } from "./registry.repository";

let database: TestDatabase;
const options = { municipalityId: "kumamoto", seed: 3, residents: 1_500, asOf: "2026-04-06" };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
});

afterAll(async () => {
  await database?.destroy();
});

const scalar = async (query: ReturnType<typeof sql>): Promise<number> =>
  ((await database.db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? -1;

describe("generating the registry into the database", () => {
  it("writes the residents asked for, each household with exactly one head", async () => {
    const progress: number[] = [];
    const counts = await generateRegistry({
      db: database.db,
      ...options,
      onProgress: (done) => progress.push(done),
    });
    expect(counts).toEqual({ created: 1_500, updated: 0, unchanged: 0 });
    expect(progress.at(-1)).toBe(1_500);
    expect(await registryRepository(database.db).countResidents("kumamoto")).toBe(1_500);
    const headless = await scalar(sql`
      select count(*)::int as n from registry_households h
      where (select count(*) from registry_residents r where r.household_id = h.id and r.relation = 'head') <> 1`);
    expect(headless).toBe(0);
    // The 戸籍 and 在留 facts reach the database: foreign residents with a status, every Japanese
    // national with a 本籍, every household with a postal code.
    expect(
      await scalar(sql`select count(*)::int as n from registry_residents
        where nationality <> 'JP' and residence_status is not null and residence_card_number is not null`),
    ).toBeGreaterThan(5);
    expect(
      await scalar(sql`select count(*)::int as n from registry_residents
        where nationality = 'JP' and (honseki is null or hittousha is null)`),
    ).toBe(0);
    expect(
      await scalar(sql`select count(*)::int as n from registry_households where postal_code is null`),
    ).toBe(0);
  });

  it("changes nothing when run again with the same seed, size and date", async () => {
    const history = await scalar(sql`select count(*)::int as n from registry_resident_changes`);
    const counts = await generateRegistry({ db: database.db, ...options });
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 1_500 });
    expect(await scalar(sql`select count(*)::int as n from registry_resident_changes`)).toBe(history);
  });

  it("makes generated rare-kanji residents findable by their common form", async () => {
    const rare = await database.db.execute(
      sql`select name from registry_residents where name like '髙橋%' limit 1`,
    );
    const name = (rare as unknown as { rows: Array<{ name: string }> }).rows[0]?.name ?? "";
    expect(name).toMatch(/^髙橋/);
    const found = await localRegistry(database).search("kumamoto", { name: name.replace("髙", "高") });
    expect(found.residents.map((r) => r.name)).toContain(name);
  });

  it("seeds the demo registry on the first start only, with the personas of the counter's stories", async () => {
    expect(
      await seedDemoRegistry(database.db, { municipalityId: "kumamoto", residents: 500, asOf: "2026-04-06" }),
    ).toBe(0);
    const other = await createTestDatabase();
    try {
      await seedMunicipality(other.db, kumamotoSeed);
      expect(
        await seedDemoRegistry(other.db, { municipalityId: "kumamoto", residents: 500, asOf: "2026-04-06" }),
      ).toBe(500 + demoPersonaRows().length);
      const registry = localRegistry(other);
      const [kiyo] = (await registry.search("kumamoto", { name: "中村 キヨ", birthDate: "1938-03-12" }))
        .residents;
      expect(kiyo).toMatchObject({ ward: "南区", address: "近見五丁目35番24号" });
      const household = await registry.household("kumamoto", kiyo?.householdId ?? "");
      expect(household?.members).toHaveLength(1);
      expect(household?.postalCode).toBe("861-4101");
      expect(household?.members[0]).toMatchObject({
        honseki: "熊本県熊本市南区近見五丁目35番",
        hittousha: "中村\u3000義男",
      });
      const [an] = (await registry.search("kumamoto", { name: "NGUYEN VAN AN" })).residents;
      const family = await registry.household("kumamoto", an?.householdId ?? "");
      expect(family?.members.map((m) => [m.nationality, m.residenceStatus])).toEqual([
        ["VN", "技術・人文知識・国際業務"],
        ["VN", "家族滞在"],
        ["VN", "家族滞在"],
      ]);
      expect(
        await seedDemoRegistry(other.db, { municipalityId: "kumamoto", residents: 500, asOf: "2026-04-06" }),
      ).toBe(0);
      expect(
        await seedDemoRegistry(other.db, { municipalityId: "kumamoto", residents: 0, asOf: "2026-04-06" }),
      ).toBe(0);
    } finally {
      await other.destroy();
    }
  });
});
