import {
  type Benefit,
  benefits,
  type CareLevel,
  careLevels,
  type Insurance,
  insurances,
  type PensionCategory,
  type Possession,
  pensionCategories,
  possessions,
  type Relation,
  relations,
  type Sex,
} from "../catalog/vocabulary";
import { parseIsoDate } from "../guidance/calendar";
import type { Message, MessageParams } from "../shared/locale";
import { csvLine } from "./csv";
import {
  type DomicileField,
  domicileProblems,
  JAPAN,
  normalizeCardNumber,
  normalizePostalCode,
  type ResidentDomicile,
} from "./domicile";
import { message, type ProblemKey } from "./registry.errors";
import type { RegistryRow } from "./registry-row";
import { factProblems } from "./resident";

/**
 * The import file's required columns, in the order the generator writes them (docs/registry-import.md).
 * The header row names them; a file may order them differently but must have every one.
 */
export const registryColumns = [
  "resident_no",
  "household_no",
  "relation",
  "name",
  "kana",
  "birth_date",
  "sex",
  "ward",
  "address",
  "insurance",
  "pension",
  "pension_recipient",
  "my_number_card",
  "care_level",
  "disability_certificate",
  "seal_registered",
  "pregnant",
  "needs_daycare",
  "public_servant",
  "benefits",
  "owns",
] as const;

/**
 * The 戸籍 and 在留 facts (issue 16): optional, so that a file written before them still imports and
 * leaves what the registry holds; but they come together, since each is checked against the others.
 */
export const domicileColumns = [
  "nationality",
  "honseki",
  "hittousha",
  "residence_status",
  "residence_card_number",
  "residence_period_end",
] as const;

/** Optional columns, after the required ones in the generator's layout. */
export const optionalColumns = ["postal_code", ...domicileColumns] as const;

/** Every column the generator writes, in its order. */
export const allRegistryColumns = [...registryColumns, ...optionalColumns] as const;
export type RegistryColumn = (typeof allRegistryColumns)[number];

const columnOfField: Record<DomicileField, RegistryColumn> = {
  nationality: "nationality",
  honseki: "honseki",
  hittousha: "hittousha",
  residenceStatus: "residence_status",
  residenceCardNumber: "residence_card_number",
  residencePeriodEnd: "residence_period_end",
};

/** What is wrong with a line of the file, as a message code with parameters (registry.csvEmpty, …). */
export interface RowProblem extends Message {
  line: number;
  column?: RegistryColumn;
}

// Core-system exports often write relations in Japanese (続柄); these are read as the codes.
const relationAliases: Record<string, Relation> = {
  世帯主: "head",
  本人: "head",
  妻: "spouse",
  夫: "spouse",
  配偶者: "spouse",
  子: "child",
  長男: "child",
  長女: "child",
  二男: "child",
  次男: "child",
  二女: "child",
  次女: "child",
  三男: "child",
  三女: "child",
  父: "parent",
  母: "parent",
  親: "parent",
  その他: "other",
};
// JIS X 0303 (1 male, 2 female) is what most municipal systems export.
const sexAliases: Record<string, Sex> = {
  male: "male",
  female: "female",
  "1": "male",
  "2": "female",
  男: "male",
  女: "female",
};
const booleanValues: Record<string, boolean> = { "": false, "0": false, "1": true, false: false, true: true };

const numberPattern = /^[A-Za-z0-9-]{1,20}$/;

// フリガナ: katakana or hiragana (full or half width), the long-vowel and iteration marks, the middle
// dot and spaces between family and given names.
const kanaText = /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FC-\u30FE\uFF66-\uFF9F \u3000・=＝]+$/u;

/** Why a 氏名 cannot be stored as registered, or undefined when it can. */
export function nameCharacterFault(name: string): Message | undefined {
  if (/[\uFF61-\uFF9F]/u.test(name)) return message("csvHalfWidthKana", { name });
  if (/[\uE000-\uF8FF\u{F0000}-\u{10FFFF}]/u.test(name)) return message("csvPrivateUse", { name });
  const damaged = Array.from(name).some((ch) => {
    const cp = ch.codePointAt(0) as number;
    return cp < 0x20 || cp === 0x7f || cp === 0xfffd;
  });
  return damaged ? message("csvDamagedName", { name }) : undefined;
}

