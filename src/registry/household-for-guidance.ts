import type { Member } from "../guidance/household.schema";
import { AppError } from "../shared/errors";
import { membersFromHousehold } from "./guidance-input";
import { type ViewHouseholdOptions, viewHousehold } from "./open-household";
import type { HouseholdRecord } from "./resident";

export interface HouseholdForGuidanceOptions extends ViewHouseholdOptions {
  /** The event day (ISO date): ages, kouki at 75 and the pension category are taken on that day. */
  eventDate: string;
}

export type HouseholdForGuidance =
  | { kind: "needs-reason"; openPath: string }
  | {
      kind: "ok";
      household: HouseholdRecord;
      members: Member[];
      /** 郵便番号 of the registered address (NNN-NNNN), or null when the registry has none. */
      postalCode: string | null;
      /** The registered address from the ward on, as registered: 南区近見五丁目35番24号. */
      address: string;
      /** The head's name as registered (null only for a household without a head). */
      headName: string | null;
    };

/**
 * The members of a registry household as guidance input, for the guidance page's
 * `?household=<id>` prefill. Like the household page, it needs the household opened with a reason
 * by this staff member in this session (the audit entry); otherwise it says where to give one.
 * An unknown or another municipality's household throws NOT_FOUND.
 */
export async function householdForGuidance(
  options: HouseholdForGuidanceOptions,
): Promise<HouseholdForGuidance> {
  const view = await viewHousehold(options);
  if (view.kind === "needs-reason") {
    const exists = await options.registry.household(options.municipalityId, options.householdId);
    if (!exists) throw new AppError("NOT_FOUND");
    return { kind: "needs-reason", openPath: `/registry/households/${exists.id}/open` };
  }
  const { household } = view;
  return {
    kind: "ok",
    household,
    members: membersFromHousehold(household, options.eventDate),
    postalCode: household.postalCode,
    address: `${household.ward}${household.address}`,
    headName: household.members.find((m) => m.relation === "head")?.name ?? null,
  };
}
