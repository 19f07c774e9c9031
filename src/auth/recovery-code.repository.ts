import { and, count, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { staffRecoveryCodes } from "./auth.table";

export function recoveryCodeRepository(db: DbOrTx) {
  return {
    /** Replaces every code of the account (used or not) with the given hashes. */
    async replace(municipalityId: string, staffId: string, codeHashes: readonly string[]): Promise<void> {
      await this.deleteAll(municipalityId, staffId);
      if (codeHashes.length === 0) return;
      await db
        .insert(staffRecoveryCodes)
        .values(codeHashes.map((codeHash) => ({ municipalityId, staffId, codeHash })));
    },
    async deleteAll(municipalityId: string, staffId: string): Promise<number> {
      const rows = await db
        .delete(staffRecoveryCodes)
        .where(
          and(eq(staffRecoveryCodes.municipalityId, municipalityId), eq(staffRecoveryCodes.staffId, staffId)),
        )
        .returning({ id: staffRecoveryCodes.id });
      return rows.length;
    },
    /**
     * Spends one unused code in a single statement: true for exactly one caller, however many send the
     * same code at once.
     */
    async spend(municipalityId: string, staffId: string, codeHash: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(staffRecoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(staffRecoveryCodes.municipalityId, municipalityId),
            eq(staffRecoveryCodes.staffId, staffId),
            eq(staffRecoveryCodes.codeHash, codeHash),
            isNull(staffRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: staffRecoveryCodes.id });
      return rows.length > 0;
    },
    async countUnused(municipalityId: string, staffId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(staffRecoveryCodes)
        .where(
          and(
            eq(staffRecoveryCodes.municipalityId, municipalityId),
            eq(staffRecoveryCodes.staffId, staffId),
            isNull(staffRecoveryCodes.usedAt),
          ),
        );
      return Number(row?.n ?? 0);
    },
  };
}
