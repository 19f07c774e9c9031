import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { AppError } from "../shared/errors";
import { type RulesRow, reservationRepository } from "./reservation.repository";
import { type SlotRules, slotRulesSchema } from "./slot-rules";

export interface SaveSlotRulesOptions {
  municipalityId: string;
  officeId: string;
  purposeId: string;
  rules: unknown;
  /** The version the editor saw: a save over a newer version is refused (someone else saved meanwhile). */
  baseVersion: number | null;
  actor: { staffId: string; username: string; requestId?: string | null };
  now: Date;
}

/**
 * Saves a new version of an office purpose's booking rules: the current version is closed and the next
 * one added in one transaction, audited with both versions. Bookings already made keep their slots.
 */
export async function saveSlotRules(db: Db, options: SaveSlotRulesOptions): Promise<RulesRow> {
  const parsed = slotRulesSchema.safeParse(options.rules);
  if (!parsed.success)
    throw new AppError(
      "VALIDATION",
      parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        code: "reservations.rulesInvalid",
        params: { field: i.path.join(".") },
      })),
    );
  const rules: SlotRules = parsed.data;
  return db.transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const purpose = (await repo.listPurposes(options.municipalityId, options.officeId)).find(
      (p) => p.purposeId === options.purposeId,
    );
    if (!purpose) throw new AppError("NOT_FOUND");
    const current = await repo.lockCurrentRules(options.municipalityId, options.purposeId);
    if ((current?.version ?? null) !== options.baseVersion)
      throw new AppError("CONFLICT", [{ path: "", code: "reservations.rulesChanged" }]);
    if (current) await repo.supersedeRules(current.id, options.now);
    const saved = await repo.insertRules({
      municipalityId: options.municipalityId,
      officeId: options.officeId,
      purposeId: options.purposeId,
      version: (current?.version ?? 0) + 1,
      rules,
      createdBy: options.actor.staffId,
      createdAt: options.now,
    });
    await auditRepository(tx).record({
      municipalityId: options.municipalityId,
      action: "reservation.rulesSaved",
      actorStaffId: options.actor.staffId,
      actorUsername: options.actor.username,
      officeId: options.officeId,
      targetType: "reservation_rules",
      targetId: saved.id,
      detail: { purpose: purpose.code, version: saved.version, previous: current?.rules ?? null, rules },
      requestId: options.actor.requestId ?? null,
    });
    return saved;
  });
}
