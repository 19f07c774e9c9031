// Between visit rows and the visit pages: each function turns what the use cases and repositories hold
// into the plain values one page shows. No text here: labels from data stay locale maps, and the pages
// take every word from the catalogues.
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { InterviewQuestion } from "../forms/field-dictionary";
import type { Plan } from "../guidance/engine";
import type { SearchResults } from "../registry/resident";
import type { LocaleMap } from "../shared/locale";
import type { VisitMeasures } from "./accept-visit";
import type { Declined } from "./decline-procedure";
import { type DocumentList, identityDocuments } from "./identity";
import { answerFieldId } from "./save-answers";
import type { VisitState } from "./visit";
import type { ApplicationRow, VisitRow } from "./visit.repository";
import { visitFormInputs } from "./visit-forms";

/** A household member as the pages name them: by name (as registered, Japanese) with the id. */
export interface MemberRef {
  id: string;
  name?: string | undefined;
}

/** What every visit page shows around its step: where the visit is, and the lock it was read at. */
export interface VisitFrameView {
  id: string;
  version: number;
  state: VisitState;
  /** Cancelling is offered until the visit is accepted. */
  cancellable: boolean;
}

const cancellableStates: readonly VisitState[] = [
  "reception",
  "identity",
  "household",
  "plan",
  "interview",
  "review",
  "signature",
];

export const presentFrame = (visit: VisitRow): VisitFrameView => ({
  id: visit.id,
  version: visit.version,
  state: visit.state,
  cancellable: cancellableStates.includes(visit.state),
});

export interface VisitListItemView {
  id: string;
  createdAt: Date;
  state: VisitState;
}

export const presentVisitList = (rows: VisitRow[]): VisitListItemView[] =>
  rows.map((v) => ({ id: v.id, createdAt: v.createdAt, state: v.state }));

export interface IdentityView {
  groups: Array<{ list: DocumentList; documents: string[] }>;
}

export const presentIdentity = (): IdentityView => ({
  groups: (["photo", "i", "ro"] as const).map((list) => ({
    list,
    documents: identityDocuments.filter((d) => d.list === list).map((d) => d.code),
  })),
});

export interface ResidentHitView {
  id: string;
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  ward: string;
  address: string;
}

export const presentResidentHits = (results: SearchResults): ResidentHitView[] =>
  results.residents.map((r) => ({
    id: r.id,
    householdId: r.householdId,
    name: r.name,
    kana: r.kana,
    birthDate: r.birthDate,
    ward: r.ward,
    address: r.address,
  }));

const membersOf = (visit: VisitRow): MemberRef[] =>
  visitFormInputs(visit).household.members.map((m) => ({ id: m.id, name: m.name }));

const refsFor = (members: MemberRef[], ids: string[]): MemberRef[] =>
  ids.map((id) => members.find((m) => m.id === id) ?? { id });

export interface PlanRowView {
  id: string;
  name: string;
  /** The municipality's label for the department; undefined for bodies outside the city hall. */
  department: LocaleMap | undefined;
  members: MemberRef[];
  deadline: string | null;
  handling: "one-stop" | "guidance";
  /** The reason the resident gave for not applying today, if they declined. */
  declined?: string | undefined;
}

export function presentPlan(visit: VisitRow, settings: MunicipalitySettings): PlanRowView[] {
  const members = membersOf(visit);
  const declined = visit.declined as Declined[];
  const labels = settings.departmentLabels as Record<string, { ja: string } | undefined>;
  return (visit.plan as Plan).procedures.map((p) => {
    const label = labels[p.department];
    return {
      id: p.id,
      name: p.name,
      department: label ? { ...label } : undefined,
      members: refsFor(members, p.members),
      deadline: p.deadline,
      handling: p.handling,
      declined: declined.find((d) => d.procedureId === p.id)?.reason,
    };
  });
}

export interface QuestionView {
  /** The field's id (the error summary links to it) and the name it is posted under. */
  id: string;
  name: string;
  label: LocaleMap;
  /** Set for a question about one member. */
  member?: MemberRef | undefined;
  hint?: LocaleMap | undefined;
  /** A choice: the options' labels (a member's name is Japanese only). */
  options?: Array<{ value: string; label: LocaleMap }> | undefined;
  value: string;
  numeric: boolean;
}

