import type { DbOrTx } from "../db/database";
import { nameKey, searchGrams } from "./name-key";
import { registryRepository } from "./registry.repository";

export interface RekeyRegistryOptions {
  db: DbOrTx;
  municipalityId: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Recomputes the derived search keys (name and kana keys, the pieces of partial search) of every
 * resident of a municipality from the names as registered, after name-key.ts changed (a new variant
 * fold, other pieces). Only rows whose keys differ are written, batch by batch, each batch its own
 * short transaction: keys are derived data, so a run stopped half-way is finished by the next one.
 * No fact changes, so no version, no history.
 */
export async function rekeyRegistry(
  options: RekeyRegistryOptions,
): Promise<{ checked: number; rekeyed: number }> {
  const repo = registryRepository(options.db);
  const batchSize = options.batchSize ?? 5_000;
  const total = await repo.countResidents(options.municipalityId);
  let after: string | undefined;
  let checked = 0;
  let rekeyed = 0;
  for (;;) {
    const rows = await repo.residentKeysAfter(options.municipalityId, after, batchSize);
    if (rows.length === 0) break;
    const stale = rows.flatMap((row) => {
      const name = nameKey(row.name);
      const kana = nameKey(row.kana);
      const grams = searchGrams(name, kana);
      const same =
        row.nameKey === name &&
        row.kanaKey === kana &&
        row.searchGrams.join("\u0000") === grams.join("\u0000");
      return same ? [] : [{ id: row.id, nameKey: name, kanaKey: kana, searchGrams: grams }];
    });
    if (stale.length > 0) {
      await options.db.transaction((tx) =>
        registryRepository(tx).rekeyResidents(options.municipalityId, stale),
      );
    }
    checked += rows.length;
    rekeyed += stale.length;
    after = rows[rows.length - 1]?.id;
    options.onProgress?.(checked, total);
  }
  return { checked, rekeyed };
}
