import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yatsushiroSeed } from "../../test/support/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { localRegistry } from "./local-registry";
import type { ResidentRegistryPort } from "./registry.port";
import { rareKanjiHouseholds, registryRow, writeRows } from "./registry.test-support";

let database: TestDatabase;
let registry: ResidentRegistryPort;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await seedMunicipality(database.db, yatsushiroSeed);
  await writeRows(database.db, "kumamoto", rareKanjiHouseholds());
  // The same names in another municipality, which Kumamoto must never see.
  await writeRows(database.db, "yatsushiro", [
    registryRow({
      residentNo: "R1",
      householdNo: "H1",
      name: "髙橋\u3000一郎",
      kana: "タカハシ\u3000イチロウ",
      ward: "",
      address: "本町1丁目1番1号",
    }),
  ]);
  registry = localRegistry(database);
});

afterAll(async () => {
  await database?.destroy();
});

const names = (result: { residents: Array<{ name: string }> }) => result.residents.map((r) => r.name);

describe("the local registry", () => {
  it("keeps registered names byte for byte: rare kanji, non-BMP characters and IVS sequences", async () => {
    const rows = await database.db.execute(
      sql`select name from registry_residents where municipality_id = 'kumamoto' order by resident_no`,
    );
    const stored = (rows as unknown as { rows: Array<{ name: string }> }).rows.map((r) => r.name);
    const expected = rareKanjiHouseholds().map((r) => r.name);
    expect(stored.map((s) => Buffer.from(s, "utf8").toString("hex"))).toEqual(
      expected.map((s) => Buffer.from(s, "utf8").toString("hex")),
    );
    const found = await registry.search("kumamoto", { name: "たかはし　か" });
    expect(Buffer.from(found.residents[0]?.name ?? "")).toEqual(Buffer.from("髙橋\u3000葛\u{E0100}子"));
  });

  it("finds rare kanji by their common forms, and by フリガナ in katakana, hiragana or half-width", async () => {
    // Name searches walk the folded key in code-point order: 一 < 次 < 葛 < 陽.
    expect(names(await registry.search("kumamoto", { name: "高橋" }))).toEqual([
      "髙橋\u3000一郎",
      "高橋\u3000次郎",
      "髙橋\u3000葛\u{E0100}子",
      "髙橋\u3000陽翔",
    ]);
    expect(names(await registry.search("kumamoto", { name: "たかはし" }))).toHaveLength(4);
    expect(names(await registry.search("kumamoto", { name: "ﾀｶﾊｼ ｲﾁ" }))).toEqual(["髙橋\u3000一郎"]);
    expect(names(await registry.search("kumamoto", { name: "山崎" }))).toEqual(["山﨑\u3000花子"]);
    expect(names(await registry.search("kumamoto", { name: "吉田 辺太" }))).toEqual([
      "\u{20BB7}田\u3000邉太",
    ]);
    expect(names(await registry.search("kumamoto", { name: "葛子", match: "partial" }))).toEqual([
      "髙橋\u3000葛\u{E0100}子",
    ]);
    expect(names(await registry.search("kumamoto", { name: "はると", match: "partial" }))).toEqual([
      "髙橋\u3000陽翔",
    ]);
    expect(names(await registry.search("kumamoto", { name: "はると" }))).toEqual([]);
    expect(names(await registry.search("kumamoto", { name: "翔", match: "partial" }))).toEqual([
      "髙橋\u3000陽翔",
    ]);
  });

  it("orders kana results by フリガナ and says when more matched than were returned", async () => {
    const result = await registry.search("kumamoto", { name: "タカハシ", limit: 2 });
    expect(result.residents.map((r) => r.kana)).toEqual(["タカハシ\u3000イチロウ", "タカハシ\u3000カツコ"]);
    expect(result.more).toBe(true);
  });

  it("searches by birth date, sex and address, and returns only what is needed to choose a person", async () => {
    const byDate = await registry.search("kumamoto", { birthDate: "1950-03-03" });
    expect(byDate.residents).toEqual([
      {
        id: expect.any(String),
        householdId: expect.any(String),
        name: "山﨑\u3000花子",
        kana: "ヤマサキ\u3000ハナコ",
        birthDate: "1950-03-03",
        sex: "female",
        ward: "東区",
        address: "健軍三丁目1番2号",
      },
    ]);
    expect(names(await registry.search("kumamoto", { ward: "北区", address: "植木町岩野123" }))).toEqual([
      "\u{20BB7}田\u3000邉太",
    ]);
    expect(names(await registry.search("kumamoto", { address: "水前寺6丁目", sex: "female" }))).toEqual([
      "髙橋\u3000葛\u{E0100}子",
    ]);
  });

  it("finds a card holder by the card's four attributes and says whether the address agrees", async () => {
    const card = { name: "高橋 一郎", birthDate: "1980-05-05", sex: "male" as const, ward: "中央区" };
    const same = await registry.findByCard("kumamoto", { ...card, address: "水前寺6丁目12-3" });
    expect(same.residents).toMatchObject([{ name: "髙橋\u3000一郎", addressMatches: true }]);
    const moved = await registry.findByCard("kumamoto", { ...card, address: "大江1丁目1番1号" });
    expect(moved.residents).toMatchObject([{ name: "髙橋\u3000一郎", addressMatches: false }]);
    expect(
      (await registry.findByCard("kumamoto", { ...card, sex: "female", address: "水前寺6-12-3" })).residents,
    ).toEqual([]);
  });

  it("never shows one municipality's residents or households to another", async () => {
    const kumamoto = await registry.search("kumamoto", { name: "髙橋 一郎" });
    const yatsushiro = await registry.search("yatsushiro", { name: "髙橋 一郎" });
    expect(kumamoto.residents).toHaveLength(1);
    expect(yatsushiro.residents).toHaveLength(1);
    expect(yatsushiro.residents[0]?.id).not.toBe(kumamoto.residents[0]?.id);
    const householdId = kumamoto.residents[0]?.householdId ?? "";
    expect(await registry.household("yatsushiro", householdId)).toBeUndefined();
    expect(await registry.resident("yatsushiro", kumamoto.residents[0]?.id ?? "")).toBeUndefined();
    expect(await registry.household("kumamoto", "not-a-uuid")).toBeUndefined();
    expect(await registry.history("yatsushiro", householdId)).toEqual([]);
  });

  it("reads a household head first and records a change of facts with who, what, when, why", async () => {
    const found = await registry.search("kumamoto", { name: "髙橋 葛子" });
    const household = await registry.household("kumamoto", found.residents[0]?.householdId ?? "");
    expect(household?.members.map((m) => m.relation)).toEqual(["head", "spouse", "child"]);
    const spouse = household?.members[1];
    if (!spouse) throw new Error("no spouse");
    const updated = await registry.updateFacts("kumamoto", {
      residentId: spouse.id,
      expectedVersion: spouse.version,
      facts: { ...spouse, pregnant: true, owns: ["lightVehicle"] },
      reason: "本人からの申出",
      author: { staffId: null, username: "counter-1" },
    });
    expect(updated).toMatchObject({ pregnant: true, owns: ["lightVehicle"], version: spouse.version + 1 });
    const history = await registry.history("kumamoto", spouse.householdId);
    expect(history.slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: "owns",
          oldValue: [],
          newValue: ["lightVehicle"],
          source: "counter",
          actorUsername: "counter-1",
          reason: "本人からの申出",
          residentName: "髙橋\u3000葛\u{E0100}子",
        }),
        expect.objectContaining({ field: "pregnant", oldValue: false, newValue: true, source: "counter" }),
      ]),
    );
    await expect(
      registry.updateFacts("kumamoto", {
        residentId: spouse.id,
        expectedVersion: spouse.version,
        facts: { ...spouse, pregnant: false },
        reason: "古い画面から",
        author: { staffId: null, username: "counter-2" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
