import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { AppError } from "../shared/errors";
import { domicileProblems } from "./domicile";
import { factDiff } from "./local-registry";
import type { StaffActor } from "./open-household";
import type { ResidentRegistryPort } from "./registry.port";
import { type EditableFacts, factProblems, type ResidentRecord } from "./resident";

export interface UpdateResidentFactsOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  resident: ResidentRecord;
  expectedVersion: number;
  facts: EditableFacts;
  reason: string;
  actor: StaffActor;
  /** Today in Japan (ISO date): the age the facts are checked against. */
  today: string;
}

/**
 * Records facts a resident reports at the counter. Facts that contradict the person's age, and 戸籍 or
 * 在留 facts that contradict the nationality (or carry a 個人番号), are refused with the reason
 * (VALIDATION, per field); an edit made on a stale version is refused (CONFLICT).
 * Only changed fields are written, each to the history with the reason, and the edit is audited.
 */
export async function updateResidentFacts(
  options: UpdateResidentFactsOptions,
): Promise<{ changed: string[] }> {
  const problems = [
    ...factProblems(options.facts, options.resident.birthDate, options.today),
    ...domicileProblems(options.facts),
  ];
  if (problems.length > 0) {
    throw new AppError(
      "VALIDATION",
      problems.map(({ field, ...m }) => ({ path: field, ...m })),
    );
  }
  const changed = factDiff(options.resident, options.facts).map((d) => d.field);
  if (changed.length === 0) return { changed };
  await options.registry.updateFacts(options.municipalityId, {
    residentId: options.resident.id,
    expectedVersion: options.expectedVersion,
    facts: options.facts,
    reason: options.reason,
    author: { staffId: options.actor.staffId, username: options.actor.username },
  });
  await auditRepository(options.db).record({
    municipalityId: options.municipalityId,
    action: "registry.resident.update",
    actorStaffId: options.actor.staffId,
    actorUsername: options.actor.username,
    officeId: options.actor.officeId,
    targetType: "resident",
    targetId: options.resident.id,
    reason: options.reason,
    detail: { fields: changed, householdId: options.resident.householdId },
    requestId: options.actor.requestId ?? null,
    ip: options.actor.ip ?? null,
  });
  return { changed };
}
