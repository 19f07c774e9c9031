import type { DbOrTx } from "../db/database";
import { type SessionStage, sessionRepository } from "./session.repository";
import { runStaffAction, type StaffActionOptions } from "./staff-action";

/** An open session as an administrator sees it: never its token or hash. */
export interface SessionSummary {
  createdAt: Date;
  /** When the session was last started or extended: its idle expiry less the idle time. */
  lastSeenAt: Date;
  expiresAt: Date;
  stage: SessionStage;
  ip: string | null;
  userAgent: string | null;
}

export interface ListSessionsOptions extends StaffActionOptions {
  now: Date;
  idleMinutes: number;
}

/** An account's open sessions, newest first; the reading is audited (they carry addresses). */
export function listSessions(db: DbOrTx, options: ListSessionsOptions): Promise<SessionSummary[]> {
  return runStaffAction(db, "staff.sessions.read", options, async (tx, member) => {
    const rows = await sessionRepository(tx).listForStaff(options.municipalityId, member.id, options.now);
    const result = rows.map((row) => {
      const extended = row.expiresAt.getTime() - options.idleMinutes * 60_000;
      return {
        createdAt: row.createdAt,
        lastSeenAt: new Date(Math.max(row.createdAt.getTime(), Math.min(extended, options.now.getTime()))),
        expiresAt: row.expiresAt,
        stage: row.stage,
        ip: row.ip,
        userAgent: row.userAgent,
      };
    });
    return { result, detail: { count: result.length } };
  });
}
