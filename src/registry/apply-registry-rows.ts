import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/database";
import { domicileFields, noDomicile } from "./domicile";
import { addressKey, nameKey, searchGrams } from "./name-key";
import {
  type ChangeContext,
  type ChangeInsert,
  type HouseholdInsert,
  type ResidentInsert,
  type ResidentRow,
  registryRepository,
} from "./registry.repository";
import type { RegistryRow } from "./registry-row";

/**
 * A time-ordered UUID (version 7: milliseconds, then random bits). Bulk-written rows get ids that
 * grow, so the primary-key, household and history indexes are appended to rather than written at
 * random pages: what keeps a 730,000-row load from thrashing the embedded database's buffers.
 */
let lastMs = 0;
let sequence = 0;
export function uuidv7(now: number = Date.now()): string {
  // Within one millisecond a 12-bit counter keeps the order (rand_a of RFC 9562 §6.2 method 1).
  if (now === lastMs) sequence = (sequence + 1) & 0xfff;
  else {
    lastMs = now;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A household that ends up without exactly one head after the rows were applied. */
export interface HeadProblem {
  householdNo: string;
  heads: number;
}

export interface ApplyOptions {
  municipalityId: string;
  context: ChangeContext;
  /** Write a "created" history row for each new resident (imports); the generator does not. */
  recordCreation: boolean;
  batchSize?: number;
  /** Called after each batch of residents with the number written so far. */
  onProgress?: (done: number) => void;
}

// The columns compared to decide whether a resident really changed; one history row per column.
const comparedColumns = [
  "relation",
  "name",
  "kana",
  "birthDate",
  "sex",
  "insurance",
  "pension",
  "pensionRecipient",
  "myNumberCard",
  "careLevel",
  "disabilityCertificate",
  "sealRegistered",
  "pregnant",
  "needsDaycare",
  "publicServant",
  "benefits",
  "owns",
  ...domicileFields,
] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The row as stored. A 戸籍 or 在留 fact the row does not carry (undefined: a file without its column)
 * keeps the value stored before, or the default for a new resident.
 */
function residentInsert(
  row: RegistryRow,
  id: string,
  householdId: string,
  before: ResidentRow | undefined,
): ResidentInsert {
  const name = nameKey(row.name);
  const kana = nameKey(row.kana);
  const kept = <K extends (typeof domicileFields)[number]>(field: K): ResidentInsert[K] =>
    (row[field] === undefined ? (before?.[field] ?? noDomicile[field]) : row[field]) as ResidentInsert[K];
  return {
    id,
    householdId,
    residentNo: row.residentNo,
    relation: row.relation,
    name: row.name,
    kana: row.kana,
    nameKey: name,
    kanaKey: kana,
    searchGrams: searchGrams(name, kana),
    birthDate: row.birthDate,
    sex: row.sex,
    insurance: row.insurance,
    pension: row.pension,
    pensionRecipient: row.pensionRecipient,
    myNumberCard: row.myNumberCard,
    careLevel: row.careLevel,
    disabilityCertificate: row.disabilityCertificate,
    sealRegistered: row.sealRegistered,
    pregnant: row.pregnant,
    needsDaycare: row.needsDaycare,
    publicServant: row.publicServant,
    // Sets, stored sorted so that the same set read from another file compares equal.
    benefits: [...row.benefits].sort(),
    owns: [...row.owns].sort(),
    nationality: kept("nationality"),
    honseki: kept("honseki"),
    hittousha: kept("hittousha"),
    residenceStatus: kept("residenceStatus"),
    residenceCardNumber: kept("residenceCardNumber"),
    residencePeriodEnd: kept("residencePeriodEnd"),
  };
}

/**
 * Upserts rows by the core system's numbers inside the caller's transaction: new households and
 * residents are inserted, changed ones updated with one history row per changed field, identical
 * ones left alone (so a re-run of the same file writes nothing). Returns the counts and the
 * households that no longer have exactly one head, for the caller to refuse the whole run.
 */
export async function applyRegistryRows(
  tx: DbOrTx,
  rows: readonly RegistryRow[],
  options: ApplyOptions,
): Promise<ApplyCounts & { headProblems: HeadProblem[] }> {
  const repo = registryRepository(tx);
  const { municipalityId } = options;
  const batchSize = options.batchSize ?? 2_000;
  const counts: ApplyCounts = { created: 0, updated: 0, unchanged: 0 };
  const touchedHouseholds = new Set<string>();

  // Households first, so that residents can point at them.
  const households = new Map<string, RegistryRow>();
  for (const row of rows) if (!households.has(row.householdNo)) households.set(row.householdNo, row);
  const householdIds = new Map<string, string>();
  const householdNos = [...households.keys()];
  for (let i = 0; i < householdNos.length; i += batchSize) {
    const nos = householdNos.slice(i, i + batchSize);
    const existing = new Map((await repo.householdsByNo(municipalityId, nos)).map((h) => [h.householdNo, h]));
    const inserts: HouseholdInsert[] = [];
    const updates: HouseholdInsert[] = [];
    const changes: ChangeInsert[] = [];
    for (const no of nos) {
      const row = households.get(no) as RegistryRow;
      const before = existing.get(no);
      const values = {
        householdNo: no,
        ward: row.ward,
        address: row.address,
        addressKey: addressKey(row.address),
        // A file without the column keeps the code stored; an empty field clears it.
        postalCode: row.postalCode === undefined ? (before?.postalCode ?? null) : row.postalCode,
      };
      if (!before) {
        const id = uuidv7();
        inserts.push({ id, ...values });
        householdIds.set(no, id);
        continue;
      }
      householdIds.set(no, before.id);
      touchedHouseholds.add(before.id);
      const changed = (["ward", "address", "postalCode"] as const).filter(
        (field) => (before[field] ?? null) !== values[field],
      );
      if (changed.length === 0) continue;
      updates.push({ id: before.id, ...values });
      for (const field of changed) {
        changes.push({
          householdId: before.id,
          residentId: null,
          field,
          oldValue: before[field] ?? null,
          newValue: values[field],
        });
      }
    }
    await repo.insertHouseholds(municipalityId, inserts);
    await repo.updateHouseholds(municipalityId, updates);
    await repo.insertChanges(municipalityId, options.context, changes);
  }

  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const existing = new Map<string, ResidentRow>(
      (
        await repo.residentsByNo(
          municipalityId,
          batch.map((r) => r.residentNo),
        )
      ).map((r) => [r.residentNo, r]),
    );
    const inserts: ResidentInsert[] = [];
    const updates: ResidentInsert[] = [];
    const changes: ChangeInsert[] = [];
    const rekeys: Parameters<typeof repo.rekeyResidents>[1] = [];
    for (const row of batch) {
      const householdId = householdIds.get(row.householdNo) as string;
      const before = existing.get(row.residentNo);
      if (!before) {
        const values = residentInsert(row, uuidv7(), householdId, undefined);
        inserts.push(values);
        counts.created++;
        // The entry says who created the resident, when and from which import; it holds no snapshot:
        // every later change keeps its old and new value, so the first state can always be told
        // back from the row, and the import stays fast (a snapshot each tripled its time on PGlite).
        if (options.recordCreation) {
          changes.push({
            householdId,
            residentId: values.id,
            field: "created",
            oldValue: null,
            newValue: null,
          });
        }
        continue;
      }
      const values = residentInsert(row, before.id, householdId, before);
      const diff: ChangeInsert[] = comparedColumns
        .filter((column) => !same(before[column], values[column]))
        .map((column) => ({
          householdId,
          residentId: before.id,
          field: column,
          oldValue: before[column],
          newValue: values[column],
        }));
      if (before.householdId !== householdId) {
        touchedHouseholds.add(before.householdId);
        diff.push({
          householdId,
          residentId: before.id,
          field: "household",
          oldValue: before.householdId,
          newValue: householdId,
        });
      }
      if (diff.length === 0) {
        counts.unchanged++;
        if (
          before.nameKey !== values.nameKey ||
          before.kanaKey !== values.kanaKey ||
          !same(before.searchGrams, values.searchGrams)
        ) {
          rekeys.push({
            id: before.id,
            nameKey: values.nameKey,
            kanaKey: values.kanaKey,
            searchGrams: values.searchGrams,
          });
        }
        continue;
      }
      updates.push(values);
      changes.push(...diff);
      counts.updated++;
    }
    await repo.insertResidents(municipalityId, inserts);
    await repo.updateResidents(municipalityId, updates);
    await repo.rekeyResidents(municipalityId, rekeys);
    await repo.insertChanges(municipalityId, options.context, changes);
    options.onProgress?.(i + batch.length);
  }

  // Households that existed before, or that lost a member to another: the rows alone cannot show
  // that they still have exactly one head; the database can.
  const toCheck = [...touchedHouseholds];
  const headProblems: HeadProblem[] = [];
  for (let i = 0; i < toCheck.length; i += batchSize) {
    headProblems.push(
      ...(await repo.householdsWithoutOneHead(municipalityId, toCheck.slice(i, i + batchSize))),
    );
  }
  return { ...counts, headProblems };
}
