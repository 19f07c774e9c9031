import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { decodeRegistryFile, importRegistry } from "./import-registry";
import { localRegistry } from "./local-registry";
import { registryRow } from "./registry.test-support";
import { optionalColumns, registryColumns, registryCsvHeader, registryCsvLine } from "./registry-csv";
import type { RegistryRow } from "./registry-row";

let database: TestDatabase;
const asOf = "2026-04-06";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
});

afterAll(async () => {
  await database?.destroy();
});

const csv = (rows: RegistryRow[], extra = ""): string =>
  registryCsvHeader() + rows.map(registryCsvLine).join("") + extra;
// The report carries codes; these read them as the CLI prints them.
const en = (m: Message | undefined | false) => (m ? translator("en").message(m) : undefined);
const ja = (m: Message | undefined | false) => (m ? translator("ja").message(m) : undefined);
const utf8 = (text: string) => new TextEncoder().encode(text);
const run = (bytes: Uint8Array, encoding: "auto" | "utf-8" | "shift_jis" = "auto") =>
  importRegistry({
    db: database.db,
    municipalityId: "kumamoto",
    bytes,
    fileName: "test.csv",
    encoding,
    actorUsername: "tester",
    asOf,
  });

async function count(
  table: "registry_residents" | "registry_households" | "registry_resident_changes",
): Promise<number> {
  const result = await database.db.execute(sql`select count(*)::int as n from ${sql.raw(table)}`);
  return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
}

const family = (): RegistryRow[] => [
  registryRow({
    residentNo: "A1",
    householdNo: "HA",
    name: "髙橋\u3000一郎",
    kana: "タカハシ\u3000イチロウ",
  }),
  registryRow({
    residentNo: "A2",
    householdNo: "HA",
    relation: "spouse",
    name: "髙橋\u3000花子",
    kana: "タカハシ\u3000ハナコ",
    birthDate: "1982-02-01",
    sex: "female",
    pension: "cat3",
    benefits: ["childAllowance"],
  }),
  registryRow({
    residentNo: "B1",
    householdNo: "HB",
    name: "山﨑\u3000清",
    kana: "ヤマサキ\u3000キヨシ",
    birthDate: "1940-01-01",
    insurance: "kouki",
    pension: null,
    pensionRecipient: true,
  }),
];

