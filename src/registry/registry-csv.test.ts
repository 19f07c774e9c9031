import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { csvLine, parseCsv } from "./csv";
import {
  allRegistryColumns,
  type RegistryColumn,
  readHeader,
  readRow,
  registryColumns,
  registryCsvLine,
} from "./registry-csv";
import type { RegistryRow } from "./registry-row";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, CRLF and a BOM, and numbers records by their first line", () => {
    const { records, problems } = parseCsv('\uFEFFa,b\r\n"x,1","say ""hi"""\r\n"multi\nline",z\n\nlast,1');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x,1", 'say "hi"'] },
      { line: 3, fields: ["multi\nline", "z"] },
      { line: 6, fields: ["last", "1"] },
    ]);
  });

  it("reports a stray or unterminated quote with its line and reads on", () => {
    const { records, problems } = parseCsv('a,b\nx"y,1\n"ok",2\n"open,3\n');
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it("writes fields back so that they read the same", () => {
    const fields = ["髙橋\u3000一郎", 'a "quote"', "comma,inside", "line\nbreak", ""];
    expect(parseCsv(csvLine(fields)).records[0]?.fields).toEqual(fields);
  });
});

const positionsOf = (columns: readonly RegistryColumn[]) => {
  const result = readHeader(columns, 1);
  if ("problems" in result) throw new Error("header");
  return result.positions;
};
const positions = positionsOf(allRegistryColumns);

const good: RegistryRow = {
  residentNo: "2000000001",
  householdNo: "1000000001",
  relation: "head",
  name: "髙橋\u3000一郎",
  kana: "タカハシ\u3000イチロウ",
  birthDate: "1980-05-05",
  sex: "male",
  ward: "中央区",
  address: "水前寺六丁目12番3号",
  insurance: "employee",
  pension: "cat2",
  pensionRecipient: false,
  myNumberCard: true,
  careLevel: null,
  disabilityCertificate: false,
  sealRegistered: true,
  pregnant: false,
  needsDaycare: false,
  publicServant: false,
  benefits: ["childAllowance"],
  owns: ["lightVehicle", "dog"],
  postalCode: "862-0950",
  nationality: "JP",
  honseki: "熊本県熊本市中央区水前寺六丁目12番",
  hittousha: "髙橋\u3000一郎",
  residenceStatus: null,
  residenceCardNumber: null,
  residencePeriodEnd: null,
};

const fieldsOf = (row: RegistryRow, change: Partial<Record<RegistryColumn, string>> = {}) => {
  const fields = parseCsv(registryCsvLine(row)).records[0]?.fields ?? [];
  for (const [column, value] of Object.entries(change)) {
    fields[allRegistryColumns.indexOf(column as RegistryColumn)] = value;
  }
  return fields;
};

