import type { Plan, PlanItem } from "./engine";
import { reasonKey } from "./reasons";

const earlier = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a <= b ? a : b;

/**
 * One plan for a visit that holds several events of one household on one day — a marriage and the
 * partner's move-in, say. The plan is the union of the events' plans: each procedure once, in the
 * order it first appears (the first event's plan, then what the next adds); its members merged, in
 * the order of `memberOrder` (the visit's members); the earlier deadline and the earlier due, since
 * the one form answers both events; the reasons of every event that called for it, each once.
 *
 * Member ids name the same person in every event's household (the visit's own ids).
 */
export function mergePlans(plans: readonly Plan[], memberOrder: readonly string[]): Plan {
  const rank = (id: string) => {
    const at = memberOrder.indexOf(id);
    return at < 0 ? memberOrder.length : at;
  };
  const merged = new Map<string, PlanItem>();
  for (const plan of plans) {
    for (const item of plan.procedures) {
      const known = merged.get(item.id);
      if (!known) {
        merged.set(item.id, { ...item, members: [...item.members], reasons: [...item.reasons] });
        continue;
      }
      const members = new Set([...known.members, ...item.members]);
      known.members = [...members].sort((a, b) => rank(a) - rank(b));
      known.deadline = earlier(known.deadline, item.deadline);
      known.due = earlier(known.due, item.due);
      // A procedure one event hands to the counter and another only mentions is done at the counter.
      if (item.handling === "one-stop") known.handling = "one-stop";
      const said = new Set(known.reasons.map(reasonKey));
      for (const reason of item.reasons) if (!said.has(reasonKey(reason))) known.reasons.push(reason);
    }
  }
  return { procedures: [...merged.values()] };
}
