import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { localRegistry } from "./local-registry";
import { rareKanjiHouseholds, writeRows } from "./registry.test-support";
import { rekeyRegistry } from "./rekey-registry";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await writeRows(database.db, "kumamoto", rareKanjiHouseholds());
});

afterAll(async () => {
  await database?.destroy();
});

const versions = async (): Promise<number | undefined> => {
  const result = await database.db.execute(sql`select sum(version)::int as n from registry_residents`);
  return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n;
};

describe("rekeyRegistry", () => {
  it("recomputes stale keys in batches from the registered names, and leaves current ones alone", async () => {
    const registry = localRegistry(database);
    const total = (await registry.search("kumamoto", { name: "た", match: "partial" })).residents.length;
    // Keys as an older version of name-key.ts made them: 髙 not folded, no three-character pieces.
    await database.db.execute(
      sql`update registry_residents set name_key = name, search_grams = array[]::text[] where name like '髙%'`,
    );
    expect((await registry.search("kumamoto", { name: "高橋" })).residents).toEqual([
      expect.objectContaining({ name: "高橋\u3000次郎" }),
    ]);
    const before = await versions();
    const progress: number[] = [];
    const result = await rekeyRegistry({
      db: database.db,
      municipalityId: "kumamoto",
      batchSize: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toEqual({ checked: 6, rekeyed: 3 });
    expect(progress).toEqual([2, 4, 6]);
    expect((await registry.search("kumamoto", { name: "高橋" })).residents).toHaveLength(4);
    expect(
      (await registry.search("kumamoto", { name: "たかはし", match: "partial" })).residents,
    ).toHaveLength(4);
    expect((await registry.search("kumamoto", { name: "た", match: "partial" })).residents).toHaveLength(
      total,
    );
    expect(await versions()).toBe(before);
    expect(await rekeyRegistry({ db: database.db, municipalityId: "kumamoto" })).toEqual({
      checked: 6,
      rekeyed: 0,
    });
    expect(await rekeyRegistry({ db: database.db, municipalityId: "yatsushiro" })).toEqual({
      checked: 0,
      rekeyed: 0,
    });
  });
});
