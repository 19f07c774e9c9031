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
  | { ok: false; code: "VISIT_TRANSITION_REFUSED"; from: VisitState; to: VisitState; ja: string; en: string };

const stateLabels: Record<VisitState, { ja: string; en: string }> = {
  reception: { ja: "受付", en: "reception" },
  identity: { ja: "本人確認", en: "identity check" },
  household: { ja: "世帯の確認", en: "household" },
  plan: { ja: "手続きの確認", en: "plan" },
  interview: { ja: "聞き取り", en: "interview" },
  review: { ja: "内容の確認", en: "review" },
  signature: { ja: "署名", en: "signature" },
  accepted: { ja: "受理済み", en: "accepted" },
  closed: { ja: "終了", en: "closed" },
  cancelled: { ja: "取消し", en: "cancelled" },
};

export const visitStateLabel = (state: VisitState): { ja: string; en: string } => stateLabels[state];

/** Checks one move and returns the transition record to store, or a refusal written for staff. */
export function transition(from: VisitState, to: VisitState, staffId: string, at: Date): TransitionResult {
  if (!canTransition(from, to)) {
    return {
      ok: false,
      code: "VISIT_TRANSITION_REFUSED",
      from,
      to,
      ja: `「${stateLabels[from].ja}」から「${stateLabels[to].ja}」には進めません。`,
      en: `A visit cannot go from ${stateLabels[from].en} to ${stateLabels[to].en}.`,
    };
  }
  return { ok: true, transition: { from, to, at: at.toISOString(), staffId } };
}
