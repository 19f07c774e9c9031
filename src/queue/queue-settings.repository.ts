import { and, eq, max } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { queueOffices, queuePurposeCounters, queuePurposes, queueTickets } from "./queue.table";

export interface OfficeSettingsPatch {
  opensAtMinute: number;
  closesAtMinute: number;
  openWeekdays: number[];
  observeNationalHolidays: boolean;
  observeYearEnd: boolean;
  closedDates: string[];
  nearlyCalledAhead: number;
  displayCaptions: string[];
}

export interface PurposePatch {
  labels: LocaleMap;
  bandStart: number;
  bandEnd: number;
  defaultServiceMinutes: number;
}

/**
 * The writes of the queue settings screen (the reads are in queue.repository.ts). Every statement
 * filters by the municipality, so another tenant's office or purpose is never touched.
 */
export function queueSettingsRepository(db: DbOrTx) {
  return {
    /** The purposes of an office that have a ticket on a service date: their bands are in use. */
    async purposesWithTicketsOn(municipalityId: string, officeId: string, serviceDate: string) {
      const rows = await db
        .selectDistinct({ purposeId: queueTickets.purposeId })
        .from(queueTickets)
        .where(
          and(
            eq(queueTickets.municipalityId, municipalityId),
            eq(queueTickets.officeId, officeId),
            eq(queueTickets.serviceDate, serviceDate),
          ),
        );
      return new Set(rows.map((r) => r.purposeId));
    },

    async updateOffice(municipalityId: string, officeId: string, patch: OfficeSettingsPatch): Promise<void> {
      await db
        .update(queueOffices)
        .set(patch)
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(queueOffices.officeId, officeId)));
    },

    async updatePurpose(
      municipalityId: string,
      officeId: string,
      purposeId: string,
      patch: PurposePatch,
    ): Promise<void> {
      await db
        .update(queuePurposes)
        .set(patch)
        .where(
          and(
            eq(queuePurposes.municipalityId, municipalityId),
            eq(queuePurposes.officeId, officeId),
            eq(queuePurposes.id, purposeId),
          ),
        );
    },

    /** Adds a purpose after the office's others; its code is made from its id. */
    async insertPurpose(municipalityId: string, officeId: string, values: PurposePatch): Promise<string> {
      const [last] = await db
        .select({ sortOrder: max(queuePurposes.sortOrder) })
        .from(queuePurposes)
        .where(and(eq(queuePurposes.municipalityId, municipalityId), eq(queuePurposes.officeId, officeId)));
      const id = crypto.randomUUID();
      await db.insert(queuePurposes).values({
        id,
        municipalityId,
        officeId,
        code: `purpose-${id.slice(0, 8)}`,
        ...values,
        sortOrder: (last?.sortOrder ?? -1) + 1,
      });
      return id;
    },

    /** Makes the purpose's counters exactly these (each already checked to be of the office). */
    async setPurposeCounters(municipalityId: string, purposeId: string, counterIds: string[]): Promise<void> {
      await db
        .delete(queuePurposeCounters)
        .where(
          and(
            eq(queuePurposeCounters.municipalityId, municipalityId),
            eq(queuePurposeCounters.purposeId, purposeId),
          ),
        );
      if (counterIds.length > 0)
        await db
          .insert(queuePurposeCounters)
          .values(counterIds.map((counterId) => ({ municipalityId, purposeId, counterId })));
    },
  };
}
