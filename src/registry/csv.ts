import type { Message } from "../shared/locale";
import { message } from "./registry.errors";

/** One CSV record with the physical line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** What is wrong on a line, as a message code (registry.csvUnterminatedQuote, …). */
export interface CsvProblem extends Message {
  line: number;
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes with "" for a quote, CRLF or LF
 * line ends. A malformed record (a stray quote, an unterminated quoted field) is reported with its
 * line and skipped; the rest of the file is still read, so a report lists every bad row at once.
 */
export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let bad: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i] as string;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (!closed) bad ??= "unterminated";
        else if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") bad ??= "after-quote";
      }
      // Unquoted text (or what follows a malformed quoted field) up to the separator.
      while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        if (text[i] === '"') bad ??= "stray-quote";
        field += text[i];
        i++;
      }
      fields.push(field);
      field = "";
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      endOfRecord = true;
    }
    if (fields.length === 1 && fields[0] === "" && !bad) continue; // a blank line
    if (bad) {
      problems.push({
        line: start,
        ...message(bad === "unterminated" ? "csvUnterminatedQuote" : "csvMisplacedQuote"),
      });
      continue;
    }
    records.push({ line: start, fields });
  }
  return { records, problems };
}

/** One CSV line (with CRLF, as municipal systems expect); fields quoted only when they need it. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",")}\r\n`;
}
