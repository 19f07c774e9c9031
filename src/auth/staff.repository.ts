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
    /**
     * Reserves one password check before the slow hash, each step one statement so that parallel
     * attempts cannot all read the same count. An expired lock starts the count again. A lock in force
     * refuses the attempt; so does a count already at the threshold (checks still running, or a process
     * that died mid-check), which locks the account. The reservation counts as a failure until
     * `resetFailuresUnlessLocked` clears it.
     */
    async reserveAttempt(
      id: string,
      threshold: number,
      now: Date,
      lockUntil: Date,
    ): Promise<
      { kind: "reserved"; failedAttempts: number } | { kind: "locked"; until: Date; newlyLocked: boolean }
    > {
      const notInForce = sql`(${staff.lockedUntil} is null or ${staff.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
      const base = sql`(case when ${staff.lockedUntil} is not null then 0 else ${staff.failedAttempts} end)`;
      for (let round = 0; round < 3; round++) {
        const reserved = await db
          .update(staff)
          .set({ failedAttempts: sql`${base} + 1`, lockedUntil: null })
          .where(and(eq(staff.id, id), notInForce, sql`${base} < ${threshold}`))
          .returning({ failedAttempts: staff.failedAttempts });
        if (reserved[0]) return { kind: "reserved", failedAttempts: reserved[0].failedAttempts };
        const locked = await db
          .update(staff)
          .set({ lockedUntil: lockUntil })
          .where(and(eq(staff.id, id), notInForce, sql`${base} >= ${threshold}`))
          .returning({ lockedUntil: staff.lockedUntil });
        if (locked[0]) return { kind: "locked", until: lockUntil, newlyLocked: true };
        const [row] = await db.select({ lockedUntil: staff.lockedUntil }).from(staff).where(eq(staff.id, id));
        if (!row) break;
        if (row.lockedUntil && row.lockedUntil > now)
          return { kind: "locked", until: row.lockedUntil, newlyLocked: false };
      }
      return { kind: "locked", until: lockUntil, newlyLocked: false };
    },
    /**
     * After a wrong password whose attempt was reserved: locks once the count reaches the threshold.
     * `newlyLocked` is true for exactly the one attempt whose statement set the lock.
     */
    async lockIfOverThreshold(
      id: string,
      threshold: number,
      now: Date,
      lockUntil: Date,
    ): Promise<{ failedAttempts: number; lockedUntil: Date | null; newlyLocked: boolean }> {
      const notInForce = sql`(${staff.lockedUntil} is null or ${staff.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
      const [locked] = await db
        .update(staff)
        .set({ lockedUntil: lockUntil })
        .where(and(eq(staff.id, id), notInForce, sql`${staff.failedAttempts} >= ${threshold}`))
        .returning({ failedAttempts: staff.failedAttempts });
      if (locked) return { failedAttempts: locked.failedAttempts, lockedUntil: lockUntil, newlyLocked: true };
      const [row] = await db
        .select({ failedAttempts: staff.failedAttempts, lockedUntil: staff.lockedUntil })
        .from(staff)
        .where(eq(staff.id, id));
      const lockedUntil = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
      return { failedAttempts: row?.failedAttempts ?? 0, lockedUntil, newlyLocked: false };
    },
    /**
     * After the right password: clears the count unless a lock came into force while the hash was
     * being checked, in which case the attempt is refused and the lock's end is returned.
     */
    async resetFailuresUnlessLocked(
      id: string,
      now: Date,
    ): Promise<{ ok: true } | { ok: false; until: Date }> {
      const rows = await db
        .update(staff)
        .set({ failedAttempts: 0, lockedUntil: null })
        .where(
          and(
            eq(staff.id, id),
            sql`(${staff.lockedUntil} is null or ${staff.lockedUntil} <= ${now.toISOString()}::timestamptz)`,
          ),
        )
        .returning({ id: staff.id });
      if (rows.length > 0) return { ok: true };
      const [row] = await db.select({ lockedUntil: staff.lockedUntil }).from(staff).where(eq(staff.id, id));
      return { ok: false, until: row?.lockedUntil ?? now };
    },
    async resetFailures(id: string): Promise<void> {
      await db.update(staff).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staff.id, id));
    },
    /**
     * Marks a TOTP time step as used, in one statement: true only for a step later than every step used
     * before, so the same code (or an older one) never passes twice, even when sent in parallel.
     */
    async claimTotpStep(id: string, step: number): Promise<boolean> {
      const rows = await db
        .update(staff)
        .set({ totpLastStep: step })
        .where(and(eq(staff.id, id), sql`(${staff.totpLastStep} is null or ${staff.totpLastStep} < ${step})`))
        .returning({ id: staff.id });
      return rows.length > 0;
    },
    async setTotpSecret(municipalityId: string, id: string, secret: string): Promise<void> {
      await db
        .update(staff)
        .set({ totpSecret: secret, totpEnabled: false, totpLastStep: null })
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
    },
    async findByUsername(municipalityId: string, username: string): Promise<Staff | undefined> {
      const rows = await db
        .select()
        .from(staff)
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.username, username)));
      return rows[0];
    },
    /** Locks the account's row for the rest of the transaction, so two lifecycle actions apply in turn. */
    async findByIdForUpdate(municipalityId: string, id: string): Promise<Staff | undefined> {
      if (!isUuid(id)) return undefined;
      const rows = await db
        .select()
        .from(staff)
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)))
        .for("update");
      return rows[0];
    },
    async setDisabled(municipalityId: string, id: string, disabled: boolean): Promise<void> {
      await db
        .update(staff)
        .set({ disabled })
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
    },
    async setPasswordHash(
      municipalityId: string,
      id: string,
      passwordHash: string,
      mustChangePassword: boolean,
    ): Promise<void> {
      await db
        .update(staff)
        .set({ passwordHash, mustChangePassword })
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
    },
    /** Forgets the TOTP key: the next sign-in of a supervisor or admin enrols a new one. */
    async clearTotp(municipalityId: string, id: string): Promise<void> {
      await db
        .update(staff)
        .set({ totpSecret: null, totpEnabled: false, totpLastStep: null })
        .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, id)));
    },
    async unlock(municipalityId: string, id: string): Promise<void> {
      await db
        .update(staff)
        .set({ failedAttempts: 0, lockedUntil: null })
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
