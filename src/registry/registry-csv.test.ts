import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { csvLine, parseCsv } from "./csv";
import { readHeader, readRow, registryColumns, registryCsvLine } from "./registry-csv";
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

const header = registryColumns.join(",");
const positions = (() => {
  const result = readHeader(header.split(","), 1);
  if ("problems" in result) throw new Error("header");
  return result.positions;
})();

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
};

const fieldsOf = (
  row: RegistryRow,
  change: Partial<Record<(typeof registryColumns)[number], string>> = {},
) => {
  const fields = parseCsv(registryCsvLine(row)).records[0]?.fields ?? [];
  for (const [column, value] of Object.entries(change)) {
    fields[registryColumns.indexOf(column as (typeof registryColumns)[number])] = value;
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
      /2 fields; 21 are expected/,
    );
    const bad = readHeader(["resident_no", "nickname"], 1);
    expect("problems" in bad && bad.problems.map((p) => translator("en").message(p))).toContain(
      'Unknown column: "nickname"',
    );
    expect("problems" in bad && bad.problems.some((p) => p.column === "household_no")).toBe(true);
  });
});
