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
  | { kind: "ok"; household: HouseholdRecord; members: Member[] };

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
  return {
    kind: "ok",
    household: view.household,
    members: membersFromHousehold(view.household, options.eventDate),
  };
}
