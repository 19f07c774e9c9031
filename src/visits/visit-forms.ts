import { settingsForMunicipality } from "../catalog/municipalities";
import { parseAnswers } from "../forms/answers";
import { type InterviewQuestion, questionsFor } from "../forms/field-dictionary";
import { type RenderFormsResult, renderForms } from "../forms/render";
import type { Plan } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import type { Problem } from "../shared/errors";
import type { Declined } from "./decline-procedure";
import type { VisitRow } from "./visit.repository";
import { refuse, visitProblem } from "./visits.errors";

/** What the forms of a visit are made from: the household, the plan less what was declined, the answers. */
export interface VisitFormInputs {
  household: Household;
  plan: Plan;
  rawAnswers: Record<string, unknown>;
  questions: InterviewQuestion[];
}

export function visitFormInputs(visit: VisitRow): VisitFormInputs {
  const parsed = parseHousehold(visit.household);
  if (!parsed.ok || !visit.plan) throw refuse("householdNotConfirmed");
  const declined = new Set((visit.declined as Declined[]).map((d) => d.procedureId));
  const full = visit.plan as Plan;
  const plan: Plan = {
    procedures: full.procedures.filter((p) => !(p.handling === "one-stop" && declined.has(p.id))),
  };
  const rawAnswers = (visit.answers ?? {}) as Record<string, unknown>;
  const { answers } = parseAnswers(rawAnswers, parsed.household);
  return {
    household: parsed.household,
    plan,
    rawAnswers,
    questions: questionsFor(plan, parsed.household, { answers }),
  };
}

export const isAnswered = (q: InterviewQuestion, raw: Record<string, unknown>): boolean => {
  const value = raw[q.key];
  if (q.memberId === undefined) return value !== undefined && value !== "";
  const byMember = value as Record<string, unknown> | undefined;
  return byMember?.[q.memberId] !== undefined && byMember[q.memberId] !== "";
};

/** The questions still without an answer: accepting is refused while any remain. */
export function unansweredQuestions(inputs: VisitFormInputs): InterviewQuestion[] {
  return inputs.questions.filter((q) => !isAnswered(q, inputs.rawAnswers));
}

/** "Missing: <question>" (with the member's id for a member question), listed when signing or accepting. */
export const missingAnswerProblem = (q: InterviewQuestion): Problem =>
  q.memberId
    ? visitProblem("missingMemberAnswer", { label: { ...q.label }, memberId: q.memberId })
    : visitProblem("missingAnswer", { label: { ...q.label } });

/** Renders every one-stop form of the visit: the preview (no signature) or the signed bundle. */
export function renderVisitForms(
  visit: VisitRow,
  inputs: VisitFormInputs,
  options: { signaturePng?: Uint8Array; filedOn: string },
): Promise<RenderFormsResult> {
  return renderForms({
    household: inputs.household,
    plan: inputs.plan,
    answers: inputs.rawAnswers,
    filedOn: options.filedOn,
    municipality: settingsForMunicipality(visit.municipalityId),
    ...(options.signaturePng ? { signaturePng: options.signaturePng } : {}),
  });
}
