import type { EventType } from "../catalog/vocabulary";
import type { Db } from "../db/database";
import { type GuidanceDraft, householdFromDraft, registryChanges } from "../guidance/guidance-form";
import type { ResidentRegistryPort } from "../registry/registry.port";
import { todayInJapan } from "../shared/dates";
import { readRegistryFacts } from "./registry-facts";
import { setHousehold } from "./set-household";
import type { VisitRow } from "./visit.repository";
import type { StaffScope } from "./visit-scope";

export interface ConfirmHouseholdOptions {
  db: Db;
  registry: ResidentRegistryPort;
  scope: StaffScope;
  visitId: string;
  version: number;
  /** The household form as posted (already checked field by field). */
  draft: GuidanceDraft;
  /** The registry household the form was prefilled from, if any (from the form: checked here). */
  registryHouseholdId: string;
  /** The signed-in session: the registry household must have been opened with a reason in it. */
  session: { staffId: string; username: string; startedAt: Date };
  request: { requestId?: string; ip?: string | null };
  now: Date;
}

/**
 * The household step's "confirm": the household from the form, and — when it came from the registry —
 * the registry's own facts read again on the server (never from the form), with every fact staff
 * changed audited with its reason. A resident id from the form counts only when it belongs to that
 * registry household.
 */
export async function confirmHousehold(options: ConfirmHouseholdOptions): Promise<VisitRow> {
  const { draft, scope, session } = options;
  const registryRead = options.registryHouseholdId
    ? await readRegistryFacts({
        db: options.db,
        registry: options.registry,
        municipalityId: scope.municipalityId,
        householdId: options.registryHouseholdId,
        staffId: session.staffId,
        sessionStartedAt: session.startedAt,
        now: options.now,
        event: draft.event.type as EventType,
        eventDate: todayInJapan(options.now),
      })
    : undefined;
  return setHousehold(options.db, {
    scope,
    visitId: options.visitId,
    version: options.version,
    household: householdFromDraft(draft, { municipalityId: scope.municipalityId }),
    source: registryRead ? "registry" : "entered",
    registryHouseholdId: registryRead ? options.registryHouseholdId : null,
    ...(registryRead
      ? {
          registryFacts: registryRead.facts,
          registryChanges: registryChanges(draft).filter((x) => registryRead.residentIds.has(x.residentId)),
        }
      : {}),
    actor: { username: session.username, ...options.request },
    now: options.now,
  });
}
