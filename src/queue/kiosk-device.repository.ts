import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { isUuid } from "../tenancy/tenancy.repository";
import { kioskDevices } from "./kiosk-device.table";
import { queueOffices } from "./queue.table";

export type KioskDeviceRow = typeof kioskDevices.$inferSelect;

/** What the list shows of a device: never its hashes. */
export interface KioskDeviceSummary {
  id: string;
  label: string;
  createdAt: Date;
  pairingExpiresAt: Date | null;
  pairedAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summaryColumns = {
  id: kioskDevices.id,
  label: kioskDevices.label,
  createdAt: kioskDevices.createdAt,
  pairingExpiresAt: kioskDevices.pairingExpiresAt,
  pairedAt: kioskDevices.pairedAt,
  lastUsedAt: kioskDevices.lastUsedAt,
  revokedAt: kioskDevices.revokedAt,
};

/**
 * The only SQL of kiosk devices. Staff methods take the municipality id first; `findByPairingHash`
 * and `findByTokenHash` serve the kiosk browser, where an unguessable secret names the device.
 */
export function kioskDeviceRepository(db: DbOrTx) {
  return {
    async list(municipalityId: string, officeId: string): Promise<KioskDeviceSummary[]> {
      return db
        .select(summaryColumns)
        .from(kioskDevices)
        .where(and(eq(kioskDevices.municipalityId, municipalityId), eq(kioskDevices.officeId, officeId)))
        .orderBy(asc(kioskDevices.createdAt), asc(kioskDevices.id));
    },

    async insert(values: {
      municipalityId: string;
      officeId: string;
      label: string;
      pairingHash: string;
      pairingExpiresAt: Date;
      createdBy: string;
      createdAt: Date;
    }): Promise<KioskDeviceRow> {
      const [row] = await db.insert(kioskDevices).values(values).returning();
      if (!row) throw new Error("kiosk device not inserted");
      return row;
    },

    /** A device still waiting for its pairing, by the code's hash; `lock` takes its row for the swap. */
    async findPairable(pairingHash: string, now: Date, lock = false): Promise<KioskDeviceRow | undefined> {
      const query = db
        .select()
        .from(kioskDevices)
        .where(
          and(
            eq(kioskDevices.pairingHash, pairingHash),
            gt(kioskDevices.pairingExpiresAt, now),
            isNull(kioskDevices.revokedAt),
          ),
        );
      const rows = lock ? await query.for("update") : await query;
      return rows[0];
    },

    /** Swaps the pairing code for the device token; false when another request paired it first. */
    async pair(id: string, pairingHash: string, tokenHash: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(kioskDevices)
        .set({ tokenHash, pairingHash: null, pairingExpiresAt: null, pairedAt: now })
        .where(and(eq(kioskDevices.id, id), eq(kioskDevices.pairingHash, pairingHash)))
        .returning({ id: kioskDevices.id });
      return rows.length === 1;
    },

    /** The paired, unrevoked device holding this token, when it belongs to the office. */
    async findActive(officeId: string, tokenHash: string): Promise<KioskDeviceRow | undefined> {
      const rows = await db
        .select()
        .from(kioskDevices)
        .where(
          and(
            eq(kioskDevices.officeId, officeId),
            eq(kioskDevices.tokenHash, tokenHash),
            isNull(kioskDevices.revokedAt),
          ),
        );
      return rows[0];
    },

    async touch(id: string, now: Date): Promise<void> {
      await db.update(kioskDevices).set({ lastUsedAt: now }).where(eq(kioskDevices.id, id));
    },

    /** Revokes a device of the office; undefined when there is none such or it was revoked already. */
    async revoke(
      municipalityId: string,
      officeId: string,
      id: string,
      staffId: string,
      now: Date,
    ): Promise<KioskDeviceSummary | undefined> {
      if (!isUuid(id)) return undefined;
      const rows = await db
        .update(kioskDevices)
        .set({
          revokedAt: now,
          revokedBy: staffId,
          tokenHash: null,
          pairingHash: null,
          pairingExpiresAt: null,
        })
        .where(
          and(
            eq(kioskDevices.municipalityId, municipalityId),
            eq(kioskDevices.officeId, officeId),
            eq(kioskDevices.id, id),
            isNull(kioskDevices.revokedAt),
          ),
        )
        .returning(summaryColumns);
      return rows[0];
    },

    async setRequired(municipalityId: string, officeId: string, required: boolean): Promise<boolean> {
      const rows = await db
        .update(queueOffices)
        .set({ kioskRequiresDevice: required })
        .where(and(eq(queueOffices.municipalityId, municipalityId), eq(queueOffices.officeId, officeId)))
        .returning({ officeId: queueOffices.officeId });
      return rows.length === 1;
    },
  };
}
