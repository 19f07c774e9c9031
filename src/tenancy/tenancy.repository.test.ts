import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { staff } from "../auth/auth.table";
import { verifyPassword } from "../auth/password";
import { kumamotoSeed } from "./kumamoto.seed";
import { type MunicipalitySeed, seedMunicipality } from "./municipality-seed";
import { seedDemo } from "./seed-demo";
import { isUuid, tenancyRepository } from "./tenancy.repository";
import { counters, offices } from "./tenancy.table";

const other: MunicipalitySeed = {
  id: "other",
  code: "999999",
  names: { ja: "他市", en: "Other City" },
  departments: [{ code: "resident", labels: { ja: "市民課", en: "Citizens" } }],
  offices: [
    {
      code: "chuo",
      kind: "ward",
      names: { ja: "他市中央", en: "Other Central" },
      oneStop: true,
      counters: [{ number: 1, labels: { ja: "1番" }, department: "resident" }],
    },
  ],
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await seedMunicipality(database.db, other);
});
afterAll(async () => {
  await database?.destroy();
});

describe("the Kumamoto demo tenant", () => {
  it("has 5 ward offices with one-stop counters and 8 branches without", async () => {
    const list = await tenancyRepository(database.db).listOffices("kumamoto");
    expect(list.filter((o) => o.kind === "ward").map((o) => o.nameJa)).toEqual([
      "中央区役所",
      "東区役所",
      "西区役所",
      "南区役所",
      "北区役所",
    ]);
    expect(list.filter((o) => o.kind === "branch")).toHaveLength(8);
    expect(list.every((o) => o.oneStop === (o.kind === "ward"))).toBe(true);
  });

  it("names every office and one-stop counter in the resident languages, as residents read them on tickets", async () => {
    const repo = tenancyRepository(database.db);
    const list = await repo.listOffices("kumamoto");
    for (const o of list) expect(Object.keys(o.names), o.code).toEqual(["en", "ja", "ko", "vi", "zh-Hans"]);
    const chuo = list.find((o) => o.code === "chuo");
    expect(chuo?.names).toMatchObject({ ja: "中央区役所", en: "Chuo Ward Office", ko: "주오구청" });
    const counters = await repo.listCounters("kumamoto", chuo?.id ?? "");
    expect(counters[0]?.labels).toMatchObject({ ja: "ワンストップ窓口 1番", vi: "Quầy một cửa số 1" });
  });

  it("keeps the Japanese and English names derived from the map, English falling back to Japanese", async () => {
    const repo = tenancyRepository(database.db);
    const chuo = await repo.findOfficeByCode("kumamoto", "chuo");
    expect([chuo?.nameJa, chuo?.nameEn]).toEqual(["中央区役所", "Chuo Ward Office"]);
    const [counter] = await repo.listCounters("kumamoto", chuo?.id ?? "");
    expect([counter?.labelJa, counter?.labelEn]).toEqual(["ワンストップ窓口 1番", "One-stop counter 1"]);
    const others = await repo.findOfficeByCode("other", "chuo");
    const [japaneseOnly] = await repo.listCounters("other", others?.id ?? "");
    expect([japaneseOnly?.labelJa, japaneseOnly?.labelEn]).toEqual(["1番", "1番"]);
  });

  it("refuses a name without Japanese", async () => {
    const insert = (names: unknown) =>
      database.db
        .insert(offices)
        .values({ municipalityId: "other", code: "x", kind: "branch", names: names as { ja: string } });
    await expect(insert({ en: "No Japanese" })).rejects.toThrow();
    await expect(insert({ ja: "" })).rejects.toThrow();
  });

  it("gives each ward office its counters in number order, linked to departments", async () => {
    const repo = tenancyRepository(database.db);
    const chuo = await repo.findOfficeByCode("kumamoto", "chuo");
    if (!chuo) throw new Error("no chuo");
    const list = await repo.listCounters("kumamoto", chuo.id);
    expect(list.map((c) => c.number)).toEqual([1, 2, 3, 11, 21, 31]);
    const departments = await repo.listDepartments("kumamoto");
    const resident = departments.find((d) => d.code === "resident");
    expect(list.find((c) => c.number === 11)?.departmentId).toBe(resident?.id);
    expect(list.find((c) => c.number === 1)?.departmentId).toBeNull();
  });

  it("is seeded again without duplicates", async () => {
    await seedMunicipality(database.db, kumamotoSeed);
    expect(await tenancyRepository(database.db).listOffices("kumamoto")).toHaveLength(13);
    const rows = await database.db.select().from(counters).where(eq(counters.municipalityId, "kumamoto"));
    expect(rows).toHaveLength(5 * 6 + 8 * 2);
  });
});

describe("tenancyRepository", () => {
  it("never finds an office or counter of another municipality", async () => {
    const repo = tenancyRepository(database.db);
    const [otherOffice] = await database.db.select().from(offices).where(eq(offices.municipalityId, "other"));
    const [otherCounter] = await database.db
      .select()
      .from(counters)
      .where(eq(counters.municipalityId, "other"));
    if (!otherOffice || !otherCounter) throw new Error("no data for the other municipality");
    expect(await repo.findOffice("other", otherOffice.id)).toBeDefined();
    expect(await repo.findOffice("kumamoto", otherOffice.id)).toBeUndefined();
    expect(await repo.findCounter("kumamoto", otherCounter.id)).toBeUndefined();
    expect(await repo.listCounters("kumamoto", otherOffice.id)).toEqual([]);
    expect((await repo.findOfficeByCode("other", "chuo"))?.nameEn).toBe("Other Central");
    expect((await repo.findOfficeByCode("kumamoto", "chuo"))?.nameEn).toBe("Chuo Ward Office");
  });

  it("lists only its own municipality's offices and departments", async () => {
    const repo = tenancyRepository(database.db);
    expect((await repo.listOffices("other")).map((o) => o.nameEn)).toEqual(["Other Central"]);
    expect((await repo.listDepartments("other")).map((d) => d.code)).toEqual(["resident"]);
  });

  it("answers an id that is not a UUID with not found instead of a database error", async () => {
    const repo = tenancyRepository(database.db);
    expect(await repo.findOffice("kumamoto", "not-a-uuid")).toBeUndefined();
    expect(await repo.findCounter("kumamoto", "1' or '1'='1")).toBeUndefined();
  });
});

describe("isUuid", () => {
  it.each([
    ["123e4567-e89b-12d3-a456-426614174000", true],
    ["123E4567-E89B-12D3-A456-426614174000", true],
    ["123e4567e89b12d3a456426614174000", false],
    ["123e4567-e89b-12d3-a456-42661417400", false],
    ["", false],
    ["../etc/passwd", false],
  ])("says %j is a UUID: %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe("seedDemo", () => {
  it("creates three demo accounts with random passwords once, and none on a second run", async () => {
    const accounts = await seedDemo(database.db);
    expect(accounts.map((a) => [a.username, a.role])).toEqual([
      ["kumamoto-counter", "counter"],
      ["kumamoto-supervisor", "supervisor"],
      ["kumamoto-admin", "admin"],
    ]);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(3);
    for (const account of accounts) {
      expect(account.password).toHaveLength(20);
      const [row] = await database.db.select().from(staff).where(eq(staff.username, account.username));
      expect(row && (await verifyPassword(row.passwordHash, account.password))).toBe(true);
    }
    expect(await seedDemo(database.db)).toEqual([]);
  });
});
