import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { effectiveState, type PreApplicationState, readCodeInput } from "./pre-application";
import { preApplicationRepository } from "./pre-application.repository";
import { refuse } from "./preapply.errors";

export interface FindPreApplicationOptions {
  municipalityId: string;
  staffId: string;
  officeId: string | null;
  username: string;
  /** As scanned or typed: the QR's URL or token, or the short code. */
  code: string;
  requestId?: string | null;
  ip?: string | null;
  now: Date;
}

export interface FoundPreApplication {
  state: PreApplicationState;
  eventType: string;
  memberCount: number;
  createdAt: Date;
  expiresAt: Date;
  /** Only while submitted: once used, expired or withdrawn the household is no longer kept. */
  household: unknown | null;
}

/**
 * A staff member reads a pre-application of their municipality by its code. The read is audited
 * (personal data); another municipality's code is unknown, exactly as a code nobody has.
 */
export async function findPreApplication(
  db: Db,
  options: FindPreApplicationOptions,
): Promise<FoundPreApplication> {
  const input = readCodeInput(options.code);
  if (!input) throw refuse("codeUnreadable", undefined, "code");
  const row = await preApplicationRepository(db).find(options.municipalityId, input);
  if (!row) throw refuse("codeUnknown", undefined, "code");
  const state = effectiveState(row, options.now);
  await auditRepository(db).record({
    municipalityId: options.municipalityId,
    action: "preapply.read",
    actorStaffId: options.staffId,
    actorUsername: options.username,
    officeId: options.officeId,
    targetType: "pre_application",
    targetId: row.id,
    detail: { state },
    requestId: options.requestId ?? null,
    ip: options.ip ?? null,
  });
  return {
    state,
    eventType: row.eventType,
    memberCount: row.memberCount,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    household: state === "submitted" ? row.household : null,
  };
}
