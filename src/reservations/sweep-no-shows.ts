import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { reservationRepository } from "./reservation.repository";

export interface SweepActor {
  staffId?: string | null;
  username?: string | null;
  requestId?: string | null;
}

/**
 * Marks as no-shows the bookings of a municipality whose grace period has ended without a check-in,
 * each with an audit entry, in one transaction. Rows another sweep holds are skipped, not waited for.
 */
export async function sweepNoShows(
  db: Db,
  options: { municipalityId: string; now: Date; actor?: SweepActor },
): Promise<number> {
  return db.transaction(async (tx) => {
    const repo = reservationRepository(tx);
    const audit = auditRepository(tx);
    const overdue = await repo.lockOverdue(options.municipalityId, options.now);
    const graceByPurpose = new Map<string, number>();
    let swept = 0;
    for (const r of overdue) {
      let grace = graceByPurpose.get(r.purposeId);
      if (grace === undefined) {
        const purposes = await repo.listPurposes(r.municipalityId, r.officeId);
        for (const p of purposes) graceByPurpose.set(p.purposeId, p.rules?.graceMinutes ?? 10);
        grace = graceByPurpose.get(r.purposeId) ?? 10;
      }
      if (r.start.getTime() + grace * 60_000 >= options.now.getTime()) continue;
      await repo.update(r.id, { status: "no_show", updatedAt: options.now });
      await audit.record({
        municipalityId: r.municipalityId,
        action: "reservation.noShow",
        actorStaffId: options.actor?.staffId ?? null,
        actorUsername: options.actor?.username ?? "system",
        officeId: r.officeId,
        targetType: "reservation",
        targetId: r.id,
        detail: { start: r.start.toISOString() },
        requestId: options.actor?.requestId ?? null,
      });
      swept++;
    }
    return swept;
  });
}
