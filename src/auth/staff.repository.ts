import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { isUuid } from "../tenancy/tenancy.repository";
import { type StaffRole, staff } from "./auth.table";

export type Staff = typeof staff.$inferSelect;

export interface NewStaff {
  municipalityId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  officeId: string;
  passwordHash: string;
}

export function staffRepository(db: DbOrTx) {
  return {
    /** Unscoped on purpose: sign-in is the one place where the tenant is not known yet. */
    async findByUsernameForSignIn(username: string): Promise<Staff | undefined> {
      const rows = await db.select().from(staff).where(eq(staff.username, username));
      return rows[0];
    },
    async findById(municipalityId: string, id: string): Promise<Staff | undefined> {
      if (!isUuid(id)) return undefined;
      const rows = await db
        .select()
        .from(staff)
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
      return rows[0];
    },
    list(municipalityId: string): Promise<Staff[]> {
      return db
        .select()
        .from(staff)
        .where(eq(staff.municipalityId, municipalityId))
        .orderBy(asc(staff.username));
    },
    async insert(values: NewStaff): Promise<Staff> {
      const [row] = await db.insert(staff).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async usernameExists(username: string): Promise<boolean> {
      const rows = await db.select({ id: staff.id }).from(staff).where(eq(staff.username, username));
      return rows.length > 0;
    },
    /** Counts a failure and locks the account once the threshold is reached; returns the new state. */
    async recordFailure(
      id: string,
      threshold: number,
      lockUntil: Date,
    ): Promise<{ failedAttempts: number; lockedUntil: Date | null }> {
      const [row] = await db
        .update(staff)
        .set({
          failedAttempts: sql`${staff.failedAttempts} + 1`,
          lockedUntil: sql`case when ${staff.failedAttempts} + 1 >= ${threshold} then ${lockUntil.toISOString()}::timestamptz else ${staff.lockedUntil} end`,
        })
        .where(eq(staff.id, id))
        .returning({ failedAttempts: staff.failedAttempts, lockedUntil: staff.lockedUntil });
      return row ?? { failedAttempts: 0, lockedUntil: null };
    },
    async resetFailures(id: string): Promise<void> {
      await db.update(staff).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staff.id, id));
    },
    async setTotpSecret(municipalityId: string, id: string, secret: string): Promise<void> {
      await db
        .update(staff)
        .set({ totpSecret: secret, totpEnabled: false })
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
    },
    async enableTotp(municipalityId: string, id: string): Promise<void> {
      await db
        .update(staff)
        .set({ totpEnabled: true })
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
    },
  };
}
