import type { Db } from "../db/database";
import type { VisitState } from "./visit";
import type { VisitRow } from "./visit.repository";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";
import { refuse } from "./visits.errors";

export interface MoveVisitOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  to: Extract<VisitState, "identity" | "household" | "plan" | "interview" | "cancelled" | "closed">;
  now: Date;
}

/**
 * The moves that need no data of their own: start the identity check, step back to correct, go on to
 * the interview, cancel, close. The steps that carry data (identity, household, answers, signature,
 * accept) have their own use cases.
 */
export async function moveVisit(db: Db, options: MoveVisitOptions): Promise<VisitRow> {
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (options.to === "interview" && !visit.plan) throw refuse("householdFirst");
    const patch = options.to === "closed" ? { closedAt: options.now } : {};
    return saveVisit(tx, options.scope, visit, options.version, options.to, patch, options.now);
  });
}