describe("registry rows", () => {
  it("reads back a row written in the import layout", () => {
    expect(readRow(fieldsOf(good), 2, positions, "2026-04-06")).toEqual({ row: { ...good, line: 2 } });
  });

  it("accepts the Japanese relation names and the JIS sex codes core systems export", () => {
    const result = readRow(
      fieldsOf(good, { relation: "世帯主", sex: "1", birth_date: "1980/5/5" }),
      2,
      positions,
      "2026-04-06",
    );
    expect(result).toMatchObject({ row: { relation: "head", sex: "male", birthDate: "1980-05-05" } });
  });

  it.each([
    [{ relation: "boss" }, "relation"],
    [{ insurance: "private" }, "insurance"],
    [{ pension: "cat4" }, "pension"],
    [{ care_level: "care9" }, "care_level"],
    [{ benefits: "childAllowance|lottery" }, "benefits"],
    [{ owns: "yacht" }, "owns"],
    [{ sex: "x" }, "sex"],
    [{ my_number_card: "yes" }, "my_number_card"],
    [{ birth_date: "2023-02-30" }, "birth_date"],
    [{ birth_date: "1980-13-01" }, "birth_date"],
    [{ birth_date: "2099-01-01" }, "birth_date"],
    [{ name: "" }, "name"],
    [{ resident_no: "12 34" }, "resident_no"],
    // What an EUC-JP export read as Shift_JIS looks like: half-width katakana in the name.
    [{ name: "\uFF8E\uFF9E\uFF7C\uFF80\u3000\uFF70" }, "name"],
    [{ name: "\uE000田\u3000一郎" }, "name"],
    [{ name: "高\uFFFD\u3000一郎" }, "name"],
    [{ kana: "高橋\u3000イチロウ" }, "kana"],
    [{ insurance: "kouki" }, "insurance"],
    [{ birth_date: "1960-01-01" }, "pension"],
  ])("refuses %o naming the column %s", (change, column) => {
    const result = readRow(fieldsOf(good, change), 7, positions, "2026-04-06");
    expect("problems" in result && result.problems.map((p) => [p.line, p.column])).toContainEqual([
      7,
      column,
    ]);
    if ("problems" in result)
      for (const p of result.problems) expect(translator("ja").has(p.code), p.code).toBe(true);
  });

  it("keeps half-width フリガナ, which legacy core systems export, as registered", () => {
    const result = readRow(fieldsOf(good, { kana: "ﾀｶﾊｼ ｲﾁﾛｳ" }), 2, positions, "2026-04-06");
    expect("row" in result && result.row.kana).toBe("ﾀｶﾊｼ ｲﾁﾛｳ");
  });

  it("refuses a row with the wrong number of fields, and a header with unknown or missing columns", () => {
    const result = readRow(["a", "b"], 3, positions, "2026-04-06");
    expect("problems" in result && translator("en").message(result.problems[0] as Message)).toMatch(
      /2 fields; 28 are expected/,
    );
    const bad = readHeader(["resident_no", "nickname"], 1);
    expect("problems" in bad && bad.problems.map((p) => translator("en").message(p))).toContain(
      'Unknown column: "nickname"',
    );
    expect("problems" in bad && bad.problems.some((p) => p.column === "household_no")).toBe(true);
  });
});

