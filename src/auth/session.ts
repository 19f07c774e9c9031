import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/database";
import type { StaffRole } from "./auth.table";
import { type SessionStage, sessionRepository } from "./session.repository";
import { staffRepository } from "./staff.repository";

/** A signed-in staff member as every route sees them: who, which tenant, which office and counter. */
export interface SessionContext {
  idHash: string;
  municipalityId: string;
  stage: SessionStage;
  csrfToken: string;
  officeId: string;
  counterId: string | null;
  expiresAt: Date;
  createdAt: Date;
  staff: { id: string; username: string; displayName: string; role: StaffRole };
}

// A session never outlives a working day, however often it is extended.
export const SESSION_MAX_HOURS = 12;

export const newToken = (): string => randomBytes(32).toString("base64url");
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface StartSessionOptions {
  municipalityId: string;
  staffId: string;
  officeId: string;
  stage: SessionStage;
  idleMinutes: number;
  now: Date;
  ip?: string | null;
  userAgent?: string | null;
}

/** Creates a session and returns the opaque token for the cookie; only its hash is stored. */
export async function startSession(db: DbOrTx, options: StartSessionOptions): Promise<string> {
  const token = newToken();
  await sessionRepository(db).insert({
    idHash: hashToken(token),
    municipalityId: options.municipalityId,
    staffId: options.staffId,
    officeId: options.officeId,
    stage: options.stage,
    csrfToken: newToken(),
    createdAt: options.now,
    expiresAt: new Date(options.now.getTime() + options.idleMinutes * 60_000),
    ip: options.ip ?? null,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export type ResolvedSession =
  | { kind: "none" }
  | { kind: "expired" }
  | { kind: "ok"; session: SessionContext };

/** Looks a cookie token up; an expired or orphaned session is deleted and reported as such. */
export async function resolveSession(db: DbOrTx, token: string, now: Date): Promise<ResolvedSession> {
  const idHash = hashToken(token);
  const sessions = sessionRepository(db);
  const row = await sessions.findByHash(idHash);
  if (!row) return { kind: "none" };
  const tooOld = now.getTime() - row.createdAt.getTime() > SESSION_MAX_HOURS * 3_600_000;
  if (row.expiresAt <= now || tooOld) {
    await sessions.delete(idHash);
    return { kind: "expired" };
  }
  const member = await staffRepository(db).findById(row.municipalityId, row.staffId);
  if (!member || member.disabled) {
    await sessions.delete(idHash);
    return { kind: "expired" };
  }
  return {
    kind: "ok",
    session: {
      idHash,
      municipalityId: row.municipalityId,
      stage: row.stage,
      csrfToken: row.csrfToken,
      officeId: row.officeId,
      counterId: row.counterId,
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
      staff: { id: member.id, username: member.username, displayName: member.displayName, role: member.role },
    },
  };
}

/** Moves the idle expiry forward, never past the session's maximum age. */
export async function extendSession(
  db: DbOrTx,
  session: SessionContext,
  idleMinutes: number,
  now: Date,
): Promise<Date> {
  const max = session.createdAt.getTime() + SESSION_MAX_HOURS * 3_600_000;
  const expiresAt = new Date(Math.min(now.getTime() + idleMinutes * 60_000, max));
  await sessionRepository(db).update(session.idHash, { expiresAt });
  return expiresAt;
}
