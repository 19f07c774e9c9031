import { createHash } from "node:crypto";
import type { Db } from "../db/database";
import { type ApplyCounts, applyRegistryRows } from "./apply-registry-rows";
import { parseCsv } from "./csv";
import { message } from "./registry.errors";
import { registryRepository } from "./registry.repository";
import { type RowProblem, readHeader, readRow } from "./registry-csv";
import type { RegistryRow } from "./registry-row";

export const fileEncodings = ["auto", "utf-8", "shift_jis"] as const;
export type FileEncoding = (typeof fileEncodings)[number];

export interface ImportRegistryOptions {
  db: Db;
  municipalityId: string;
  bytes: Uint8Array;
  fileName: string;
  /** "auto" reads UTF-8 (with or without BOM) and falls back to Shift_JIS (CP932). */
  encoding?: FileEncoding;
  actorUsername: string;
  /** The day facts are checked against (ages for 後期高齢者医療 and the pension category). */
  asOf: string;
  onProgress?: (phase: "read" | "write", done: number, total: number) => void;
}

export type ImportReport =
  | { ok: true; encoding: "utf-8" | "shift_jis"; rows: number; households: number; counts: ApplyCounts }
  | { ok: false; encoding?: "utf-8" | "shift_jis"; rows: number; problems: RowProblem[] };

const lineOfByte = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** The offset of the first byte sequence that is not UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const size =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (size === 0) return i;
    for (let k = 1; k < size; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += size;
  }
  return -1;
}

/**
 * Decodes the file strictly: a byte sequence that is not valid in the encoding is an error with its
 * line, never a replacement character stored as a name. Municipal exports are Shift_JIS (CP932, with
 * the NEC and IBM extensions such as 髙 and ①) or UTF-8; the WHATWG "shift_jis" decoder is CP932.
 */
export function decodeRegistryFile(
  bytes: Uint8Array,
  encoding: FileEncoding,
): { text: string; encoding: "utf-8" | "shift_jis" } | { problem: RowProblem } {
  const tryDecode = (label: "utf-8" | "shift_jis"): string | undefined => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  };
  if (encoding !== "shift_jis") {
    const text = tryDecode("utf-8");
    if (text !== undefined) return { text, encoding: "utf-8" };
    if (encoding === "utf-8") {
      const line = lineOfByte(bytes, firstInvalidUtf8(bytes));
      return { problem: { line, ...message("importNotUtf8") } };
    }
  }
  const text = tryDecode("shift_jis");
  if (text !== undefined) return { text, encoding: "shift_jis" };
  // Find the first line that does not decode, to point at it.
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        new TextDecoder("shift_jis", { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      start = i + 1;
      line++;
    }
  }
  return {
    problem: { line, ...message(encoding === "shift_jis" ? "importNotShiftJis" : "importUnknownEncoding") },
  };
}

