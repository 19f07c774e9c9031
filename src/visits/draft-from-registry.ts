import type { DbOrTx } from "../db/database";
import { draftFromHousehold, type GuidanceDraft } from "../guidance/guidance-form";
import { householdToGuidanceInput } from "../registry/guidance-input";
import { householdForGuidance } from "../registry/household-for-guidance";
import type { ResidentRegistryPort } from "../registry/registry.port";

/**
 * The events of a household the registry holds that are not themselves reasons for opening it: the
 * household is opened as 届出事項の変更 (the audit's reason) and the form starts with the event.
 */
export const familyEvents = ["birth", "marriage", "divorce"] as const;

/** The events a registry household can be brought up for at the counter (move-in: joining a household). */
export const registryEvents = [
  "move-within",
  "move-between-wards",
  "move-out",
  "death",
  "move-in",
  ...familyEvents,
] as const;
export type RegistryEvent = (typeof registryEvents)[number];

export interface DraftFromRegistryOptions {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  municipalityId: string;
  householdId: string;
  staffId: string;
  sessionStartedAt: Date;
  now: Date;
  /** The event day (ISO date), also the form's "today". */
  today: string;
  event: RegistryEvent;
  /** The resident the household was opened from: for a death, the deceased. */
  subject?: string | undefined;
}

/**
 * The household form prefilled from a registry household this staff member opened with a reason in
 * this session (the audit entry); undefined without one, so the page shows no registry data and the
 * search asks for a reason. Another municipality's or an unknown household is "not found".
 */
export async function draftFromRegistry(
  options: DraftFromRegistryOptions,
): Promise<GuidanceDraft | undefined> {
  const { today, event } = options;
  const found = await householdForGuidance({
    db: options.db,
    registry: options.registry,
    municipalityId: options.municipalityId,
    householdId: options.householdId,
    staffId: options.staffId,
    sessionStartedAt: options.sessionStartedAt,
    now: options.now,
    eventDate: today,
  });
  if (found.kind === "needs-reason") return undefined;
  const input = householdToGuidanceInput(found.household, { type: event, date: today });
  const draft = draftFromHousehold(
    { event: { type: event, date: today }, members: input.members.map((m) => ({ ...m })) },
    today,
    { fromRegistry: true },
  );
  const index = found.household.members.findIndex((m) => m.id === options.subject);
  if (event === "death" && index >= 0) draft.event.subject = `m${index + 1}`;
  return draft;
}
