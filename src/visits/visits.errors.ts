import { AppError, type ErrorCode, type Problem, refusalCodes, refusals } from "../shared/errors";
import type { MessageParams } from "../shared/locale";

/**
 * The counter visit's expected refusals: each reason is a stable code (`visits.notSigned`) whose text
 * is `notSigned` in locales/<lang>/visits.json. The generic code decides the HTTP status; the visit
 * page re-shows the visit with the problems in its error summary.
 */
const table = {
  // Optimistic lock and state machine
  staleVersion: "CONFLICT",
  transitionRefused: "CONFLICT",
  unknownAction: "VALIDATION",
  householdNotConfirmed: "CONFLICT",
  // Identity
  documentUnknown: "VALIDATION",
  documentsInsufficient: "VALIDATION",
  powerOfAttorneyRequired: "VALIDATION",
  identityAlreadyVerified: "CONFLICT",
  // Household and plan
  openReasonRequired: "VALIDATION",
  householdLocked: "CONFLICT",
  householdFirst: "CONFLICT",
  registryNotOpened: "CONFLICT",
  filerNotIdentified: "VALIDATION",
  declineReasonRequired: "VALIDATION",
  declineOnlyAtPlan: "CONFLICT",
  eventAlreadyInVisit: "VALIDATION",
  tooManyEvents: "VALIDATION",
  memberDiffers: "VALIDATION",
  // Interview
  notAtInterview: "CONFLICT",
  answerInvalid: "VALIDATION",
  answerRequired: "VALIDATION",
  memberAnswerRequired: "VALIDATION",
  answerNotOffered: "VALIDATION",
  // Signature and acceptance
  signatureEmpty: "VALIDATION",
  signatureTooLarge: "VALIDATION",
  signatureUnreadable: "VALIDATION",
  signOnlyAtReview: "CONFLICT",
  proxyWriterRequired: "VALIDATION",
  proxyReasonRequired: "VALIDATION",
  proxyWriterNameRequired: "VALIDATION",
  proxyConfirmationFailed: "VALIDATION",
  missingAnswer: "VALIDATION",
  missingMemberAnswer: "VALIDATION",
  notSigned: "CONFLICT",
  noSignature: "VALIDATION",
  formsChanged: "CONFLICT",
} as const satisfies Record<string, ErrorCode>;

export type VisitRefusal = keyof typeof table;

/** `throw refuse("notSigned")`: an AppError with the problem `visits.notSigned`. */
export const refuse = refusals<VisitRefusal>("visits", table);

/** One problem of a refusal that lists several (every unanswered question, every identity rule broken). */
export const visitProblem = (reason: VisitRefusal, params?: MessageParams, path = ""): Problem => ({
  path,
  code: `visits.${reason}`,
  ...(params ? { params } : {}),
});

/** Several problems of one refusal class at once; the first problem's reason is the error's reason. */
export function refuseAll(problems: Problem[]): AppError {
  const first = problems[0]?.code.replace(/^visits\./, "") as VisitRefusal | undefined;
  return new AppError(first ? table[first] : "VALIDATION", problems, problems[0]?.code);
}

/** Every message code the table can produce (each needs text in the catalogues). */
export const visitRefusalCodes = (): string[] => refusalCodes("visits", table);