describe("the 戸籍 and 在留 columns", () => {
  const foreign: RegistryRow = {
    ...good,
    name: "NGUYEN VAN AN",
    kana: "グエン ヴァン アン",
    nationality: "VN",
    honseki: null,
    hittousha: null,
    residenceStatus: "技能実習",
    residenceCardNumber: "EH48210395AC",
    residencePeriodEnd: "2027-09-30",
  };
  const read = (row: RegistryRow, change: Partial<Record<RegistryColumn, string>> = {}) =>
    readRow(fieldsOf(row, change), 7, positions, "2026-04-06");
  const problemsOf = (result: ReturnType<typeof readRow>) =>
    "problems" in result ? result.problems.map((p) => [p.column, translator("ja").message(p)]) : [];

  it("reads back a foreign resident's nationality, status, card number and end of the period of stay", () => {
    expect(read(foreign)).toEqual({ row: { ...foreign, line: 7 } });
  });

  it("keeps 本籍 and 筆頭者 as the 戸籍 writes them, IVS and rare kanji included", () => {
    const row = { ...good, honseki: "熊本県熊本市南区近見五丁目35番", hittousha: "葛\u{E0100}西\u3000𠮷郎" };
    expect(read(row)).toMatchObject({ row: { honseki: row.honseki, hittousha: row.hittousha } });
  });

  it("reads values as exports write them: a lower-case or full-width card number, nationality and status, a postal code without its hyphen", () => {
    const result = read(foreign, {
      nationality: "vn",
      residence_card_number: "ｅｈ４８２１０３９５ａｃ",
      residence_status: "特定技能１号",
      residence_period_end: "2027/9/30",
      postal_code: "8614101",
    });
    expect(result).toMatchObject({
      row: {
        nationality: "VN",
        residenceCardNumber: "EH48210395AC",
        residenceStatus: "特定技能1号",
        residencePeriodEnd: "2027-09-30",
        postalCode: "861-4101",
      },
    });
  });

  it("reads an empty nationality as a Japanese national", () => {
    expect(read(good, { nationality: "" })).toMatchObject({ row: { nationality: "JP" } });
  });

  it.each([
    [
      "a card number of the wrong form",
      foreign,
      { residence_card_number: "EH4821039AC" },
      "residence_card_number",
      "形が正しくありません",
    ],
    [
      "an unknown nationality code",
      foreign,
      { nationality: "ZZ" },
      "nationality",
      "国・地域コードではありません",
    ],
    [
      "a three-letter nationality",
      foreign,
      { nationality: "VNM" },
      "nationality",
      "国・地域コードではありません",
    ],
    [
      "a foreign resident without a status",
      foreign,
      { residence_status: "" },
      "residence_status",
      "在留資格が必要です",
    ],
    [
      "a status that is not one",
      foreign,
      { residence_status: "観光" },
      "residence_status",
      "在留資格の名称ではありません",
    ],
    [
      "an impossible end of the period of stay",
      foreign,
      { residence_period_end: "2027-02-30" },
      "residence_period_end",
      "存在しない日付",
    ],
    [
      "a period for a permanent resident",
      foreign,
      { residence_status: "永住者" },
      "residence_period_end",
      "在留期間がありません",
    ],
    [
      "a foreign resident with a 本籍",
      foreign,
      { honseki: "熊本県熊本市中央区水前寺六丁目12番" },
      "honseki",
      "外国人住民に本籍",
    ],
    [
      "a Japanese national with a residence card",
      good,
      { residence_card_number: "EH48210395AC" },
      "residence_card_number",
      "日本国籍の方に在留カード等の番号",
    ],
    [
      "a Japanese national with a status",
      good,
      { residence_status: "永住者" },
      "residence_status",
      "日本国籍の方に在留資格",
    ],
    ["a 個人番号 in the 本籍", good, { honseki: "熊本県熊本市123456789012" }, "honseki", "個人番号"],
    [
      "a full-width 個人番号 in the 筆頭者",
      good,
      { hittousha: "１２３４５６７８９０１２" },
      "hittousha",
      "個人番号",
    ],
    ["half-width katakana in the 筆頭者", good, { hittousha: "ﾀｶﾊｼ ｲﾁﾛｳ" }, "hittousha", "半角カナ"],
    ["a malformed postal code", good, { postal_code: "86-14101" }, "postal_code", "郵便番号"],
  ] as const)("refuses %s, on its column, in words", (_, row, change, column, words) => {
    const problems = problemsOf(read(row, change));
    expect(problems).toContainEqual([column, expect.stringContaining(words)]);
    for (const [, text] of problems) expect(text).not.toMatch(/registry\./);
  });

  it("still reads a file written before these columns, leaving them unset", () => {
    const old = positionsOf(registryColumns);
    const fields = fieldsOf(good).slice(0, registryColumns.length);
    const result = readRow(fields, 2, old, "2026-04-06");
    expect("row" in result).toBe(true);
    if (!("row" in result)) return;
    for (const field of ["nationality", "honseki", "hittousha", "residenceStatus", "postalCode"] as const)
      expect(result.row[field]).toBeUndefined();
  });

  it("refuses a header with some of the six columns but not all", () => {
    const result = readHeader([...registryColumns, "nationality", "honseki"], 1);
    expect("problems" in result && result.problems.map((p) => p.column)).toEqual([
      "hittousha",
      "residence_status",
      "residence_card_number",
      "residence_period_end",
    ]);
    expect("problems" in result && translator("en").message(result.problems[0] as Message)).toMatch(
      /needs all six/,
    );
    expect("positions" in readHeader([...registryColumns, "postal_code"], 1)).toBe(true);
  });
});