describe("importing a registry file", () => {
  it("imports a UTF-8 file in one go and reports what it created", async () => {
    const report = await run(utf8(csv(family())));
    expect(report).toEqual({
      ok: true,
      encoding: "utf-8",
      rows: 3,
      households: 2,
      counts: { created: 3, updated: 0, unchanged: 0 },
    });
    expect(await count("registry_residents")).toBe(3);
    // One "created" entry per resident, from the import.
    expect(await count("registry_resident_changes")).toBe(3);
  });

  it("changes nothing and writes no history when the same file is imported again", async () => {
    const before = await count("registry_resident_changes");
    const report = await run(utf8(csv(family())));
    expect(report).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 3 } });
    expect(await count("registry_resident_changes")).toBe(before);
    expect(await count("registry_residents")).toBe(3);
  });

  it("brings stale search keys up to date on a re-import, as no change of any fact", async () => {
    // As a copy written before the three-character pieces were stored.
    await database.db.execute(
      sql`update registry_residents set search_grams = array['たか', 'かは', 'はし'], name_key = 'x'`,
    );
    const partial = () => localRegistry(database).search("kumamoto", { name: "かはし", match: "partial" });
    expect((await partial()).residents).toEqual([]);
    const versions = async () => {
      const result = await database.db.execute(sql`select sum(version)::int as n from registry_residents`);
      return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n;
    };
    const versionsBefore = await versions();
    const before = await count("registry_resident_changes");
    const report = await run(utf8(csv(family())));
    expect(report).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 3 } });
    expect((await partial()).residents.map((r) => r.name)).toEqual(["髙橋\u3000一郎", "髙橋\u3000花子"]);
    expect(await count("registry_resident_changes")).toBe(before);
    expect(await versions()).toBe(versionsBefore);
  });

  it("writes history only for the fields that really changed", async () => {
    const changed = family();
    changed[1] = { ...(changed[1] as RegistryRow), myNumberCard: false, owns: ["dog"] };
    const before = await count("registry_resident_changes");
    const report = await run(utf8(csv(changed)));
    expect(report).toMatchObject({ ok: true, counts: { created: 0, updated: 1, unchanged: 2 } });
    expect(await count("registry_resident_changes")).toBe(before + 2);
    const registry = localRegistry(database);
    const found = await registry.search("kumamoto", { name: "高橋 花子" });
    const history = await registry.history("kumamoto", found.residents[0]?.householdId ?? "");
    expect(
      history.slice(0, 2).map((h) => [h.field, h.oldValue, h.newValue, h.source, h.actorUsername]),
    ).toEqual(
      expect.arrayContaining([
        ["myNumberCard", true, false, "import", "tester"],
        ["owns", [], ["dog"], "import", "tester"],
      ]),
    );
  });

  it("reads Shift_JIS (CP932) exports, including IBM-extension kanji such as 髙, detected or named", async () => {
    const rows = [
      registryRow({
        residentNo: "S1",
        householdNo: "HS",
        name: "髙橋\u3000德次",
        kana: "タカハシ\u3000トクジ",
        address: "大江一丁目1番1号",
      }),
    ];
    const bytes = iconv.encode(csv(rows), "cp932");
    expect(decodeRegistryFile(bytes, "auto")).toMatchObject({ encoding: "shift_jis" });
    const report = await run(bytes, "shift_jis");
    expect(report).toMatchObject({ ok: true, encoding: "shift_jis", counts: { created: 1 } });
    const found = await localRegistry(database).search("kumamoto", { name: "高橋 徳次" });
    expect(found.residents.map((r) => r.name)).toEqual(["髙橋\u3000德次"]);
  });

  it("refuses a file in an unexpected encoding with the line that cannot be read", async () => {
    const sjis = iconv.encode(
      `${registryCsvHeader()}${registryCsvLine(registryRow({ residentNo: "E1", householdNo: "HE" }))}`,
      "cp932",
    );
    const forced = await run(sjis, "utf-8");
    expect(forced).toMatchObject({ ok: false, problems: [{ line: 2 }] });
    expect(en(forced.ok === false && forced.problems[0])).toMatch(/not UTF-8/);
    const eucJp = iconv.encode(`${registryCsvHeader()}`, "utf8");
    const garbage = new Uint8Array([...eucJp, 0xa4, 0xa2, 0xff, 0xfe, 0x0a]);
    const report = await run(garbage);
    expect(report).toMatchObject({ ok: false, problems: [{ line: 2 }] });
    expect(en(report.ok === false && report.problems[0])).toMatch(/neither UTF-8 nor Shift_JIS/);
  });

  it("refuses a file with bad rows, listing each with its line and reason, and writes nothing", async () => {
    const residents = await count("registry_residents");
    const changes = await count("registry_resident_changes");
    const good = registryRow({ residentNo: "G1", householdNo: "HG" });
    const rows = [
      good,
      registryRow({
        residentNo: "G2",
        householdNo: "HG",
        relation: "child",
        birthDate: "2023-02-30",
        pension: null,
      }),
      registryRow({ residentNo: "G3", householdNo: "HH", relation: "spouse" }),
      registryRow({ residentNo: "G1", householdNo: "HI" }),
      registryRow({ residentNo: "G4", householdNo: "HJ", insurance: "kouki" }),
    ];
    const text = `${csv(rows)}G5,HK,head,"unterminated\r\n`;
    const lines = text.split("\r\n");
    lines[1] = lines[1]?.replace(",employee,", ",private,") ?? "";
    const report = await run(utf8(lines.join("\r\n")));
    expect(report.ok).toBe(false);
    if (report.ok) return;
    const summary = report.problems.map((p) => [p.line, p.column ?? ""]);
    expect(summary).toEqual([
      [2, "insurance"],
      [3, "birth_date"],
      [4, "relation"],
      [5, "resident_no"],
      [6, "insurance"],
      [7, ""],
    ]);
    expect(en(report.problems.find((p) => p.line === 4))).toBe('Household "HH" has no head.');
    expect(en(report.problems.find((p) => p.line === 5))).toBe(
      'resident_no "G1" is a duplicate (also on line 2).',
    );
    expect(ja(report.problems.find((p) => p.line === 3))).toContain("存在しない日付");
    expect(await count("registry_residents")).toBe(residents);
    expect(await count("registry_resident_changes")).toBe(changes);
  });

  it("refuses, and rolls back, an import after which a household in the database would have two heads", async () => {
    const residents = await count("registry_residents");
    // A1 is the head of HA in the database; this file makes A2 head of HA too, without listing A1.
    const report = await run(
      utf8(
        csv([
          registryRow({
            residentNo: "A2",
            householdNo: "HA",
            name: "髙橋\u3000花子",
            kana: "タカハシ\u3000ハナコ",
            birthDate: "1982-02-01",
            sex: "female",
          }),
        ]),
      ),
    );
    expect(report).toMatchObject({ ok: false, problems: [{ line: 2, column: "relation" }] });
    expect(en(report.ok === false && report.problems[0])).toMatch(/household "HA" would have 2 heads/);
    expect(await count("registry_residents")).toBe(residents);
    const still = await localRegistry(database).search("kumamoto", { name: "高橋 花子" });
    const household = await localRegistry(database).household(
      "kumamoto",
      still.residents[0]?.householdId ?? "",
    );
    expect(household?.members.map((m) => m.relation)).toEqual(["head", "spouse"]);
  });

  it("names the columns of the documented layout in its header, the optional ones last", () => {
    expect(registryCsvHeader().trim().split(",")).toEqual([...registryColumns, ...optionalColumns]);
  });
});