/** Header → column positions, or the problems with the header (line 1). */
export function readHeader(
  fields: readonly string[],
  line: number,
): { positions: Map<RegistryColumn, number> } | { problems: RowProblem[] } {
  const positions = new Map<RegistryColumn, number>();
  const problems: RowProblem[] = [];
  fields.forEach((raw, index) => {
    const name = raw.trim();
    const column = allRegistryColumns.find((c) => c === name);
    if (!column) problems.push({ line, ...message("csvUnknownColumn", { name }) });
    else if (positions.has(column)) problems.push({ line, column, ...message("csvColumnTwice", { name }) });
    else positions.set(column, index);
  });
  for (const column of registryColumns) {
    if (!positions.has(column)) problems.push({ line, column, ...message("csvColumnMissing", { column }) });
  }
  const present = domicileColumns.find((c) => positions.has(c));
  if (present) {
    for (const column of domicileColumns) {
      if (!positions.has(column))
        problems.push({ line, column, ...message("csvDomicileColumns", { column, present }) });
    }
  }
  return problems.length > 0 ? { problems } : { positions };
}

/**
 * One record → a registry row, or every problem with it: unknown codes, impossible or future dates,
 * facts that contradict the age on `asOf` (the same rules as the guidance validation).
 */
export function readRow(
  fields: readonly string[],
  line: number,
  positions: Map<RegistryColumn, number>,
  asOf: string,
): { row: RegistryRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (fields.length !== positions.size) {
    const counts = { count: String(fields.length), expected: String(positions.size) };
    return { problems: [{ line, ...message("csvFieldCount", counts) }] };
  }
  const get = (column: RegistryColumn): string => (fields[positions.get(column) as number] ?? "").trim();
  /** An optional column's value, or undefined when the file has no such column. */
  const optional = (column: RegistryColumn): string | undefined =>
    positions.has(column) ? get(column) : undefined;
  const fail = (column: RegistryColumn, key: ProblemKey, params: MessageParams = {}) =>
    problems.push({ line, column, ...message(key, { column, ...params }) });
  const code = <T extends string>(
    column: RegistryColumn,
    list: readonly T[],
    optional: boolean,
  ): T | null => {
    const value = get(column);
    if (value === "" && optional) return null;
    const found = list.find((c) => c === value);
    if (!found) fail(column, "csvUnknownCode", { value, codes: list.join(", ") });
    return found ?? null;
  };
  const flag = (column: RegistryColumn): boolean => {
    const value = get(column).toLowerCase();
    const found = booleanValues[value];
    if (found === undefined) {
      fail(column, "csvNotFlag", { value });
      return false;
    }
    return found;
  };
  const list = <T extends string>(column: RegistryColumn, allowed: readonly T[]): T[] => {
    const items = get(column)
      .split("|")
      .map((s) => s.trim())
      .filter(Boolean);
    const out: T[] = [];
    for (const item of items) {
      const found = allowed.find((c) => c === item);
      if (!found) fail(column, "csvUnknownCode", { value: item, codes: allowed.join(", ") });
      else if (out.includes(found)) fail(column, "csvListedTwice", { value: item });
      else out.push(found);
    }
    return out;
  };
  const text = (column: RegistryColumn, max: number): string => {
    const value = get(column);
    if (value === "") fail(column, "csvEmpty");
    else if (value.length > max) fail(column, "csvTooLong", { max: String(max) });
    return value;
  };

  const residentNo = get("resident_no");
  if (!numberPattern.test(residentNo)) fail("resident_no", "csvResidentNoMalformed", { value: residentNo });
  const householdNo = get("household_no");
  if (!numberPattern.test(householdNo))
    fail("household_no", "csvHouseholdNoMalformed", { value: householdNo });
  const relationText = get("relation");
  const relation = relations.find((r) => r === relationText) ?? relationAliases[relationText];
  if (!relation) fail("relation", "csvUnknownRelation", { value: relationText, codes: relations.join(", ") });
  const name = text("name", 100);
  const kana = text("kana", 100);
  // A registered name is written in full-width characters. Half-width katakana in one is what an
  // EUC-JP file read as Shift_JIS looks like; a private-use character is an unconverted 外字 that no
  // screen or form can show; a replacement character or a control is a damaged export.
  const nameFault = name ? nameCharacterFault(name) : undefined;
  if (nameFault) problems.push({ line, column: "name", ...nameFault });
  if (kana && !kanaText.test(kana)) {
    const character = Array.from(kana).find((ch) => !kanaText.test(ch)) ?? "";
    fail("kana", "csvNotKana", { kana, character });
  }
  const birthDate = isoDateOf(get("birth_date"));
  if (!parseIsoDate(birthDate)) fail("birth_date", "csvBirthDateInvalid", { value: get("birth_date") });
  else if (birthDate > asOf) fail("birth_date", "csvBirthDateFuture", { value: birthDate });
  const sexText = get("sex");
  const sex = sexAliases[sexText];
  if (!sex) fail("sex", "csvUnknownSex", { value: sexText });
  const ward = get("ward");
  if (ward.length > 20) fail("ward", "csvWardTooLong");
  const address = text("address", 200);
  const insurance = code<Insurance>("insurance", insurances, false);
  const pension = code<PensionCategory>("pension", pensionCategories, true);
  const careLevel = code<CareLevel>("care_level", careLevels, true);
  const row: RegistryRow = {
    line,
    residentNo,
    householdNo,
    relation: relation ?? "other",
    name,
    kana,
    birthDate,
    sex: sex ?? "female",
    ward,
    address,
    insurance: insurance ?? "kokuho",
    pension,
    pensionRecipient: flag("pension_recipient"),
    myNumberCard: flag("my_number_card"),
    careLevel,
    disabilityCertificate: flag("disability_certificate"),
    sealRegistered: flag("seal_registered"),
    pregnant: flag("pregnant"),
    needsDaycare: flag("needs_daycare"),
    publicServant: flag("public_servant"),
    benefits: list<Benefit>("benefits", benefits),
    owns: list<Possession>("owns", possessions),
  };

  const postalText = optional("postal_code");
  if (postalText !== undefined) {
    row.postalCode = postalText === "" ? null : (normalizePostalCode(postalText) ?? null);
    if (postalText !== "" && row.postalCode === null)
      fail("postal_code", "postalCodeMalformed", { value: postalText });
  }
  if (positions.has("nationality")) {
    const domicile = readDomicile(get, line, problems);
    if (domicile) Object.assign(row, domicile);
  }

  if (problems.length === 0) {
    for (const { field, ...m } of factProblems(row, birthDate, asOf))
      problems.push({ line, column: field === "insurance" ? "insurance" : "pension", ...m });
  }
  return problems.length > 0 ? { problems } : { row };
}

