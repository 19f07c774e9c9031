import { describe, expect, it } from "vitest";
import { csvField } from "../kpi/csv";
import { recordCsv } from "./csv";
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
      name: "熊本 太郎",
      kana: "クマモト タロウ",
      birthDate: "1990-05-01",
      sex: "male",
    },
  ],
  filer: null,
  answers: { newPostalCode: "8600806" },
};

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
