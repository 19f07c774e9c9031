import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import type { ResidentRegistryPort } from "./registry.port";
import { OPEN_ACTION, registryAccessRepository } from "./registry-access.repository";
import type { HouseholdRecord, ResidentChange } from "./resident";

export const openReasons = [
  "move-within",
  "move-between-wards",
  "move-out",
  "death",
  "move-in",
  "birth",
  "marriage",
  "divorce",
  "certificate",
  "change",
  "other",
] as const;
export type OpenReason = (typeof openReasons)[number];

/** How long an opening lets the same staff member view the household again without a new reason. */
export const OPEN_WINDOW_MS = 30 * 60_000;

export interface StaffActor {
  /** Null for the command line, whose user is named in `username`. */
  staffId: string | null;
  username: string;
  officeId: string | null;
  requestId?: string | null;
  ip?: string | null;
}

export interface OpenHouseholdOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  householdId: string;
  /** The resident chosen in the search, kept in the log to show whom the staff member looked for. */
  residentId?: string;
  reason: OpenReason;
  detail: string;
  actor: StaffActor;
}

/**
 * Opens a household record: the reason is written to the audit log (who, when, which household,
 * why) before anything of the record is shown. An unknown or another tenant's household is "not found".
 */
export async function openHousehold(options: OpenHouseholdOptions): Promise<void> {
  // The reason is kept for ever in the append-only audit log: never a 個人番号 (whatever the caller).
  if (containsMyNumber(options.detail)) {
    throw new AppError("VALIDATION", [{ path: "detail", code: myNumberRefused }]);
  }
  const household = await options.registry.household(options.municipalityId, options.householdId);
  if (!household) throw new AppError("NOT_FOUND");
  await auditRepository(options.db).record({
    municipalityId: options.municipalityId,
    action: OPEN_ACTION,
    actorStaffId: options.actor.staffId,
    actorUsername: options.actor.username,
    officeId: options.actor.officeId,
    targetType: "household",
    targetId: household.id,
    reason: options.detail ? `${options.reason}: ${options.detail}` : options.reason,
    detail: {
      reason: options.reason,
      // Only a member of this household is recorded as the person looked for.
      residentId: household.members.some((m) => m.id === options.residentId) ? options.residentId : null,
      adapter: options.registry.kind,
    },
    requestId: options.actor.requestId ?? null,
    ip: options.actor.ip ?? null,
  });
}

export interface ViewHouseholdOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  householdId: string;
  staffId: string;
  /** Openings before the current session started do not count. */
  sessionStartedAt: Date;
  now: Date;
}

export type HouseholdView =
  | { kind: "needs-reason" }
  | { kind: "ok"; household: HouseholdRecord; history: ResidentChange[] };

/** The household with its history, when this staff member opened it with a reason in this session. */
export async function viewHousehold(options: ViewHouseholdOptions): Promise<HouseholdView> {
  const since = new Date(
    Math.max(options.sessionStartedAt.getTime(), options.now.getTime() - OPEN_WINDOW_MS),
  );
  const opened = await registryAccessRepository(options.db).openedSince({
    municipalityId: options.municipalityId,
    staffId: options.staffId,
    householdId: options.householdId,
    since,
  });
  if (!opened) return { kind: "needs-reason" };
  const household = await options.registry.household(options.municipalityId, options.householdId);
  if (!household) throw new AppError("NOT_FOUND");
  const history = await options.registry.history(options.municipalityId, household.id, 30);
  return { kind: "ok", household, history };
}
