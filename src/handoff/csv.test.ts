import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvField } from "../kpi/csv";
import { csvLayoutColumns, fitShiftJis, recordCsv } from "./csv";
import type { HandoffRecord } from "./record";

const record: HandoffRecord = {
  format: "madoguchi.handoff/1",
  key: "11111111-1111-4111-8111-111111111111:juki",
  destination: "juki",
  municipality: { id: "kumamoto", code: "431001" },
  office: { code: "chuo" },
  application: {
    id: "11111111-1111-4111-8111-111111111111",
    visitId: "22222222-2222-4222-8222-222222222222",
    procedureId: "juki.move-in",
    name: "転入届",
    acceptedAt: "2026-04-06T10:15:00.000+09:00",
    deadline: "2026-04-20",
    formSha256: "a".repeat(64),
  },
  event: { type: "move-in", date: "2026-04-06", origin: "other-municipality" },
  members: [
    {
      id: "m0",
      relation: "head",
      name: "𠮷田 太郎",
      kana: "ヨシダ タロウ",
      birthDate: "1990-05-01",
      sex: "male",
    },
    {
      id: "m1",
      relation: "child",
      name: "髙橋 花",
      kana: "タカハシ ハナ",
      birthDate: "2019-06-01",
      sex: "female",
    },
  ],
  filer: {
    type: "other-relative",
    name: "中村 太郎",
    kana: "ナカムラ タロウ",
    address: "福岡県福岡市中央区天神一丁目8番1号",
    relation: "親族",
  },
  answers: { newAddress: '熊本市中央区手取本町1-1 "北棟"', newPostalCode: "8600806" },
};

describe("recordCsv", () => {
  it("writes a header and one quoted row per member, CRLF, in UTF-8", () => {
    const text = new TextDecoder().decode(recordCsv(record, "juki", "utf-8"));
    const lines = text.split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(lines[0]).toBe(
      `${[...csvLayoutColumns.juki.map((c) => c.header), "外字"].map((h) => `"${h}"`).join(",")}`,
    );
    expect(lines[1]).toContain('"𠮷田 太郎"');
    expect(lines[1]).toContain('"熊本市中央区手取本町1-1 ""北棟"""');
    expect(lines[1]?.endsWith('"0"')).toBe(true);
  });

  it("writes Shift_JIS (Windows-31J) with 〓 and the 外字 flag for what it cannot hold", () => {
    const bytes = recordCsv(record, "juki", "shift_jis");
    const text = iconv.decode(Buffer.from(bytes), "cp932");
    const [, first, second] = text.split("\r\n");
    expect(first).toContain('"〓田 太郎"');
    expect(first?.endsWith('"1"')).toBe(true);
    // 髙 is in Windows-31J (an IBM extension): kept, and the row is not flagged.
    expect(second).toContain('"髙橋 花"');
    expect(second?.endsWith('"0"')).toBe(true);
  });

  it("writes one row with empty member columns when the application concerns no member", () => {
    const text = new TextDecoder().decode(recordCsv({ ...record, members: [] }, "standard", "utf-8"));
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
  });

  it("fills the 届出人 columns of the 住民記録 layout with the filer, whoever came", () => {
    const text = new TextDecoder().decode(recordCsv(record, "juki", "utf-8"));
    const [header, first] = text
      .split("\r\n")
      .map((line) => line.split(",").map((cell) => cell.slice(1, -1)));
    const cell = (name: string) => first?.[header?.indexOf(name) ?? -1];
    expect(cell("届出人氏名")).toBe("中村 太郎");
    expect(cell("届出人フリガナ")).toBe("ナカムラ タロウ");
    expect(cell("届出人住所")).toBe("福岡県福岡市中央区天神一丁目8番1号");
    expect(cell("届出人続柄")).toBe("親族");
    expect(cell("届出人世帯員ID")).toBe("");
    const member = {
      ...record,
      filer: { type: "member" as const, memberId: "m1", name: "髙橋 花", relation: "本人" },
    };
    const [, row] = new TextDecoder()
      .decode(recordCsv(member, "juki", "utf-8"))
      .split("\r\n")
      .map((line) => line.split(",").map((c) => c.slice(1, -1)));
    expect(row?.[header?.indexOf("届出人世帯員ID") ?? -1]).toBe("m1");
    expect(row?.[header?.indexOf("届出人氏名") ?? -1]).toBe("髙橋 花");
  });

  it("leaves the 届出人 columns empty, not broken, for a record without a filer", () => {
    const text = new TextDecoder().decode(recordCsv({ ...record, filer: null }, "juki", "utf-8"));
    expect(text).not.toContain("undefined");
  });

  it("gives every layout the common columns first, in the documented order", () => {
    for (const columns of Object.values(csvLayoutColumns)) {
      expect(columns.slice(0, 3).map((c) => c.header)).toEqual(["連携キー", "申請ID", "自治体コード"]);
    }
  });
});

describe("fitShiftJis", () => {
  it.each([
    ["熊本 太郎", "熊本 太郎", false],
    ["𠮷田", "〓田", true],
    ["葛\u{E0100}城", "葛城", true],
    ["①ｶﾅ", "①ｶﾅ", false],
  ])("fits %s as %s (lost: %s)", (input, text, lost) => {
    expect(fitShiftJis(input)).toEqual({ text, lost });
  });
});

/** The cells of a line where every field is quoted, as recordCsv writes them. */
const cellsOfLine = (line: string): string[] =>
  [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? "").replaceAll('""', '"'));

const cellsOf = (answers: Record<string, unknown>) => {
  const text = new TextDecoder().decode(recordCsv({ ...record, answers }, "standard", "utf-8"));
  const [header, row] = text.split("\r\n").map(cellsOfLine);
  return (name: string) => row?.[header?.indexOf(name) ?? -1];
};

describe("hand-off CSV cells a spreadsheet would run as a formula", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ["+81-96-000-0000", "'+81-96-000-0000"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
  ])("go out behind an apostrophe: %j", (value, expected) => {
    expect(cellsOf({ newAddress: value })("新住所")).toBe(expected);
  });

  it("keep ordinary text and numbers as they are", () => {
    const cell = cellsOf({ newAddress: "熊本市中央区手取本町1-1", phone: "096-000-0000" });
    expect(cell("新住所")).toBe("熊本市中央区手取本町1-1");
    expect(cell("電話番号")).toBe("096-000-0000");
    expect(cell("郵便番号")).toBe("");
  });

  it("are neutralised by the same rule as the KPI export", () => {
    for (const value of ["=1+1", "+1", "-1", "@x", "\tx", "ok"]) {
      const field = csvField(value);
      const kpi = field.startsWith('"') ? (cellsOfLine(field)[0] ?? "") : field;
      expect(cellsOf({ newAddress: value })("新住所")).toBe(kpi);
    }
  });
});
