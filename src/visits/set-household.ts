import { auditRepository } from "../auth/audit.repository";
import { settingsForMunicipality } from "../catalog/municipalities";
import type { Db } from "../db/database";
import { type Answers, filerOf } from "../forms/field-dictionary";
import { planGuidance } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import { AppError } from "../shared/errors";
import type { IdentityRecord } from "./verify-identity";
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
  /** What the registry holds for this household (read on the server, never from the form). */
  registryFacts?: Answers;
  /** Registry facts staff changed for this visit, each with its reason: audited with the household. */
  registryChanges?: ReadonlyArray<{ member: string; residentId: string; reason: string }>;
  /** Who and where, for the audit entries of those changes. */
  actor?: { username: string; requestId?: string; ip?: string | null };
  now: Date;
}

/**
 * Whose identity the identity step checked: the filer (届出人) named on the household — a member, or
 * someone from outside it with their relation — kept with the document types, never a number.
 */
export function identityHolder(household: Household): IdentityRecord["holder"] {
  const filer = filerOf(household);
  if (filer.kind === "member") {
    return { member: filer.member.id, ...(filer.member.name ? { name: filer.member.name } : {}) };
  }
  if (filer.kind === "other")
    return {
      name: filer.name,
      relation:
        household.filer && "relation" in household.filer ? household.filer.relation : "other-relative",
    };
  return undefined;
}

/** Sets (or replaces) the household, runs guidance on it and moves the visit to the plan step. */
export async function setHousehold(db: Db, options: SetHouseholdOptions): Promise<VisitRow> {
  // Parsed once: the plan, the filer check and the identity holder all read the same household.
  const parsed = parseHousehold(options.household);
  // The household's problems keep the guidance module's codes (the household form shows them per field).
  if (!parsed.ok) {
    const problems = parsed.problems.map(({ path, code, params }) => ({
      path,
      code,
      ...(params ? { params } : {}),
    }));
    throw new AppError("VALIDATION", problems, "household.invalid");
  }
  const { household } = parsed;
  const plan = planGuidance(household, settingsForMunicipality(options.scope.municipalityId));
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (!["household", "plan"].includes(visit.state)) throw refuse("householdLocked");
    // A proxy (任意代理人) files only with a 委任状, and the identity step is where it was seen.
    const identity = visit.identity as IdentityRecord | null;
    const filer = household.filer;
    if (
      filer &&
      "relation" in filer &&
      filer.relation === "proxy" &&
      !(identity?.agent && identity.powerOfAttorney)
    ) {
      throw refuse("filerNotIdentified");
    }
    const holder = identityHolder(household);
    for (const change of options.registryChanges ?? []) {
      await auditRepository(tx).record({
        municipalityId: options.scope.municipalityId,
        action: "visit.household.registryFactChanged",
        actorStaffId: options.scope.staffId,
        actorUsername: options.actor?.username ?? null,
        officeId: options.scope.officeId,
        targetType: "registry_resident",
        targetId: change.residentId,
        reason: change.reason,
        detail: { visitId: visit.id, member: change.member },
        requestId: options.actor?.requestId ?? null,
        ip: options.actor?.ip ?? null,
      });
    }
    return saveVisit(
      tx,
      options.scope,
      visit,
      options.version,
      "plan",
      {
        household: options.household,
        // Further events named the members of the household replaced: added again at the plan step.
        moreHouseholds: [],
        source: options.source,
        registryHouseholdId: options.registryHouseholdId ?? null,
        registryFacts: options.registryFacts ?? { household: {}, members: {} },
        ...(identity ? { identity: { ...identity, holder } } : {}),
        plan,
        // A new household means a new plan: earlier declines and answers may no longer apply.
        declined: [],
      },
      options.now,
    );
  });
}
