import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { EventType } from "../catalog/vocabulary";
import { type Plan, planGuidance } from "../guidance/engine";
import type { Household, Member } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";
import { mergePlans } from "../guidance/visit-plan";
import type { VisitRow } from "./visit.repository";

/** At most this many events in one visit (a marriage, a move-in and a birth is already a long day). */
export const MAX_VISIT_EVENTS = 3;

/**
 * A visit's stored plan: the union of its events' plans (visit-plan.ts), and for each procedure the
 * event whose household fills its form — the first event that called for it. A visit of one event
 * has no `eventOf`: every form is filled from its one household.
 */
export type VisitPlan = Plan & { eventOf?: Record<string, number> };

/**
 * Every event's household of a visit, the first being `household` and the rest `moreHouseholds`, in
 * the order they were added. Undefined while the household step has not been confirmed.
 */
export function visitHouseholds(
  visit: Pick<VisitRow, "household" | "moreHouseholds">,
): Household[] | undefined {
  const first = parseHousehold(visit.household);
  if (!first.ok) return undefined;
  const more = ((visit.moreHouseholds as unknown[] | null) ?? []).map((raw) => parseHousehold(raw));
  return [first.household, ...more.flatMap((m) => (m.ok ? [m.household] : []))];
}

/**
 * The plan of a visit's events: one event's plan as the engine gives it; several merged (each
 * procedure once, members merged in the visit's member order), with the event each form is filled from.
 */
export function planVisit(households: readonly Household[], settings: MunicipalitySettings): VisitPlan {
  const plans = households.map((h) => planGuidance(h, settings));
  if (plans.length === 1) return plans[0] as Plan;
  const eventOf: Record<string, number> = {};
  plans.forEach((plan, index) => {
    for (const item of plan.procedures) if (!(item.id in eventOf)) eventOf[item.id] = index;
  });
  return {
    ...mergePlans(
      plans,
      unionHousehold(households).members.map((m) => m.id),
    ),
    eventOf,
  };
}

/**
 * The visit's people as one household: the first event's household, with the members only a later
 * event names (the partner who moves in) after its own, and every event's answers from the household
 * step (a later event's never replacing the first's). Names, the filer and the interview read this.
 */
export function unionHousehold(households: readonly Household[]): Household {
  const [first, ...rest] = households as [Household, ...Household[]];
  if (rest.length === 0) return first;
  const members: Member[] = [...first.members];
  let answers = { ...(first.answers ?? {}) };
  for (const household of rest) {
    for (const member of household.members)
      if (!members.some((m) => m.id === member.id)) members.push(member);
    answers = { ...(household.answers ?? {}), ...answers };
  }
  return {
    ...first,
    members,
    ...(Object.keys(answers).length > 0 ? { answers } : {}),
    ...(first.previousAddress ? {} : previousAddressOf(rest)),
  };
}

const previousAddressOf = (households: readonly Household[]) => {
  const found = households.find((h) => h.previousAddress)?.previousAddress;
  return found ? { previousAddress: found } : {};
};

/** The household whose event a procedure's form is filled from (the first event when not recorded). */
export function householdForProcedure(
  plan: VisitPlan,
  households: readonly Household[],
  procedureId: string,
): Household {
  return households[plan.eventOf?.[procedureId] ?? 0] ?? (households[0] as Household);
}

export type EventProblem =
  | { reason: "eventAlreadyInVisit"; params: { event: EventType } }
  | { reason: "tooManyEvents"; params: { max: number } }
  | { reason: "memberDiffers"; params: { memberId: string; memberOrdinal: number } };

/**
 * Why an event cannot join a visit: its type is already there, the visit holds enough, or a member
 * id names someone else in it than in the visit (ids are the same person across the events, so a
 * member removed on the form — which renumbers those after them — is refused rather than mixed up).
 */
export function eventProblems(existing: readonly Household[], added: Household): EventProblem[] {
  const problems: EventProblem[] = [];
  if (existing.some((h) => h.event.type === added.event.type))
    problems.push({ reason: "eventAlreadyInVisit", params: { event: added.event.type } });
  if (existing.length >= MAX_VISIT_EVENTS)
    problems.push({ reason: "tooManyEvents", params: { max: MAX_VISIT_EVENTS } });
  const known = unionHousehold(existing).members;
  added.members.forEach((member, index) => {
    const same = known.find((m) => m.id === member.id);
    if (same && !samePerson(same, member))
      problems.push({ reason: "memberDiffers", params: { memberId: member.id, memberOrdinal: index + 1 } });
  });
  return problems;
}

const samePerson = (a: Member, b: Member) =>
  a.birthDate === b.birthDate && (a.name ?? "") === (b.name ?? "") && a.sex === b.sex;
