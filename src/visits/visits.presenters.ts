import { dueDate } from "../guidance/due-date";
// Between visit rows and the visit pages: each function turns what the use cases and repositories hold
// into the plain values one page shows. No text here: labels from data stay locale maps, and the pages
// take every word from the catalogues.

import { getCatalog } from "../catalog/load-catalog";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { openDeadline, procedureInfo } from "../catalog/procedure-info";
import { eventTypeLabels } from "../catalog/vocabulary-labels";
import { fieldByKey, type InterviewQuestion } from "../forms/field-dictionary";
import type { Plan } from "../guidance/engine";
import type { SearchResults } from "../registry/resident";
import type { LocaleMap, Message } from "../shared/locale";
import type { VisitMeasures } from "./accept-visit";
import type { Declined } from "./decline-procedure";
import { type DocumentList, identityDocuments } from "./identity";
import { answerFieldId } from "./save-answers";
import type { VisitState } from "./visit";
import type { ApplicationRow, VisitRow } from "./visit.repository";
import { visitCosigners, visitFormInputs } from "./visit-forms";

/**
 * A household member as the pages name them: by name (as registered, Japanese) and 続柄, or by position
 * ("1人目の方") while the household has no name for them. The id is for form values and data
 * attributes only: a page never prints it.
 */
export interface MemberRef {
  id: string;
  name?: string | undefined;
  /** The 続柄 code (head, spouse, …); the pages word it. */
  relation?: string | undefined;
  /** The member's place in the household, from 1. */
  ordinal?: number | undefined;
}

/** The members of a household (a visit's stored JSON) as the pages name them. */
export function memberRefs(household: unknown): MemberRef[] {
  const members = (household as { members?: unknown } | null)?.members;
  if (!Array.isArray(members)) return [];
  return members.map((raw, i) => {
    const m = (raw ?? {}) as { id?: unknown; name?: unknown; relation?: unknown };
    return {
      id: typeof m.id === "string" ? m.id : "",
      name: typeof m.name === "string" && m.name.trim() !== "" ? m.name : undefined,
      relation: typeof m.relation === "string" ? m.relation : undefined,
      ordinal: i + 1,
    };
  });
}

/**
 * Whom a visit is for, as the list and the visit page name it: the filer (届出人) when the household
 * names one, else the head of household, else the first member with a name.
 */
export function visitPerson(household: unknown): string | undefined {
  const members = memberRefs(household);
  const filer = (household as { filer?: unknown } | null)?.filer as
    | { member?: unknown; name?: unknown }
    | undefined;
  if (filer && typeof filer.member === "string") {
    const named = members.find((m) => m.id === filer.member)?.name;
    if (named) return named;
  }
  if (filer && typeof filer.name === "string" && filer.name.trim() !== "") return filer.name;
  return members.find((m) => m.relation === "head" && m.name)?.name ?? members.find((m) => m.name)?.name;
}

/** The ticket a visit was opened from, as the visit pages show it. */
export interface TicketView {
  number: number;
  /** The day it was issued (Japan date, ISO). */
  serviceDate: string;
  /** What the resident chose at the kiosk, in each of its languages. */
  purpose: LocaleMap;
}

