import type { Database, DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { addressKey, isKanaKey, nameKey, queryGrams } from "./name-key";
import { refuse } from "./registry.errors";
import type { CardAttributes, FactChange, ResidentQuery, ResidentRegistryPort } from "./registry.port";
import { DEFAULT_SEARCH_LIMIT } from "./registry.port";
import { type ChangeInsert, registryRepository } from "./registry.repository";
import { type EditableFacts, editableFields, type ResidentRecord, type SearchResults } from "./resident";

export const staleVersion = (): AppError => refuse("staleVersion");

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The facts that differ (the 戸籍 and 在留 facts among them), one history row each. */
export function factDiff(
  before: ResidentRecord,
  after: EditableFacts,
): Array<{ field: string; oldValue: unknown; newValue: unknown }> {
  return editableFields
    .filter((field) => !sameValue(before[field], after[field]))
    .map((field) => ({ field, oldValue: before[field], newValue: after[field] }));
}

/** The synchronised copy in this product's database. */
export function localRegistry(database: Pick<Database, "db">): ResidentRegistryPort {
  const { db } = database;
  const repo = registryRepository(db);
  return {
    kind: "local",

    async search(municipalityId: string, query: ResidentQuery): Promise<SearchResults> {
      const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
      const key = query.name ? nameKey(query.name) : "";
      const partial = query.match === "partial";
      return repo.search(municipalityId, {
        nameKey: key || undefined,
        kana: isKanaKey(key),
        partial,
        grams: partial ? queryGrams(key) : undefined,
        birthDate: query.birthDate,
        sex: query.sex,
        ward: query.ward,
        addressKey: query.address ? addressKey(query.address) || undefined : undefined,
        limit,
      });
    },

    async findByCard(municipalityId: string, card: CardAttributes): Promise<SearchResults> {
      const residents = await repo.findByCard(
        municipalityId,
        {
          nameKey: nameKey(card.name),
          birthDate: card.birthDate,
          sex: card.sex,
          ward: card.ward,
          addressKey: addressKey(card.address),
        },
        DEFAULT_SEARCH_LIMIT,
      );
      return { residents, more: false };
    },

    household: (municipalityId, householdId) => repo.findHousehold(municipalityId, householdId),
    resident: (municipalityId, residentId) => repo.findResident(municipalityId, residentId),
    history: (municipalityId, householdId, limit = 50) => repo.history(municipalityId, householdId, limit),

    updateFacts(municipalityId: string, change: FactChange): Promise<ResidentRecord> {
      return db.transaction(async (tx) => updateFactsIn(tx, municipalityId, change));
    },
  };
}

async function updateFactsIn(
  tx: DbOrTx,
  municipalityId: string,
  change: FactChange,
): Promise<ResidentRecord> {
  const repo = registryRepository(tx);
  const before = await repo.lockResident(municipalityId, change.residentId);
  if (!before) throw new AppError("NOT_FOUND");
  if (before.version !== change.expectedVersion) throw staleVersion();
  const diff = factDiff(before, change.facts);
  if (diff.length === 0) return before;
  await repo.updateFacts(municipalityId, before.id, change.facts);
  const rows: ChangeInsert[] = diff.map((d) => ({
    householdId: before.householdId,
    residentId: before.id,
    ...d,
  }));
  await repo.insertChanges(
    municipalityId,
    {
      source: "counter",
      actorStaffId: change.author.staffId,
      actorUsername: change.author.username,
      reason: change.reason,
    },
    rows,
  );
  return { ...before, ...change.facts, version: before.version + 1 };
}
