import iconv from "iconv-lite";
import { neutraliseFormula } from "../shared/csv-formula";
import type { CsvLayoutId, FileEncoding } from "./destination.schema";
import type { HandoffRecord, RecordMember } from "./record";

/**
 * The CSV of a file drop: one row per member the application concerns (one row with the member
 * columns empty when it concerns none), every field quoted, CRLF line ends, a header row of the
 * Japanese column names below. The layouts are documented column by column in docs/handoff.md.
 */
export interface CsvColumn {
  header: string;
  value(record: HandoffRecord, member: RecordMember | undefined): string;
}

const text = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const answer = (key: string) => (r: HandoffRecord) => text(r.answers[key]);
const memberAnswer = (key: string) => (r: HandoffRecord, m: RecordMember | undefined) =>
  m ? text((r.answers[key] as Record<string, unknown> | undefined)?.[m.id]) : "";
const fact = (key: string) => (_r: HandoffRecord, m: RecordMember | undefined) => (m ? text(m[key]) : "");

const common: CsvColumn[] = [
  { header: "連携キー", value: (r) => r.key },
  { header: "申請ID", value: (r) => r.application.id },
  { header: "自治体コード", value: (r) => r.municipality.code },
  { header: "受付庁舎コード", value: (r) => r.office.code },
  { header: "受付日時", value: (r) => r.application.acceptedAt },
  { header: "手続コード", value: (r) => r.application.procedureId },
  { header: "手続名", value: (r) => r.application.name },
  { header: "届出期限", value: (r) => text(r.application.deadline) },
  { header: "異動事由", value: (r) => text(r.event.type) },
  { header: "異動日", value: (r) => text(r.event.date) },
  { header: "世帯員ID", value: fact("id") },
  { header: "続柄", value: fact("relation") },
  { header: "氏名", value: fact("name") },
  { header: "フリガナ", value: fact("kana") },
  { header: "生年月日", value: fact("birthDate") },
  { header: "性別", value: fact("sex") },
];

const address: CsvColumn[] = [
  { header: "郵便番号", value: answer("newPostalCode") },
  { header: "新住所", value: answer("newAddress") },
  { header: "電話番号", value: answer("phone") },
];

export const csvLayoutColumns: Record<CsvLayoutId, CsvColumn[]> = {
  standard: [...common, ...address],
  juki: [
    ...common,
    { header: "転入元区分", value: (r) => text(r.event.origin) },
    { header: "前住所", value: answer("previousAddress") },
    ...address,
    { header: "届出人世帯員ID", value: (r) => text(r.filer?.memberId) },
    { header: "届出人氏名", value: (r) => text(r.filer?.name) },
    { header: "届出人フリガナ", value: (r) => text(r.filer?.kana) },
    { header: "届出人住所", value: (r) => text(r.filer?.address) },
    { header: "届出人続柄", value: (r) => text(r.filer?.relation) },
    { header: "新世帯主世帯員ID", value: answer("newHead") },
  ],
  kokuho: [
    ...common,
    { header: "医療保険", value: fact("insurance") },
    { header: "年金種別", value: fact("pension") },
    { header: "基礎年金番号", value: memberAnswer("basicPensionNumber") },
    ...address,
  ],
  kaigo: [
    ...common,
    { header: "要介護度", value: fact("careLevel") },
    { header: "認定有効期間満了日", value: memberAnswer("careCertificationEnd") },
    ...address,
  ],
  kodomo: [
    ...common,
    { header: "出産予定日", value: memberAnswer("expectedDeliveryDate") },
    { header: "金融機関コード", value: answer("bankCode") },
    { header: "支店コード", value: answer("branchCode") },
    { header: "預金種目", value: answer("accountType") },
    { header: "口座番号", value: answer("accountNumber") },
    { header: "口座名義カナ", value: answer("accountHolderKana") },
    ...address,
  ],
};

/** The last column of every layout: 1 when a value of the row could not be written in the encoding. */
export const GAIJI_HEADER = "外字";
/** Written in place of a character Shift_JIS cannot hold (the geta mark, as registers print it). */
export const GETA = "〓";

const variationSelector = /[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g;

/**
 * Fits text into Windows-31J (the Shift_JIS of Japanese government systems): a character outside it,
 * such as 𠮷 or 髙's variants, becomes 〓, and an ideographic variation selector is dropped. The exact
 * text stays in the JSON beside the CSV.
 */
export function fitShiftJis(value: string): { text: string; lost: boolean } {
  let lost = false;
  let out = value.replace(variationSelector, () => {
    lost = true;
    return "";
  });
  if (iconv.decode(iconv.encode(out, "cp932"), "cp932") !== out) {
    let fitted = "";
    for (const ch of out) {
      const ok = iconv.decode(iconv.encode(ch, "cp932"), "cp932") === ch;
      if (!ok) lost = true;
      fitted += ok ? ch : GETA;
    }
    out = fitted;
  }
  return { text: out, lost };
}

const quote = (v: string): string => `"${v.replaceAll('"', '""')}"`;

/** The CSV bytes of one record in a layout and an encoding. */
export function recordCsv(record: HandoffRecord, layout: CsvLayoutId, encoding: FileEncoding): Uint8Array {
  const columns = csvLayoutColumns[layout];
  const rows: string[][] = [];
  const members: Array<RecordMember | undefined> = record.members.length > 0 ? record.members : [undefined];
  for (const member of members) {
    let lost = false;
    const cells = columns.map((c) => {
      // One line per row, and no cell a spreadsheet would run as a formula.
      const raw = neutraliseFormula(c.value(record, member).replace(/\r\n|\r|\n/g, " "));
      if (encoding === "utf-8") return raw;
      const fitted = fitShiftJis(raw);
      if (fitted.lost) lost = true;
      return fitted.text;
    });
    cells.push(lost ? "1" : "0");
    rows.push(cells);
  }
  const header = [...columns.map((c) => c.header), GAIJI_HEADER];
  const csv = `${[header, ...rows].map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
  return encoding === "utf-8" ? new TextEncoder().encode(csv) : new Uint8Array(iconv.encode(csv, "cp932"));
}
