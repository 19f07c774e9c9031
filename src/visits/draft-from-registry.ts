import type { DbOrTx } from "../db/database";
import { draftFromHousehold, type GuidanceDraft } from "../guidance/guidance-form";
import { householdToGuidanceInput } from "../registry/guidance-input";
import { householdForGuidance } from "../registry/household-for-guidance";
import type { ResidentRegistryPort } from "../registry/registry.port";
import type { ResidentRecord } from "../registry/resident";

/** The family events a registry household is opened for (each its own audited reason). */
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
  Object.assign(draft.event, familyRoles(event, found.household.members, index));
  return draft;
}

type RoleFacts = Pick<ResidentRecord, "relation" | "sex" | "pregnant">;

/**
 * Who the registry already says plays each part of a family event, as the form's member choices
 * (`m1` …): the staff member confirms or changes them, and nothing is chosen where the registry
 * cannot tell. A birth's mother: the one member noted as pregnant, else the resident opened if she
 * is a woman, else the one woman among the head and the spouse. A divorce: the head and the spouse.
 * A marriage: the resident opened as one partner (the other is often from another household).
 */
export function familyRoles(
  event: RegistryEvent,
  members: readonly RoleFacts[],
  subject: number,
): Partial<Pick<GuidanceDraft["event"], "mother" | "partners">> {
  const at = (i: number) => (i >= 0 ? `m${i + 1}` : "");
  const only = (test: (m: RoleFacts) => boolean) => {
    const found = members.flatMap((m, i) => (test(m) ? [i] : []));
    return found.length === 1 ? (found[0] as number) : -1;
  };
  const couple = (m: RoleFacts) => m.relation === "head" || m.relation === "spouse";
  switch (event) {
    case "birth": {
      const pregnant = only((m) => m.pregnant);
      if (pregnant >= 0) return { mother: at(pregnant) };
      if (members[subject]?.sex === "female") return { mother: at(subject) };
      const mother = only((m) => couple(m) && m.sex === "female");
      return mother >= 0 ? { mother: at(mother) } : {};
    }
    case "divorce": {
      const head = only((m) => m.relation === "head");
      const spouse = only((m) => m.relation === "spouse");
      return head >= 0 && spouse >= 0 ? { partners: [at(head), at(spouse)] } : {};
    }
    case "marriage":
      return subject >= 0 ? { partners: [at(subject), ""] } : {};
    default:
      return {};
  }
}
