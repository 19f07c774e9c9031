import { getMunicipalitySettings, municipalityIds } from "../catalog/municipalities";
import type { Db } from "../db/database";
import type { Plan } from "../guidance/engine";
import { guideHousehold } from "../guidance/guide";
import type { Household } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import { AppError } from "../shared/errors";
import { anyMyNumber, myNumberRefused } from "../shared/my-number";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import {
  DEFAULT_PRE_APPLICATION_DAYS,
  enteredFieldCount,
  expiryOf,
  hashShortCode,
  hashToken,
  newToken,
  shortCodeOf,
  transition,
} from "./pre-application";
import { type PreApplicationRow, preApplicationRepository } from "./pre-application.repository";
import { refuse } from "./preapply.errors";

/** The largest household a resident may send, as JSON bytes: a household of 20 with every field fits. */
export const MAX_HOUSEHOLD_BYTES = 64 * 1024;

export interface SubmitPreApplicationOptions {
  municipalityId: string;
  /** The household and event (+ answers) as the guidance schema reads it. */
  household: unknown;
  /** The language the resident used, for the page their QR opens. */
  lang: string;
  now: Date;
}

export interface SubmittedPreApplication {
  row: PreApplicationRow;
  /** The QR's key (shown once, never stored). */
  token: string;
  /** The short code to read out or type (shown once, never stored). */
  code: string;
  plan: Plan;
  household: Household;
}

/**
 * Validates a resident's household exactly as the counter would (every problem at once), refuses a
 * 個人番号 anywhere in it, and stores it as `submitted` with a new token and short code. Expiry is the
 * municipality's `preApplicationDays` (14 by default) to the end of that day in Japan.
 */
export async function submitPreApplication(
  db: Db,
  options: SubmitPreApplicationOptions,
): Promise<SubmittedPreApplication> {
  const { municipalityId, now } = options;
  if (!municipalityIds.includes(municipalityId) || municipalityId === "national")
    throw refuse("municipalityUnknown", undefined, "municipality");
  if (!(await tenancyRepository(db).getMunicipality(municipalityId)))
    throw refuse("municipalityUnknown", undefined, "municipality");
  // One household and event: the engine's list of events of one visit is the counter's, not a resident's.
  if (typeof options.household !== "object" || options.household === null || Array.isArray(options.household))
    throw new AppError("VALIDATION", [
      { path: "household", code: "common.invalidInput", params: { detail: "expected an object" } },
    ]);
  const size = Buffer.byteLength(JSON.stringify(options.household ?? null));
  if (size > MAX_HOUSEHOLD_BYTES)
    throw refuse("householdTooLarge", { max: MAX_HOUSEHOLD_BYTES }, "household");
  if (anyMyNumber(options.household))
    throw new AppError("VALIDATION", [{ path: "household", code: myNumberRefused }]);
  const settings = getMunicipalitySettings(municipalityId);
  const result = guideHousehold(options.household, settings);
  if (!result.ok) {
    throw new AppError(
      "VALIDATION",
      result.error.problems.map(({ path, code, params }) => ({
        path: path ? `household.${path}` : "household",
        code,
        ...(params ? { params } : {}),
      })),
      "household.invalid",
    );
  }
  const parsed = parseHousehold(options.household);
  if (!parsed.ok) throw new AppError("VALIDATION");
  const household = parsed.household;
  const moved = transition("draft", "submitted");
  if (!moved.ok) throw new AppError("INTERNAL");
  const token = newToken();
  const code = shortCodeOf(token);
  const days = settings.preApplicationDays ?? DEFAULT_PRE_APPLICATION_DAYS;
  const row = await db.transaction((tx) =>
    preApplicationRepository(tx).insert({
      municipalityId,
      state: moved.to,
      tokenHash: hashToken(token),
      codeHash: hashShortCode(code),
      eventType: household.event.type,
      household: options.household as object,
      memberCount: household.members.length,
      enteredFields: enteredFieldCount(options.household),
      lang: options.lang,
      createdAt: now,
      expiresAt: expiryOf(now, days),
    }),
  );
  return { row, token, code, plan: result.plan, household };
}
