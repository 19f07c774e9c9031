import type { TicketStatus } from "./queue.table";

/** What staff do to a called ticket; each is allowed from some statuses only. */
export type TicketAction = "recall" | "absent" | "start" | "finish" | "pause" | "resume" | "transfer";

const allowedFrom: Record<TicketAction, readonly TicketStatus[]> = {
  recall: ["called"],
  absent: ["called"],
  start: ["called"],
  finish: ["serving", "paused"],
  pause: ["serving"],
  resume: ["paused"],
  transfer: ["called", "serving", "paused"],
};

export const isFinished = (status: TicketStatus): boolean => status === "done" || status === "absent";

/** "ok", or why the action does not apply: the ticket is finished, or in a status the action does not fit. */
export function checkAction(status: TicketStatus, action: TicketAction): "ok" | "finished" | "invalid" {
  if (allowedFrom[action].includes(status)) return "ok";
  return isFinished(status) ? "finished" : "invalid";
}

/** Where a waiting ticket waits: its purpose's counters, or, after a transfer, one counter or one department. */
export type Lane = "purpose" | `counter:${string}` | `department:${string}`;

export function laneOf(t: { targetCounterId: string | null; targetDepartmentId: string | null }): Lane {
  if (t.targetCounterId) return `counter:${t.targetCounterId}`;
  if (t.targetDepartmentId) return `department:${t.targetDepartmentId}`;
  return "purpose";
}
