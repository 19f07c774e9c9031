import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { sessions } from "./auth.table";

export type SessionRow = typeof sessions.$inferSelect;
export type SessionStage = SessionRow["stage"];

export function sessionRepository(db: DbOrTx) {
  return {
    async insert(values: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(values);
    },
    async findByHash(idHash: string): Promise<SessionRow | undefined> {
      const rows = await db.select().from(sessions).where(eq(sessions.idHash, idHash));
      return rows[0];
    },
    async update(
      idHash: string,
      values: Partial<Pick<SessionRow, "stage" | "expiresAt" | "counterId" | "csrfToken">>,
    ): Promise<void> {
      await db.update(sessions).set(values).where(eq(sessions.idHash, idHash));
    },
    async delete(idHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },
    async deleteExpired(now: Date): Promise<void> {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },
    /** Ends every session of one account; returns how many there were. */
    async deleteForStaff(municipalityId: string, staffId: string): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.municipalityId, municipalityId), eq(sessions.staffId, staffId)))
        .returning({ idHash: sessions.idHash });
      return rows.length;
    },
    /** One account's sessions that have not expired, newest first. */
    listForStaff(municipalityId: string, staffId: string, now: Date): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.municipalityId, municipalityId),
            eq(sessions.staffId, staffId),
            gt(sessions.expiresAt, now),
          ),
        )
        .orderBy(desc(sessions.createdAt));
    },
  };
}
