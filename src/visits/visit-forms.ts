import { settingsForMunicipality } from "../catalog/municipalities";
import { parseAnswers } from "../forms/answers";
import {
  type Answers,
  fieldDefinitions,
  type InterviewQuestion,
  questionsFor,
} from "../forms/field-dictionary";
import { cosignersOf, fillForms, type RenderFormsResult, renderForms } from "../forms/render";
import type { Plan } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import type { Problem } from "../shared/errors";
import type { Declined } from "./decline-procedure";
import type { VisitRow } from "./visit.repository";
import { householdForProcedure, unionHousehold, type VisitPlan, visitHouseholds } from "./visit-events";
import { refuse, visitProblem } from "./visits.errors";

/** What the forms of a visit are made from: the household, the plan less what was declined, the answers. */
export interface VisitFormInputs {
  /** The visit's people: of several events, the union of their households (visit-events.ts). */
  household: Household;
  /** The household a procedure's form is filled from: its event's. */
  householdFor: (procedureId: string) => Household;
  plan: Plan;
  /** The interview's answers with the registry's facts laid over them: what the forms print. */
  rawAnswers: Record<string, unknown>;
  /** What the registry holds (the registered address …): shown, never asked, never overwritten. */
  registryFacts: Answers;
  questions: InterviewQuestion[];
}

/** The stored registry facts, as answers (a visit from before they were kept has none). */
function storedRegistryFacts(visit: Pick<VisitRow, "registryFacts">): Answers {
  const facts = visit.registryFacts as Partial<Answers> | null;
  return { household: facts?.household ?? {}, members: facts?.members ?? {} };
}

/**
 * The answers document with the registry's facts written over it: a fact the registry holds wins over
 * anything typed, for the household and for each member.
 */
export function withRegistryFacts(raw: Record<string, unknown>, facts: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw, ...facts.household };
  for (const [memberId, values] of Object.entries(facts.members)) {
    for (const [key, value] of Object.entries(values)) {
      out[key] = { ...((out[key] as Record<string, unknown> | undefined) ?? {}), [memberId]: value };
    }
  }
  return out;
}

/**
 * What the household step already asked (the 前住所 and its head of a move-in, the destination of a
 * move-out kept in the household's answers): known to the interview, so it is not asked again, and
 * carried in the answers the hand-off records take.
 */
function householdStepFacts(household: Household): Record<string, string | number> {
  const facts: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(household.answers ?? {})) {
    if ((typeof value === "string" && value !== "") || typeof value === "number") facts[key] = value;
  }
  if (household.previousAddress?.address) facts.previousAddress = household.previousAddress.address;
  if (household.previousAddress?.householdHead) facts.previousHead = household.previousAddress.householdHead;
  return facts;
}

const questionId = (q: { key: string; memberId?: string | undefined }) => `${q.key}\u0000${q.memberId ?? ""}`;

/**
 * The interview's questions for these answers. The dictionary stops asking a question its own answer
 * settles (the 児童手当 claimant chosen, the kind of court divorce): such a question stays asked, so the
 * page keeps its field and the answer can be changed — and is not dropped on the next save. A follow-up
 * an answer reveals (the 筆頭者 of the register returned to) is asked with the rest.
 */
function interviewQuestions(plan: Plan, household: Household, answers: Answers, known: Answers) {
  const asked = questionsFor(plan, household, { answers, known });
  const ids = new Set(asked.map(questionId));
  // Answers not asked for, less the facts known (never asked): the questions their answers may settle.
  const settledKeys = Object.keys(answers.household).filter(
    (key) => !ids.has(questionId({ key })) && !(key in known.household),
  );
  const settledMembers = Object.entries(answers.members).map(([memberId, values]) => ({
    memberId,
    keys: Object.keys(values).filter(
      (key) => !ids.has(questionId({ key, memberId })) && !(key in (known.members[memberId] ?? {})),
    ),
  }));
  const settled = new Set([
    ...settledKeys.map((key) => questionId({ key })),
    ...settledMembers.flatMap((m) => m.keys.map((key) => questionId({ key, memberId: m.memberId }))),
  ]);
  if (settled.size === 0) return asked;
  const unsettled: Answers = {
    household: Object.fromEntries(
      Object.entries(answers.household).filter(([k]) => !settledKeys.includes(k)),
    ),
    members: Object.fromEntries(
      settledMembers.map(({ memberId, keys }) => [
        memberId,
        Object.fromEntries(
          Object.entries(answers.members[memberId] ?? {}).filter(([k]) => !keys.includes(k)),
        ),
      ]),
    ),
  };
  const kept = questionsFor(plan, household, { answers: unsettled, known }).filter((q) =>
    settled.has(questionId(q)),
  );
  if (kept.length === 0) return asked;
  return inQuestionOrder([...asked, ...kept], household);
}

