import type { Context } from "hono";
import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import type { AppEnv } from "../web/context";
import { clientIp } from "../web/middleware";
import type { VisitRow } from "./visit.repository";

/**
 * Every read of a visit's personal data leaves one audit entry (one insert per request, never one per
 * row): who (staff id, username, office), when, and what — the visit and the registry ids it showed.
 * Never the typed search criteria: a name or a birth date typed into a search is not written down.
 */
export const VISIT_READ_ACTIONS = {
  view: "visit.read",
  forms: "visit.forms.read",
  application: "visit.application-form.read",
  sheet: "visit.sheet.read",
} as const;
export type VisitRead = keyof typeof VISIT_READ_ACTIONS;

export interface VisitReadShown {
  /** Registry resident ids on the page (search hits, members prefilled from the registry). */
  residentIds?: readonly string[];
  /** Registry households on the page besides the visit's own. */
  householdIds?: readonly string[];
  /** Further ids of what was read (an application id, the sheet's language). */
  detail?: Record<string, unknown>;
}

const unique = (ids: readonly (string | undefined)[]): string[] =>
  [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))].sort();

/** Records the read of `visit` by the signed-in staff member. */
export async function auditVisitRead(
  db: DbOrTx,
  c: Context<AppEnv>,
  visit: VisitRow,
  read: VisitRead,
  shown: VisitReadShown = {},
): Promise<void> {
  const session = c.get("session");
  const householdIds = unique([visit.registryHouseholdId ?? undefined, ...(shown.householdIds ?? [])]);
  await auditRepository(db).record({
    municipalityId: visit.municipalityId,
    action: VISIT_READ_ACTIONS[read],
    actorStaffId: session?.staff.id ?? null,
    actorUsername: session?.staff.username ?? null,
    officeId: session?.officeId ?? null,
    targetType: "visit",
    targetId: visit.id,
    detail: {
      state: visit.state,
      visitOfficeId: visit.officeId,
      residentIds: unique(shown.residentIds ?? []),
      householdIds,
      ...shown.detail,
    },
    requestId: c.get("requestId") ?? null,
    ip: clientIp(c),
  });
}