/** Reads and checks every row; returns the rows only when the whole file is good. */
export function readRegistryFile(
  text: string,
  asOf: string,
  onProgress?: (done: number, total: number) => void,
): { rows: RegistryRow[]; problems: RowProblem[]; records: number } {
  const { records, problems: csvProblems } = parseCsv(text);
  const problems: RowProblem[] = [...csvProblems];
  const [header, ...body] = records;
  if (!header) {
    problems.push({ line: 1, ...message("importEmpty") });
    return { rows: [], problems, records: 0 };
  }
  const head = readHeader(header.fields, header.line);
  if ("problems" in head)
    return { rows: [], problems: [...problems, ...head.problems], records: body.length };

  const rows: RegistryRow[] = [];
  const firstLineOf = new Map<string, number>();
  const households = new Map<string, { first: RegistryRow; heads: RegistryRow[] }>();
  const badHouseholds = new Set<string>();
  body.forEach((record, index) => {
    if (index % 10_000 === 0) onProgress?.(index, body.length);
    // Duplicates are found by the raw number, so a second row is reported even when the first is bad.
    const residentNo = (record.fields[head.positions.get("resident_no") as number] ?? "").trim();
    const seen = residentNo ? firstLineOf.get(residentNo) : undefined;
    if (seen !== undefined) {
      problems.push({
        line: record.line,
        column: "resident_no",
        ...message("importDuplicateResident", { residentNo, line: String(seen) }),
      });
      return;
    }
    if (residentNo) firstLineOf.set(residentNo, record.line);
    const result = readRow(record.fields, record.line, head.positions, asOf);
    if ("problems" in result) {
      problems.push(...result.problems);
      // Its household is not checked for a head: a refused head row would only be reported twice.
      badHouseholds.add((record.fields[head.positions.get("household_no") as number] ?? "").trim());
      return;
    }
    const row = result.row;
    const household = households.get(row.householdNo);
    if (!household)
      households.set(row.householdNo, { first: row, heads: row.relation === "head" ? [row] : [] });
    else {
      const postalDiffers = (household.first.postalCode ?? null) !== (row.postalCode ?? null);
      if (household.first.ward !== row.ward || household.first.address !== row.address || postalDiffers) {
        problems.push({
          line: record.line,
          column: postalDiffers ? "postal_code" : "address",
          ...message("importAddressDiffers", {
            householdNo: row.householdNo,
            line: String(household.first.line),
          }),
        });
      }
      if (row.relation === "head") household.heads.push(row);
    }
    rows.push(row);
  });
  onProgress?.(body.length, body.length);
  for (const [householdNo, { first, heads }] of households) {
    if (heads.length === 0 && !badHouseholds.has(householdNo)) {
      problems.push({
        line: first.line ?? 0,
        column: "relation",
        ...message("importNoHead", { householdNo }),
      });
    }
    for (const extra of heads.slice(1)) {
      problems.push({
        line: extra.line ?? 0,
        column: "relation",
        ...message("importTwoHeads", { householdNo, line: String(heads[0]?.line) }),
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, records: body.length };
}

class ImportRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super("registry import refused");
  }
}

/**
 * Imports a registry file all or nothing: every row is read and checked first, then all are
 * upserted in ONE transaction that also checks each touched household still has one head. Any
 * problem and nothing is written. A re-run of the same file changes nothing and writes no history.
 */
export async function importRegistry(options: ImportRegistryOptions): Promise<ImportReport> {
  const decoded = decodeRegistryFile(options.bytes, options.encoding ?? "auto");
  if ("problem" in decoded) return { ok: false, rows: 0, problems: [decoded.problem] };
  const { rows, problems, records } = readRegistryFile(decoded.text, options.asOf, (done, total) =>
    options.onProgress?.("read", done, total),
  );
  if (problems.length > 0) return { ok: false, encoding: decoded.encoding, rows: records, problems };

  const lineOf = new Map<string, number>();
  for (const row of rows)
    if (row.relation === "head" || !lineOf.has(row.householdNo)) lineOf.set(row.householdNo, row.line ?? 0);
  try {
    const counts = await options.db.transaction(async (tx) => {
      const repo = registryRepository(tx);
      const importId = await repo.startImport({
        municipalityId: options.municipalityId,
        source: "import",
        fileName: options.fileName,
        sha256: createHash("sha256").update(options.bytes).digest("hex"),
        encoding: decoded.encoding,
        actorUsername: options.actorUsername,
      });
      const result = await applyRegistryRows(tx, rows, {
        municipalityId: options.municipalityId,
        context: { source: "import", importId, actorUsername: options.actorUsername },
        recordCreation: true,
        onProgress: (done) => options.onProgress?.("write", done, rows.length),
      });
      if (result.headProblems.length > 0) {
        throw new ImportRefused(
          result.headProblems.map((p) => ({
            line: lineOf.get(p.householdNo) ?? 0,
            column: "relation" as const,
            ...message("importHeadsAfter", { householdNo: p.householdNo, heads: String(p.heads) }),
          })),
        );
      }
      const { headProblems: _, ...applied } = result;
      await repo.finishImport(options.municipalityId, importId, { rows: rows.length, ...applied });
      return applied;
    });
    await registryRepository(options.db).analyzeAfter(
      options.municipalityId,
      counts.created + counts.updated,
    );
    const households = new Set(rows.map((r) => r.householdNo)).size;
    return { ok: true, encoding: decoded.encoding, rows: rows.length, households, counts };
  } catch (error) {
    if (error instanceof ImportRefused) {
      return { ok: false, encoding: decoded.encoding, rows: rows.length, problems: error.problems };
    }
    throw error;
  }
}
