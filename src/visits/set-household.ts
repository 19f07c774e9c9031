import { settingsForMunicipality } from "../catalog/municipalities";
import type { Db } from "../db/database";
import { guideHousehold } from "../guidance/guide";
import { AppError } from "../shared/errors";
import type { VisitRow } from "./visit.repository";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";
import { refuse } from "./visits.errors";

export interface SetHouseholdOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** The guidance input: event + members (+ requests), from the registry, entry or a pre-application. */
  household: unknown;
  source: "registry" | "entered" | "pre-application";
  registryHouseholdId?: string | null;
  now: Date;
}

/** Sets (or replaces) the household, runs guidance on it and moves the visit to the plan step. */
export async function setHousehold(db: Db, options: SetHouseholdOptions): Promise<VisitRow> {
  const result = guideHousehold(options.household, settingsForMunicipality(options.scope.municipalityId));
  // The household's problems keep the guidance module's codes (the household form shows them per field).
  if (!result.ok) {
    const problems = result.error.problems.map(({ path, code, params }) => ({
      path,
      code,
      ...(params ? { params } : {}),
    }));
    throw new AppError("VALIDATION", problems, result.error.code);
  }
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (!["household", "plan"].includes(visit.state)) throw refuse("householdLocked");
    return saveVisit(
      tx,
      options.scope,
      visit,
      options.version,
      "plan",
      {
        household: options.household,
        source: options.source,
        registryHouseholdId: options.registryHouseholdId ?? null,
        plan: result.plan,
        // A new household means a new plan: earlier declines and answers may no longer apply.
        declined: [],
      },
      options.now,
    );
  });
}
