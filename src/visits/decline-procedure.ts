import type { Db } from "../db/database";
import type { Plan } from "../guidance/engine";
import { AppError } from "../shared/errors";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";
import type { VisitRow } from "./visit.repository";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";
import { refuse } from "./visits.errors";

export interface Declined {
  procedureId: string;
  reason: string;
  by: string;
  at: string;
}

export interface DeclineProcedureOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  procedureId: string;
  /** Empty to take a decline back. */
  reason: string;
  declined: boolean;
  now: Date;
}

/** Unticks (or ticks again) a procedure of the plan the resident declines, with the reason. */
export async function declineProcedure(db: Db, options: DeclineProcedureOptions): Promise<VisitRow> {
  const reason = options.reason.normalize("NFKC").trim();
  if (options.declined && reason.length === 0) throw refuse("declineReasonRequired", undefined, "reason");
  // The reason is kept with the visit and shown again: never a 個人番号 (shared/my-number.ts).
  if (containsMyNumber(reason)) throw new AppError("VALIDATION", [{ path: "reason", code: myNumberRefused }]);
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (visit.state !== "plan") throw refuse("declineOnlyAtPlan");
    const plan = visit.plan as Plan | null;
    if (!plan?.procedures.some((p) => p.id === options.procedureId)) throw new AppError("NOT_FOUND");
    const others = (visit.declined as Declined[]).filter((d) => d.procedureId !== options.procedureId);
    const declined = options.declined
      ? [
          ...others,
          {
            procedureId: options.procedureId,
            reason: reason.slice(0, 500),
            by: options.scope.staffId,
            at: options.now.toISOString(),
          },
        ]
      : others;
    return saveVisit(tx, options.scope, visit, options.version, "plan", { declined }, options.now);
  });
}
