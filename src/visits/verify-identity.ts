import type { Db } from "../db/database";
import { checkIdentity, type IdentityCheckInput } from "./identity";
import type { VisitRow } from "./visit.repository";
import { loadVisit, type StaffScope, saveVisit } from "./visit-scope";
import { refuse, refuseAll } from "./visits.errors";

export interface VerifyIdentityOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  check: IdentityCheckInput;
  now: Date;
  /** Set by {@link verifyIdentityByCard}. */
  method?: "card-pin";
}

/** The stored result: document types, the rule met, who verified and when — no numbers, no copies. */
export interface IdentityRecord {
  documents: string[];
  rule: string;
  agent: boolean;
  agentSameHousehold: boolean;
  powerOfAttorney: boolean;
  verifiedBy: string;
  verifiedAt: string;
  /**
   * How the document was checked: "card-pin" when the My Number card was read with its PIN at the
   * counter (src/card); absent when staff looked at the documents.
   */
  method?: "card-pin";
  /**
   * Whose documents they were: the filer, set when the household names them (a member by id and
   * name, or a person from outside the household with their relation).
   */
  holder?: { member: string; name?: string } | { name: string; relation: string } | undefined;
}

/** Records the one identity check of the visit and moves it on to the household step. */
export async function verifyIdentity(db: Db, options: VerifyIdentityOptions): Promise<VisitRow> {
  const result = checkIdentity(options.check);
  if (!result.verified) throw refuseAll(result.problems);
  return db.transaction(async (tx) => {
    const visit = await loadVisit(tx, options.scope, options.visitId);
    if (visit.state !== "reception" && visit.state !== "identity") throw refuse("identityAlreadyVerified");
    const identity: IdentityRecord = {
      documents: result.documents,
      rule: result.rule,
      agent: options.check.agent,
      agentSameHousehold: options.check.agentSameHousehold,
      powerOfAttorney: options.check.powerOfAttorney,
      verifiedBy: options.scope.staffId,
      verifiedAt: options.now.toISOString(),
      ...(options.method ? { method: options.method } : {}),
    };
    // reception → identity → household: the check itself is the identity step.
    const atIdentity =
      visit.state === "reception"
        ? await saveVisit(tx, options.scope, visit, options.version, "identity", {}, options.now)
        : visit;
    const version = visit.state === "reception" ? atIdentity.version : options.version;
    return saveVisit(tx, options.scope, atIdentity, version, "household", { identity }, options.now);
  });
}

export interface VerifyIdentityByCardOptions {
  scope: StaffScope;
  visitId: string;
  version: number;
  now: Date;
}

/**
 * The identity check by the My Number card read with its PIN (src/card): recorded as the card, the
 * method, who and when — never the card's numbers nor the attributes read, which only serve to find
 * the household.
 */
export function verifyIdentityByCard(db: Db, options: VerifyIdentityByCardOptions): Promise<VisitRow> {
  return verifyIdentity(db, {
    ...options,
    check: { documents: ["mynumber-card"], agent: false, agentSameHousehold: false, powerOfAttorney: false },
    method: "card-pin",
  });
}
