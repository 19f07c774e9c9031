import { settingsForMunicipality } from "../catalog/municipalities";
import { eventTypeLabels } from "../catalog/vocabulary-labels";
import type { Db } from "../db/database";
import { parseHousehold } from "../guidance/validate";
import { AppError } from "../shared/errors";
import type { VisitRow } from "./visit.repository";
import { eventProblems, planVisit, visitHouseholds } from "./visit-events";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";
import { refuse, visitProblem } from "./visits.errors";

export interface AddVisitEventOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** The further event's household (the visit's members under the same ids, its own event). */
  household: unknown;
  now: Date;
}

/**
 * Adds a further event of the same household and day to a visit at the plan step (a marriage and the
 * partner's move-in): its household is validated as any, kept beside the first, and the plan becomes
 * the union of the events' plans (visit-events.ts). Declines and answers are kept: the procedures
 * they name keep their ids, and the interview asks only what the new forms add.
 */
export async function addVisitEvent(db: Db, options: AddVisitEventOptions): Promise<VisitRow> {
  const parsed = parseHousehold(options.household);
  if (!parsed.ok) {
    const problems = parsed.problems.map(({ path, code, params }) => ({
      path,
      code,
      ...(params ? { params } : {}),
    }));
    throw new AppError("VALIDATION", problems, "household.invalid");
  }
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (visit.state !== "plan") throw refuse("householdLocked");
    const households = visitHouseholds(visit);
    if (!households) throw refuse("householdFirst");
    const problems = eventProblems(households, parsed.household);
    if (problems.length > 0)
      throw new AppError(
        "VALIDATION",
        problems.map((p) =>
          p.reason === "eventAlreadyInVisit"
            ? visitProblem(p.reason, { event: { ...eventTypeLabels[p.params.event] } })
            : visitProblem(p.reason, p.params),
        ),
        `visits.${problems[0]?.reason}`,
      );
    const all = [...households, parsed.household];
    return saveVisit(
      tx,
      options.scope,
      visit,
      options.version,
      "plan",
      {
        moreHouseholds: all.slice(1),
        plan: planVisit(all, settingsForMunicipality(options.scope.municipalityId)),
      },
      options.now,
    );
  });
}

export interface RemoveVisitEventOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  /** The event's place in the visit: 1 for the first further event (the first event is the household step's). */
  index: number;
  now: Date;
}

/** Takes a further event out of a visit at the plan step; the plan is the union of those left. */
export async function removeVisitEvent(db: Db, options: RemoveVisitEventOptions): Promise<VisitRow> {
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (visit.state !== "plan") throw refuse("householdLocked");
    const households = visitHouseholds(visit);
    if (
      !households ||
      !Number.isInteger(options.index) ||
      options.index < 1 ||
      options.index >= households.length
    )
      throw refuse("unknownAction");
    const all = households.filter((_, i) => i !== options.index);
    return saveVisit(
      tx,
      options.scope,
      visit,
      options.version,
      "plan",
      {
        moreHouseholds: all.slice(1),
        plan: planVisit(all, settingsForMunicipality(options.scope.municipalityId)),
      },
      options.now,
    );
  });
}
