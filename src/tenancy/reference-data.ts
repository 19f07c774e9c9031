import type { DbOrTx } from "../db/database";
import { TtlCache } from "../shared/ttl-cache";
import { type Counter, type Municipality, type Office, tenancyRepository } from "./tenancy.repository";

/**
 * Municipalities, offices and counters change a few times a year; pages read them on every request.
 * This keeps them in memory for a minute, per tenant, so a page costs no query for them.
 */
export function referenceData(db: DbOrTx, ttlMs = 60_000) {
  const repo = tenancyRepository(db);
  const municipalities = new TtlCache<string, Municipality | undefined>(ttlMs, 2_000);
  const offices = new TtlCache<string, Office[]>(ttlMs, 2_000);
  const counters = new TtlCache<string, Counter[]>(ttlMs, 20_000);
  return {
    municipality: (id: string) => municipalities.get(id, () => repo.getMunicipality(id)),
    offices: (municipalityId: string) => offices.get(municipalityId, () => repo.listOffices(municipalityId)),
    async office(municipalityId: string, officeId: string): Promise<Office | undefined> {
      return (await this.offices(municipalityId)).find((o) => o.id === officeId);
    },
    counters: (municipalityId: string, officeId: string) =>
      counters.get(`${municipalityId}/${officeId}`, () => repo.listCounters(municipalityId, officeId)),
    clear(): void {
      municipalities.clear();
      offices.clear();
      counters.clear();
    },
  };
}

export type ReferenceData = ReturnType<typeof referenceData>;
