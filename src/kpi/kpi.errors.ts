import { type Problem, refusalCodes, refusals } from "../shared/errors";
import type { MessageParams } from "../shared/locale";

/**
 * The KPI module's expected failures, as codes with text in locales/<lang>/kpi.json (`kpi.<reason>`).
 * Refusals are thrown (the error mapper gives them a status); problems are reported in place, beside
 * the filter or survey field they concern, and never thrown.
 */
const refusalTable = {
  /** A survey for a visit or ticket that has not ended. */
  surveyNotYet: "CONFLICT",
  /** A survey answer without a score from 1 to 5. */
  surveyScoreRequired: "VALIDATION",
  /** `demo simulate --days` outside 1–731. */
  demoDaysInvalid: "VALIDATION",
  /** `demo simulate` before the demo tenant's queue and staff exist. */
  demoNotSeeded: "VALIDATION",
} as const;

export const refuse = refusals("kpi", refusalTable);

const problemReasons = [
  // The dashboard's and the exports' filters (kpi.schema.ts, kpi.routes.tsx).
  "filterTooLong",
  "toBeforeFrom",
  "periodTooLong",
  "unknownOffice",
  "notAChoice",
  "groupNotAChoice",
  "fiscalYearInvalid",
  // The resident's survey form (survey.routes.tsx): in the reader's language, all six.
  "surveyScoreRequired",
  "surveyCommentTooLong",
] as const;
export type KpiProblemReason = (typeof problemReasons)[number];

/** A problem with a field (or, with path "", with the whole input), as the code `kpi.<reason>`. */
export const problem = (reason: KpiProblemReason, path = "", params?: MessageParams): Problem => ({
  path,
  code: `kpi.${reason}`,
  ...(params ? { params } : {}),
});

/** Every message code this module reports, for the test that each has text. */
export const kpiMessageCodes: readonly string[] = [
  ...refusalCodes("kpi", refusalTable),
  ...problemReasons.map((r) => `kpi.${r}`),
];

/** The codes a resident reads (the survey's), which need text in every offered language. */
export const surveyMessageCodes: readonly string[] = kpiMessageCodes.filter((c) =>
  c.startsWith("kpi.survey"),
);