export function visitFormInputs(visit: VisitRow): VisitFormInputs {
  const households = visitHouseholds(visit);
  if (!households || !visit.plan) throw refuse("householdNotConfirmed");
  const household = unionHousehold(households);
  const declined = new Set((visit.declined as Declined[]).map((d) => d.procedureId));
  const full = visit.plan as VisitPlan;
  const plan: Plan = {
    procedures: full.procedures.filter((p) => !(p.handling === "one-stop" && declined.has(p.id))),
  };
  const registryFacts = storedRegistryFacts(visit);
  // The registry wins over the household step, which wins over the interview.
  const known: Answers = {
    household: { ...householdStepFacts(household), ...registryFacts.household },
    members: registryFacts.members,
  };
  const rawAnswers = withRegistryFacts((visit.answers ?? {}) as Record<string, unknown>, known);
  const { answers } = parseAnswers(rawAnswers, household);
  // Each event's forms ask from its own household (its event, its date); a question two events
  // share is asked once.
  const eventOf = (id: string) => full.eventOf?.[id] ?? 0;
  const questions =
    households.length === 1
      ? interviewQuestions(plan, household, answers, known)
      : inQuestionOrder(
          households.flatMap((h, i) =>
            interviewQuestions(
              { procedures: plan.procedures.filter((p) => eventOf(p.id) === i) },
              h,
              answers,
              known,
            ),
          ),
          household,
        );
  return {
    household,
    householdFor: (procedureId) => householdForProcedure(full, households, procedureId),
    plan,
    rawAnswers,
    registryFacts,
    questions,
  };
}

/** Questions once each, in dictionary order, then member order (as questionsFor orders them). */
function inQuestionOrder(questions: InterviewQuestion[], household: Household): InterviewQuestion[] {
  const unique = [...new Map(questions.map((q) => [questionId(q), q])).values()];
  const fieldOrder = new Map(fieldDefinitions.map((f, i) => [f.key, i]));
  const memberOrder = new Map(household.members.map((m, i) => [m.id, i]));
  return unique.sort(
    (a, b) =>
      (fieldOrder.get(a.key) ?? 0) - (fieldOrder.get(b.key) ?? 0) ||
      (memberOrder.get(a.memberId ?? "") ?? -1) - (memberOrder.get(b.memberId ?? "") ?? -1),
  );
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

/**
 * How a problem names a member: the id for API clients to match, and for people the name — or, for a
 * member entered without one, the place in the household (「2人目の方」): `memberName` is "none" then.
 */
export function memberParams(household: Household, memberId: string) {
  const index = household.members.findIndex((m) => m.id === memberId);
  const name = household.members[index]?.name;
  return { memberId, memberName: name || "none", memberOrdinal: index + 1 };
}

/** "Missing: <question>" (naming the member for a member question), listed when signing or accepting. */
export const missingAnswerProblem =
  (household: Household) =>
  (q: InterviewQuestion): Problem =>
    q.memberId
      ? visitProblem("missingMemberAnswer", { label: { ...q.label }, ...memberParams(household, q.memberId) })
      : visitProblem("missingAnswer", { label: { ...q.label } });

const formOptions = (visit: VisitRow, inputs: VisitFormInputs) => ({
  household: inputs.household,
  householdFor: inputs.householdFor,
  plan: inputs.plan,
  answers: inputs.rawAnswers,
  municipality: settingsForMunicipality(visit.municipalityId),
});

/**
 * Who signs their own box beside the visit's signer: the other partner of a 婚姻届 or 協議離婚届 (both are
 * 届出人). Read from the filled forms, without drawing them.
 */
export function visitCosigners(visit: VisitRow, inputs: VisitFormInputs): string[] {
  return cosignersOf(fillForms(formOptions(visit, inputs)));
}

/** How many forms have a box for the other 届出人 (each a name written by hand when they did not sign here). */
export function formsWithCosigner(visit: VisitRow, inputs: VisitFormInputs): number {
  return fillForms(formOptions(visit, inputs)).filter((f) => f.cosigner).length;
}

/** Renders every one-stop form of the visit: the preview (no signature) or the signed bundle. */
export function renderVisitForms(
  visit: VisitRow,
  inputs: VisitFormInputs,
  options: {
    signaturePng?: Uint8Array;
    cosignaturePng?: Uint8Array;
    signatureNote?: readonly string[];
    filedOn: string;
  },
): Promise<RenderFormsResult> {
  return renderForms({
    ...formOptions(visit, inputs),
    filedOn: options.filedOn,
    ...(options.signaturePng ? { signaturePng: options.signaturePng } : {}),
    ...(options.cosignaturePng ? { cosignaturePng: options.cosignaturePng } : {}),
    ...(options.signatureNote ? { signatureNote: options.signatureNote } : {}),
  });
}
