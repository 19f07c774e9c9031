import type { ResidentDomicile, ResidentFacts, ResidentIdentity } from "./resident";

/**
 * One resident with their household, as an import file or the generator delivers it: the unit the
 * bulk writer (apply-registry-rows.ts) upserts by the core system's numbers.
 *
 * The 戸籍 and 在留 facts and the postal code are optional: a file written before they existed has no
 * column for them, and leaves what the registry holds as it is (undefined), while an empty field in a
 * file that has the column clears it (null).
 */
export interface RegistryRow extends ResidentIdentity, ResidentFacts, Partial<ResidentDomicile> {
  residentNo: string;
  householdNo: string;
  ward: string;
  address: string;
  /** 郵便番号 as NNN-NNNN. */
  postalCode?: string | null;
  /** The file line the row starts on, for reports; absent for generated rows. */
  line?: number;
}
