import {
  draftFromHousehold,
  filerOther,
  type GuidanceDraft,
  type MemberDraft,
  memberId,
  registryFields,
} from "../guidance/guidance-form";

/** A fact where the resident's entry and the registry disagree: the registry's is the one kept. */
export interface RegistryDifference {
  /** The member's place in the registry household, from 1. */
  position: number;
  field: (typeof registryFields)[number];
  entered: string;
  registry: string;
}

/** Text as compared: full-width forms and runs of spaces of any width read as one. */
const same = (text: string) => text.normalize("NFKC").replace(/\s+/g, " ").trim();

const key = (m: Pick<MemberDraft, "name" | "birthDate">) =>
  `${m.name.replace(/[\s\u3000]/g, "")}|${m.birthDate}`;

/**
 * The household step's draft when staff open the registry household of a visit that came from a
 * pre-application: the registry's members and their registered facts win; what only the resident
 * could say is kept from their entry — the event's own fields (date, destination, new address …),
 * the filer, and each matched member's non-registry facts (insurance, pension, benefits, flags).
 * A member matches by name (spaces ignored) and date of birth. Returns the differences too.
 */
export function mergeWithRegistry(
  registry: GuidanceDraft,
  entered: unknown,
  today: string,
): { draft: GuidanceDraft; differences: RegistryDifference[] } {
  const household = entered as Parameters<typeof draftFromHousehold>[0] | null;
  if (!household || !Array.isArray(household.members)) return { draft: registry, differences: [] };
  const mine = draftFromHousehold(household, today);
  const byKey = new Map(mine.members.map((m) => [key(m), m]));
  const differences: RegistryDifference[] = [];
  // The resident's member id (m1 …) → the registry member's, for the filer.
  const ids = new Map<string, string>();
  const members = registry.members.map((r, index) => {
    const m = byKey.get(key(r)) ?? mine.members[index];
    if (!m) return r;
    ids.set(memberId(mine.members.indexOf(m)), memberId(index));
    for (const field of registryFields) {
      const a = same(String(m[field] ?? ""));
      const b = same(String(r[field] ?? ""));
      if (a !== "" && b !== "" && a !== b)
        differences.push({
          position: index + 1,
          field,
          entered: String(m[field]),
          registry: String(r[field]),
        });
    }
    const kept: Partial<MemberDraft> = {};
    for (const [k, v] of Object.entries(m) as Array<[keyof MemberDraft, MemberDraft[keyof MemberDraft]]>) {
      if ((registryFields as readonly string[]).includes(k)) continue;
      if (["fromRegistry", "residentId", "unlocked", "changeReason"].includes(k)) continue;
      (kept as Record<string, unknown>)[k] = v;
    }
    return { ...r, ...kept };
  });
  const sameEvent = mine.event.type === registry.event.type;
  const filer =
    mine.filer.choice === filerOther
      ? mine.filer
      : { ...registry.filer, choice: ids.get(mine.filer.choice) ?? registry.filer.choice };
  return {
    draft: {
      ...registry,
      members,
      event: sameEvent ? { ...mine.event } : registry.event,
      filer: sameEvent ? filer : registry.filer,
      newAddress: mine.newAddress || registry.newAddress,
      requests: mine.requests.length > 0 ? mine.requests : registry.requests,
    },
    differences,
  };
}
