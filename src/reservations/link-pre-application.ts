import type { DbOrTx } from "../db/database";
import { effectiveState, readCodeInput } from "../preapply/pre-application";
import { preApplicationRepository } from "../preapply/pre-application.repository";
import { AppError } from "../shared/errors";

/** The confirm form's field for the pre-application's short code (or its link). */
export const PRE_APPLICATION_FIELD = "preApplication";

const problem = (code: string) =>
  new AppError("VALIDATION", [{ path: PRE_APPLICATION_FIELD, code: `reservations.field.${code}` }]);

/**
 * The pre-application a booking may carry, from its short code or link as the resident typed it: it
 * must be the same municipality's (another's is not found) and submitted, not expired, used or
 * withdrawn. Returns its id, the only thing the reservation stores; the household stays where it is.
 */
export async function preApplicationToLink(
  db: DbOrTx,
  municipalityId: string,
  typed: string,
  now: Date,
): Promise<string> {
  const input = readCodeInput(typed);
  if (!input) throw problem("preApplication");
  const entry = await preApplicationRepository(db).find(municipalityId, input);
  if (!entry) throw problem("preApplication");
  if (effectiveState(entry, now) !== "submitted" || !entry.household) throw problem("preApplicationUnusable");
  return entry.id;
}
