// The counter visit as an explicit state machine. Every transition is timestamped and attributed to a
// staff member; those timestamps feed the KPIs (service time per step, time to acceptance).

export const visitStates = [
  "reception",
  "identity",
  "household",
  "plan",
  "interview",
  "review",
  "signature",
  "accepted",
  "closed",
  "cancelled",
] as const;
export type VisitState = (typeof visitStates)[number];

/**
 * Allowed moves. Forward one step at a time; back one step from the steps where staff correct what
 * they entered (the plan after a household change, the interview after the review). Once accepted,
 * the applications are committed: only closing remains (a withdrawal is a new procedure, not a cancel).
 */
const transitions: Record<VisitState, readonly VisitState[]> = {
  reception: ["identity", "cancelled"],
  identity: ["household", "cancelled"],
  household: ["plan", "identity", "cancelled"],
  plan: ["interview", "household", "cancelled"],
  interview: ["review", "plan", "cancelled"],
  review: ["signature", "interview", "cancelled"],
  signature: ["accepted", "review", "cancelled"],
  accepted: ["closed"],
  closed: [],
  cancelled: [],
};

export const isTerminal = (state: VisitState): boolean => transitions[state].length === 0;

export function canTransition(from: VisitState, to: VisitState): boolean {
  return transitions[from].includes(to);
}

export function nextStates(from: VisitState): readonly VisitState[] {
  return transitions[from];
}

export interface VisitTransition {
  from: VisitState;
  to: VisitState;
  at: string;
  staffId: string;
}

export type TransitionResult =
  | { ok: true; transition: VisitTransition }
  | { ok: false; code: "VISIT_TRANSITION_REFUSED"; from: VisitState; to: VisitState };

/** Checks one move and returns the transition record to store, or the refusal (the states it names). */
export function transition(from: VisitState, to: VisitState, staffId: string, at: Date): TransitionResult {
  if (!canTransition(from, to)) return { ok: false, code: "VISIT_TRANSITION_REFUSED", from, to };
  return { ok: true, transition: { from, to, at: at.toISOString(), staffId } };
}