/** YYYY-MM-DD, also YYYY/M/D and YYYY-M-D as exports write them; anything else as it came. */
function isoDateOf(text: string): string {
  const dashed = text.replaceAll("/", "-");
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(dashed) ? dashed.replace(/-(\d)(?=-|$)/g, "-0$1") : dashed;
}

/** A 在留資格 as exports write it (特定技能１号, 技能実習（2号ロ）) → its registered name. */
const statusText = (text: string): string => text.normalize("NFKC").replace(/[\s()]/g, "");

/**
 * The 戸籍 and 在留 columns of a row, normalised (本籍 and 筆頭者 only trimmed, like names: they are
 * stored as the 戸籍 writes them) and checked together (domicile.ts); undefined when any is refused.
 */
function readDomicile(
  get: (column: RegistryColumn) => string,
  line: number,
  problems: RowProblem[],
): ResidentDomicile | undefined {
  const before = problems.length;
  const orNull = (text: string) => (text === "" ? null : text);
  const nationality = get("nationality").normalize("NFKC").toUpperCase();
  const domicile: ResidentDomicile = {
    nationality: nationality === "" ? JAPAN : nationality,
    honseki: orNull(get("honseki")),
    hittousha: orNull(get("hittousha")),
    residenceStatus: orNull(statusText(get("residence_status"))),
    residenceCardNumber: orNull(normalizeCardNumber(get("residence_card_number"))),
    residencePeriodEnd: orNull(isoDateOf(get("residence_period_end"))),
  };
  for (const [field, max] of [
    ["honseki", 200],
    ["hittousha", 100],
  ] as const) {
    const value = domicile[field];
    if (value === null) continue;
    const column = columnOfField[field];
    if (value.length > max)
      problems.push({ line, column, ...message("csvTooLong", { column, max: String(max) }) });
    else if (nameCharacterFault(value))
      problems.push({ line, column, ...message("domicileCharacters", { field, value }) });
  }
  for (const { field, ...m } of domicileProblems(domicile)) {
    problems.push({ line, column: columnOfField[field], ...m });
  }
  return problems.length === before ? domicile : undefined;
}

/** The CSV header line, with every column the generator writes. */
export const registryCsvHeader = (): string => csvLine(allRegistryColumns);

/** One row in the import layout, so that generated data can be exported and imported again. */
export function registryCsvLine(row: RegistryRow): string {
  const b = (value: boolean) => (value ? "1" : "0");
  return csvLine([
    row.residentNo,
    row.householdNo,
    row.relation,
    row.name,
    row.kana,
    row.birthDate,
    row.sex,
    row.ward,
    row.address,
    row.insurance,
    row.pension ?? "",
    b(row.pensionRecipient),
    b(row.myNumberCard),
    row.careLevel ?? "",
    b(row.disabilityCertificate),
    b(row.sealRegistered),
    b(row.pregnant),
    b(row.needsDaycare),
    b(row.publicServant),
    row.benefits.join("|"),
    row.owns.join("|"),
    row.postalCode ?? "",
    row.nationality ?? JAPAN,
    row.honseki ?? "",
    row.hittousha ?? "",
    row.residenceStatus ?? "",
    row.residenceCardNumber ?? "",
    row.residencePeriodEnd ?? "",
  ]);
}
