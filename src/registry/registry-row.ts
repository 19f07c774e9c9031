import type { ResidentFacts, ResidentIdentity } from "./resident";

/**
 * One resident with their household, as an import file or the generator delivers it: the unit the
 * bulk writer (apply-registry-rows.ts) upserts by the core system's numbers.
 */
export interface RegistryRow extends ResidentIdentity, ResidentFacts {
  residentNo: string;
  householdNo: string;
  ward: string;
  address: string;
  /** The file line the row starts on, for reports; absent for generated rows. */
  line?: number;
}