/** What every visit page shows around its step: where the visit is, and the lock it was read at. */
export interface VisitFrameView {
  id: string;
  version: number;
  state: VisitState;
  /** Cancelling is offered until the visit is accepted. */
  cancellable: boolean;
  /** The number called out to the resident, when the visit was opened from a ticket. */
  ticket?: TicketView | undefined;
  /** Whom the visit is for (the filer, else the head), once the household is known. */
  person?: string | undefined;
  /** The household's members, to name a member in a refusal ("未入力: 前の学校（山本 陽）"), never by id. */
  members?: MemberRef[] | undefined;
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

export const presentFrame = (visit: VisitRow, ticket?: TicketView): VisitFrameView => ({
  id: visit.id,
  version: visit.version,
  state: visit.state,
  cancellable: cancellableStates.includes(visit.state),
  ...(ticket ? { ticket } : {}),
  ...(visitPerson(visit.household) ? { person: visitPerson(visit.household) } : {}),
  ...(visit.household ? { members: memberRefs(visit.household) } : {}),
});

export interface VisitListItemView {
  id: string;
  createdAt: Date;
  state: VisitState;
  /** The filer or the head of household, once the household is known. */
  person: string | undefined;
  ticket: TicketView | undefined;
  /** What the visit is about: the household's event once known, else the ticket's purpose. */
  purpose: LocaleMap | undefined;
}

const eventLabelOf = (household: unknown): LocaleMap | undefined => {
  const type = (household as { event?: { type?: unknown } } | null)?.event?.type;
  return typeof type === "string" && Object.hasOwn(eventTypeLabels, type)
    ? { ...eventTypeLabels[type as keyof typeof eventTypeLabels] }
    : undefined;
};

/** The open visits with whom each is for, its ticket and what it is about (tickets by id, when read). */
export const presentVisitList = (
  rows: VisitRow[],
  tickets: ReadonlyMap<string, TicketView> = new Map(),
): VisitListItemView[] =>
  rows.map((v) => {
    const ticket = v.ticketId ? tickets.get(v.ticketId) : undefined;
    return {
      id: v.id,
      createdAt: v.createdAt,
      state: v.state,
      person: visitPerson(v.household),
      ticket,
      purpose: eventLabelOf(v.household) ?? (ticket ? { ...ticket.purpose } : undefined),
    };
  });

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

const membersOf = (visit: VisitRow): MemberRef[] => memberRefs(visitFormInputs(visit).household);

const refsFor = (members: MemberRef[], ids: string[]): MemberRef[] =>
  ids.map((id) => members.find((m) => m.id === id) ?? { id });

export interface PlanRowView {
  id: string;
  name: string;
  /** The municipality's label for the department; undefined for bodies outside the city hall. */
  department: LocaleMap | undefined;
  members: MemberRef[];
  deadline: string | null;
  /** The day the office really accepts it (the deadline, or the next open day after a closed one). */
  due: string | null;
  /** For a deadline counted from a day not yet known (the funeral): what to say instead of a date. */
  openDeadline?: Message | undefined;
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
      // A body outside the ward office by its own name ("熊本市上下水道局"), never a generic "other bodies".
      department: label ? { ...label } : procedureInfo(p.id, settings)?.place,
      members: refsFor(members, p.members),
      deadline: p.deadline,
      // Plans stored before `due` existed get it from the same rule.
      due: p.due !== undefined ? p.due : dueDate(p.deadline, settings.closedDates),
      openDeadline: p.deadline === null ? openDeadline(p.id, settings) : undefined,
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
  /** A choice: the options' labels (a member's name is Japanese only), with the member for a member choice. */
  options?: Array<{ value: string; label: LocaleMap; member?: MemberRef | undefined }> | undefined;
  value: string;
  numeric: boolean;
  /** A date: typed as 西暦 or 和暦, and the page says which date it read. */
  date: boolean;
}

function answerValue(raw: Record<string, unknown>, q: InterviewQuestion): string {
  const v = raw[q.key];
  if (q.memberId === undefined) return v === undefined ? "" : String(v);
  const byMember = v as Record<string, unknown> | undefined;
  return byMember?.[q.memberId] === undefined ? "" : String(byMember[q.memberId]);
}

const numericTypes = new Set(["postalCode", "digits", "phone", "integer"]);

/**
 * How a choice names a member who has no name yet ("1人目の方"), in each staff language: the pages
 * supply it from the catalogues, since no text is written here.
 */
export type UnnamedMemberLabel = (ordinal: number) => LocaleMap;

/**
 * The interview's questions with the answers so far (or those just posted, when they were refused).
 * The questions are those of the answers shown: a follow-up that a posted answer reveals (the 筆頭者
 * of the register returned to, once 「もとの戸籍にもどる」 is chosen) is asked on the page shown again.
 */
export function presentInterview(
  visit: VisitRow,
  posted: Record<string, unknown> | undefined,
  unnamed: UnnamedMemberLabel,
): QuestionView[] {
  const inputs = visitFormInputs(posted ? { ...visit, answers: posted } : visit);
  const raw = { ...inputs.rawAnswers, ...(posted ?? {}) };
  const members = memberRefs(inputs.household);
  return inputs.questions.map((q) => ({
    id: answerFieldId(q.key, q.memberId),
    name: q.memberId ? `a.${q.key}.${q.memberId}` : `a.${q.key}`,
    label: { ...q.label },
    member: q.memberId ? (members.find((m) => m.id === q.memberId) ?? { id: q.memberId }) : undefined,
    hint: q.hint ? { ...q.hint } : undefined,
    options:
      q.type === "member"
        ? // Only the members the form allows (the 児童手当 claimant is an adult, never the child).
          members
            .filter((m) => !q.options || q.options.some((o) => o.value === m.id))
            .map((m) => ({
              value: m.id,
              label: m.name ? { ja: m.name } : unnamed(m.ordinal ?? 0),
              member: m,
            }))
        : q.options?.map((o) => ({ value: o.value, label: { ...o.label } })),
    value: answerValue(raw, q),
    numeric: numericTypes.has(q.type),
    date: q.type === "date",
  }));
}

export interface ReviewFormView {
  id: string;
  name: string;
  members: MemberRef[];
}

/** The other 届出人 who may sign their own box at the counter (a 婚姻届's other partner). */
export function presentCosigners(visit: VisitRow): MemberRef[] {
  const inputs = visitFormInputs(visit);
  return refsFor(memberRefs(inputs.household), visitCosigners(visit, inputs));
}

/** The one-stop procedures whose forms the resident signs. */
export function presentReview(visit: VisitRow): ReviewFormView[] {
  const inputs = visitFormInputs(visit);
  const members = memberRefs(inputs.household);
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
  const planned = ((visit.plan as Plan | null)?.procedures ?? []) as Array<{ id: string; name: string }>;
  // The name the application was stored with, else the plan's, else the catalogue's: never the id.
  const nameOf = (a: ApplicationRow): string =>
    (a.data as { name?: string }).name ??
    planned.find((p) => p.id === a.procedureId)?.name ??
    getCatalog().byId.get(a.procedureId)?.name.ja ??
    "";
  return {
    applications: applications.map((a) => ({
      id: a.id,
      procedureId: a.procedureId,
      name: nameOf(a),
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

/** A fact the registry gave the forms: shown on the interview, never asked. */
export interface KnownFactView {
  label: LocaleMap;
  value: string;
}

/** The registry's facts the forms print (the registered address …), in the field dictionary's words. */
export function presentKnownFacts(visit: VisitRow): KnownFactView[] {
  const { registryFacts } = visitFormInputs(visit);
  return Object.entries(registryFacts.household).map(([key, value]) => ({
    label: { ...(fieldByKey.get(key)?.label ?? { ja: key }) },
    value: String(value),
  }));
}
