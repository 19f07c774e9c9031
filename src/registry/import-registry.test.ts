import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import { csvLine, parseCsv } from "./csv";
import { decodeRegistryFile, importRegistry } from "./import-registry";
import { localRegistry } from "./local-registry";
import { nakamuraKiyo, nguyenFamily, registryRow } from "./registry.test-support";
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

describe("importing the 戸籍 and 在留 columns", () => {
  const people = () => [...nakamuraKiyo(), ...nguyenFamily()];
  /** The same rows in the layout written before issue 16: the required columns only. */
  const oldLayout = (rows: RegistryRow[]): string =>
    csvLine(registryColumns) +
    rows
      .map((row) =>
        csvLine((parseCsv(registryCsvLine(row)).records[0]?.fields ?? []).slice(0, registryColumns.length)),
      )
      .join("");
  const history = async (name: string) => {
    const registry = localRegistry(database);
    const [found] = (await registry.search("kumamoto", { name })).residents;
    return {
      resident: await registry.resident("kumamoto", found?.id ?? ""),
      household: await registry.household("kumamoto", found?.householdId ?? ""),
      changes: await registry.history("kumamoto", found?.householdId ?? ""),
    };
  };

  it("stores 本籍, 筆頭者, the nationality, the 在留 facts and the postal code as the file gives them", async () => {
    const report = await run(utf8(csv(people())));
    expect(report).toMatchObject({ ok: true, counts: { created: 4 } });
    const kiyo = await history("中村 キヨ");
    expect(kiyo.resident).toMatchObject({
      nationality: "JP",
      honseki: "熊本県熊本市南区近見五丁目35番",
      hittousha: "中村\u3000義男",
      residenceStatus: null,
    });
    expect(kiyo.household?.postalCode).toBe("861-4101");
    const an = await history("NGUYEN VAN AN");
    expect(an.resident).toMatchObject({
      nationality: "VN",
      honseki: null,
      residenceStatus: "技術・人文知識・国際業務",
      residenceCardNumber: "EH48210395AC",
      residencePeriodEnd: "2028-09-30",
    });
  });

  it("still imports a file written before these columns, keeping what the registry holds and writing no history", async () => {
    const before = await count("registry_resident_changes");
    const report = await run(utf8(oldLayout(people())));
    expect(report).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 4 } });
    expect(await count("registry_resident_changes")).toBe(before);
    expect((await history("中村 キヨ")).resident?.honseki).toBe("熊本県熊本市南区近見五丁目35番");
    expect((await history("中村 キヨ")).household?.postalCode).toBe("861-4101");
    expect((await history("NGUYEN VAN AN")).resident?.residenceCardNumber).toBe("EH48210395AC");
    // A new resident from such a file is a Japanese national with nothing known of the 戸籍 yet.
    const fresh = registryRow({
      residentNo: "OLD1",
      householdNo: "HOLD",
      name: "古田\u3000一",
      kana: "フルタ\u3000ハジメ",
    });
    expect(await run(utf8(oldLayout([fresh])))).toMatchObject({ ok: true, counts: { created: 1 } });
    expect((await history("古田 一")).resident).toMatchObject({ nationality: "JP", honseki: null });
  });

  it("records a renewed card, a new period of stay and a moved 本籍 as history, one row per changed fact", async () => {
    const changed = people().map((row) =>
      row.residentNo === "2900000004"
        ? { ...row, residenceCardNumber: "EH99990000AB", residencePeriodEnd: "2031-09-30" }
        : row.residentNo === "2900000001"
          ? { ...row, honseki: "熊本県八代市松江城町1番地" }
          : row,
    );
    const report = await run(utf8(csv(changed)));
    expect(report).toMatchObject({ ok: true, counts: { updated: 2, unchanged: 2 } });
    const an = await history("NGUYEN VAN AN");
    expect(an.changes.slice(0, 2).map((c) => [c.field, c.oldValue, c.newValue, c.source])).toEqual(
      expect.arrayContaining([
        ["residenceCardNumber", "EH48210395AC", "EH99990000AB", "import"],
        ["residencePeriodEnd", "2028-09-30", "2031-09-30", "import"],
      ]),
    );
    const kiyo = await history("中村 キヨ");
    expect(kiyo.changes[0]).toMatchObject({
      field: "honseki",
      oldValue: "熊本県熊本市南区近見五丁目35番",
      newValue: "熊本県八代市松江城町1番地",
    });
  });

  it("records a household's new postal code as history of the household", async () => {
    // Her household alone, as the file before left her (本籍 moved to 八代市), with a new postal code.
    const moved = nakamuraKiyo().map((row) => ({
      ...row,
      honseki: "熊本県八代市松江城町1番地",
      postalCode: "861-4102",
    }));
    expect(await run(utf8(csv(moved)))).toMatchObject({ ok: true, counts: { updated: 0, unchanged: 1 } });
    const kiyo = await history("中村 キヨ");
    expect(kiyo.household?.postalCode).toBe("861-4102");
    expect(kiyo.changes[0]).toMatchObject({
      field: "postalCode",
      oldValue: "861-4101",
      newValue: "861-4102",
      residentId: null,
    });
  });

  it("refuses a bad card number, an unknown nationality, a foreign resident without a status, a card for a Japanese national and an impossible date, each on its line and column, and writes nothing", async () => {
    const residents = await count("registry_residents");
    const changes = await count("registry_resident_changes");
    const [an, mai, anh] = nguyenFamily() as [RegistryRow, RegistryRow, RegistryRow];
    const rows: RegistryRow[] = [
      { ...an, residentNo: "F1", householdNo: "HF1", residenceCardNumber: "EH4821039AC" },
      { ...mai, residentNo: "F2", householdNo: "HF2", relation: "head", nationality: "QQ" },
      { ...anh, residentNo: "F3", householdNo: "HF3", relation: "head", residenceStatus: null },
      registryRow({
        residentNo: "F4",
        householdNo: "HF4",
        nationality: "JP",
        residenceCardNumber: "EH48210395AC",
      }),
      { ...an, residentNo: "F5", householdNo: "HF5", residencePeriodEnd: "2027-02-30" },
    ];
    const report = await run(utf8(csv(rows)));
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems.map((p) => [p.line, p.column])).toEqual([
      [2, "residence_card_number"],
      [3, "nationality"],
      [4, "residence_status"],
      [5, "residence_card_number"],
      [6, "residence_period_end"],
    ]);
    expect(report.problems.map((p) => ja(p))).toEqual([
      expect.stringContaining("在留カード等の番号「EH4821039AC」の形が正しくありません"),
      expect.stringContaining("国籍・地域「QQ」"),
      expect.stringContaining("在留資格が必要です"),
      expect.stringContaining("日本国籍の方に在留カード等の番号"),
      expect.stringContaining("存在しない日付"),
    ]);
    expect(await count("registry_residents")).toBe(residents);
    expect(await count("registry_resident_changes")).toBe(changes);
  });

  it("never stores a 12-digit 個人番号 in the 戸籍's text, even written past the import", async () => {
    const attempt = database.db.execute(
      sql`update registry_residents set honseki = '熊本県熊本市１２３４５６７８９０１２' where resident_no = '2900000001'`,
    );
    await expect(attempt).rejects.toThrow();
    const card = database.db.execute(
      sql`update registry_residents set residence_card_number = '123456789012' where resident_no = '2900000004'`,
    );
    await expect(card).rejects.toThrow();
  });
});
