import type { DbOrTx } from "../db/database";
import { AppError, notFound } from "../shared/errors";
import { auditRepository } from "./audit.repository";
import { refuse } from "./auth.errors";
import { type Staff, staffRepository } from "./staff.repository";

/** Who acts on an account: a signed-in administrator, or the CLI run by an operator. */
export interface StaffActor {
  staffId: string | null;
  username: string;
  officeId?: string | null;
}

/** Which account, in which municipality, by whom: the options every lifecycle use case takes. */
export interface StaffActionOptions {
  municipalityId: string;
  /** The account: by id (admin pages) or by sign-in name (CLI), always within the municipality. */
  target: { id: string } | { username: string };
  actor: StaffActor;
  requestId?: string | null;
  ip?: string | null;
}

export interface StaffActionOutcome<T> {
  result: T;
  /** What the audit entry records beside the action (never a password, code or token). */
  detail?: Record<string, unknown>;
}

/**
 * Runs one lifecycle action in one transaction: the account is read and row-locked within the
 * municipality, the change made and the audit entry written together. A refusal the action throws
 * rolls everything back and is then audited as "denied" on its own.
 */
export async function runStaffAction<T>(
  db: DbOrTx,
  action: string,
  options: StaffActionOptions,
  change: (tx: DbOrTx, member: Staff) => Promise<StaffActionOutcome<T>>,
): Promise<T> {
  const entry = {
    municipalityId: options.municipalityId,
    action,
    actorStaffId: options.actor.staffId,
    actorUsername: options.actor.username,
    officeId: options.actor.officeId ?? null,
    targetType: "staff",
    requestId: options.requestId ?? null,
    ip: options.ip ?? null,
  };
  let targetId: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const member = await findTarget(tx, options);
      targetId = member.id;
      const { result, detail } = await change(tx, member);
      await auditRepository(tx).record({
        ...entry,
        targetId: member.id,
        detail: { username: member.username, ...detail },
      });
      return result;
    });
  } catch (error) {
    if (error instanceof AppError && targetId && error.code !== "NOT_FOUND") {
      await auditRepository(db).record({
        ...entry,
        targetId,
        outcome: "denied",
        detail: { reason: error.reason ?? error.code },
      });
    }
    throw error;
  }
}

async function findTarget(tx: DbOrTx, options: StaffActionOptions): Promise<Staff> {
  const staff = staffRepository(tx);
  if ("id" in options.target) {
    const member = await staff.findByIdForUpdate(options.municipalityId, options.target.id);
    if (!member) throw notFound();
    return member;
  }
  const found = await staff.findByUsername(options.municipalityId, options.target.username);
  const member = found && (await staff.findByIdForUpdate(options.municipalityId, found.id));
  if (!member) throw refuse("unknownStaff", { username: options.target.username.slice(0, 100) }, "username");
  return member;
}
