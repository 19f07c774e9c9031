import { auditRepository } from "../auth/audit.repository";
import type { Db } from "../db/database";
import { effectiveState, readCodeInput, transition } from "../preapply/pre-application";
import { preApplicationRepository } from "../preapply/pre-application.repository";
import { refuse } from "../preapply/preapply.errors";
import { todayInJapan } from "../shared/dates";
import type { VisitRow } from "./visit.repository";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";

/** The reception step's field: its id on the page, and the path a refusal names. */
export const PRE_APPLICATION_FIELD = "pre-application-code";

export interface StartFromPreApplicationOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** As the USB scanner typed it (the QR's URL), or the short code as typed. */
  code: string;
  /** Instead of the code: the entry's id, as a reservation carries it (src/reservations/prefill-called-visit.ts). */
  preApplicationId?: string;
  actor: { username: string | null; requestId?: string | null; ip?: string | null };
  now: Date;
}

/**
 * Opens a visit at reception from a resident's pre-application, in ONE transaction: the entry is
 * locked, checked (unknown, expired, used and withdrawn each refused by name, another municipality's
 * is unknown), its household and answers become the visit's — source `pre-application`, entered by the
 * resident and unverified until staff confirm the household step against the identity document and
 * the registry — and the entry moves to `consumed` with the visit's id, its own copy cleared.
 */
export async function startFromPreApplication(
  db: Db,
  options: StartFromPreApplicationOptions,
): Promise<VisitRow> {
  const { scope, now } = options;
  const input = options.preApplicationId ? undefined : readCodeInput(options.code);
  if (!options.preApplicationId && !input) throw refuse("codeUnreadable", undefined, PRE_APPLICATION_FIELD);
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, scope, options.visitId);
    if (visit.state !== "reception") throw refuse("notAtReception", undefined, PRE_APPLICATION_FIELD);
    const repo = preApplicationRepository(tx);
    const entry = options.preApplicationId
      ? await repo.findByIdForUpdate(scope.municipalityId, options.preApplicationId)
      : input && (await repo.findForUpdate(scope.municipalityId, input));
    if (!entry) throw refuse("codeUnknown", undefined, PRE_APPLICATION_FIELD);
    const state = effectiveState(entry, now);
    if (state === "expired")
      throw refuse("codeExpired", { expiresAt: todayInJapan(entry.expiresAt) }, PRE_APPLICATION_FIELD);
    if (state === "consumed") throw refuse("codeUsed", undefined, PRE_APPLICATION_FIELD);
    if (state === "withdrawn") throw refuse("codeWithdrawn", undefined, PRE_APPLICATION_FIELD);
    if (!transition(state, "consumed").ok || !entry.household)
      throw refuse("codeUnknown", undefined, PRE_APPLICATION_FIELD);
    const saved = await saveVisit(
      tx,
      scope,
      visit,
      options.version,
      "reception",
      { household: entry.household, source: "pre-application" },
      now,
    );
    await repo.markConsumed(scope.municipalityId, entry.id, visit.id, now);
    await auditRepository(tx).record({
      municipalityId: scope.municipalityId,
      action: "preapply.consume",
      actorStaffId: scope.staffId,
      actorUsername: options.actor.username,
      officeId: scope.officeId,
      targetType: "pre_application",
      targetId: entry.id,
      detail: { visitId: visit.id, members: entry.memberCount },
      requestId: options.actor.requestId ?? null,
      ip: options.actor.ip ?? null,
    });
    return saved;
  });
}
