import { getMunicipalitySettings } from "../catalog/municipalities";
import type { EventType } from "../catalog/vocabulary";
import type { DbOrTx } from "../db/database";
import type { Answers } from "../forms/field-dictionary";
import { householdForGuidance } from "../registry/household-for-guidance";
import type { ResidentRegistryPort } from "../registry/registry.port";
import type { HouseholdRecord } from "../registry/resident";
import { refuse } from "./visits.errors";

/**
 * Which interview key the registered address answers, by event: the deceased's address for a death,
 * the address moved from for a move within the city or out of it, the address of the household a
 * newcomer joins for a move-in.
 */
const addressKeyFor: Record<EventType, string | undefined> = {
  death: "address",
  "move-within": "previousAddress",
  "move-between-wards": "previousAddress",
  "move-out": "previousAddress",
  "move-in": "newAddress",
  birth: "address",
  marriage: "address",
  divorce: "address",
};

/** The registered address as forms print it: the city, the ward, then the address within the ward. */
export function registeredAddress(
  municipalityId: string,
  household: Pick<HouseholdRecord, "ward" | "address">,
) {
  const city = getMunicipalitySettings(municipalityId).name.ja;
  return `${city}${household.ward}${household.address}`;
}

/**
 * What the registry already knows about a household for this event, as answers the forms print and
 * the interview never asks again. Pure: the caller reads the household (with the audited reason).
 */
export function registryFactsOf(
  municipalityId: string,
  household: Pick<HouseholdRecord, "ward" | "address"> & {
    postalCode?: string | null;
    members?: ReadonlyArray<Pick<HouseholdRecord["members"][number], "relation" | "name">>;
  },
  event: EventType,
): Answers {
  const key = addressKeyFor[event];
  const facts: Record<string, string> = key ? { [key]: registeredAddress(municipalityId, household) } : {};
  // A move from a registered address: the 前住所の世帯主 is the registry's head of that household.
  const head = household.members?.find((m) => m.relation === "head")?.name;
  if (key === "previousAddress" && head) facts.previousHead = head;
  // Joining a registered household: its postal code is the new one.
  if (key === "newAddress" && household.postalCode) facts.newPostalCode = household.postalCode;
  return { household: facts, members: {} };
}

export interface ReadRegistryFactsOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  householdId: string;
  staffId: string;
  sessionStartedAt: Date;
  now: Date;
  event: EventType;
  eventDate: string;
}

/**
 * The registry facts of the household a visit was prefilled from, read again on the server when the
 * household is confirmed — never taken from the posted form, so nothing typed can replace them. The
 * household must have been opened with a reason by this staff member in this session.
 */
export async function readRegistryFacts(
  options: ReadRegistryFactsOptions,
): Promise<{ facts: Answers; residentIds: ReadonlySet<string> }> {
  const found = await householdForGuidance({ ...options, eventDate: options.eventDate });
  if (found.kind === "needs-reason") throw refuse("registryNotOpened");
  return {
    facts: registryFactsOf(options.municipalityId, found.household, options.event),
    residentIds: new Set(found.household.members.map((m) => m.id)),
  };
}