function answerValue(raw: Record<string, unknown>, q: InterviewQuestion): string {
  const v = raw[q.key];
  if (q.memberId === undefined) return v === undefined ? "" : String(v);
  const byMember = v as Record<string, unknown> | undefined;
  return byMember?.[q.memberId] === undefined ? "" : String(byMember[q.memberId]);
}

const numericTypes = new Set(["postalCode", "digits", "phone", "integer"]);

/** The interview's questions with the answers so far (or those just posted, when they were refused). */
export function presentInterview(visit: VisitRow, posted?: Record<string, unknown>): QuestionView[] {
  const inputs = visitFormInputs(visit);
  const raw = { ...inputs.rawAnswers, ...(posted ?? {}) };
  const members = inputs.household.members.map((m) => ({ id: m.id, name: m.name }));
  return inputs.questions.map((q) => ({
    id: answerFieldId(q.key, q.memberId),
    name: q.memberId ? `a.${q.key}.${q.memberId}` : `a.${q.key}`,
    label: { ...q.label },
    member: q.memberId ? (members.find((m) => m.id === q.memberId) ?? { id: q.memberId }) : undefined,
    hint: q.hint ? { ...q.hint } : undefined,
    options:
      q.type === "member"
        ? members.map((m) => ({ value: m.id, label: { ja: m.name ?? m.id } }))
        : q.options?.map((o) => ({ value: o.value, label: { ...o.label } })),
    value: answerValue(raw, q),
    numeric: numericTypes.has(q.type),
  }));
}

export interface ReviewFormView {
  id: string;
  name: string;
  members: MemberRef[];
}

/** The one-stop procedures whose forms the resident signs. */
export function presentReview(visit: VisitRow): ReviewFormView[] {
  const inputs = visitFormInputs(visit);
  const members = inputs.household.members.map((m) => ({ id: m.id, name: m.name }));
  return inputs.plan.procedures
    .filter((p) => p.handling === "one-stop")
    .map((p) => ({ id: p.id, name: p.name, members: refsFor(members, p.members) }));
}

export interface ApplicationView<S> {
  id: string;
  procedureId: string;
  name: string;
  members: MemberRef[];
  status: ApplicationRow["status"];
  deliveries: S;
}

export interface AcceptedView<S> {
  applications: Array<ApplicationView<S>>;
  measures: Pick<
    VisitMeasures,
    "formsProduced" | "fieldsFilledBySystem" | "questionsAsked" | "namesWrittenByResident" | "signatures"
  >;
}

/** The accepted applications with their deliveries (as the hand-off module presents them). */
export function presentAccepted<S>(
  visit: VisitRow,
  applications: ApplicationRow[],
  deliveriesOf: (applicationId: string) => S,
): AcceptedView<S> {
  const members = membersOf(visit);
  const m = visit.measures as Partial<VisitMeasures>;
  return {
    applications: applications.map((a) => ({
      id: a.id,
      procedureId: a.procedureId,
      name: (a.data as { name?: string }).name ?? a.procedureId,
      members: refsFor(members, a.members as string[]),
      status: a.status,
      deliveries: deliveriesOf(a.id),
    })),
    measures: {
      formsProduced: m.formsProduced ?? 0,
      fieldsFilledBySystem: m.fieldsFilledBySystem ?? 0,
      questionsAsked: m.questionsAsked ?? 0,
      namesWrittenByResident: m.namesWrittenByResident ?? 0,
      signatures: m.signatures ?? 0,
    },
  };
}

/**
 * The plan as the resident's sheet shows it. A procedure the resident declined was not done at this
 * counter: it stays on the sheet as one still to do at its department, with its deadline, should the
 * resident want it after all.
 */
export function presentSheetPlan(visit: VisitRow): Plan {
  const declined = new Set((visit.declined as Declined[]).map((d) => d.procedureId));
  return {
    procedures: (visit.plan as Plan).procedures.map((p) =>
      p.handling === "one-stop" && declined.has(p.id) ? { ...p, handling: "guidance" } : p,
    ),
  };
}
