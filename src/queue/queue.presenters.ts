import { announcementJa } from "./queue";
import type { TicketStatus } from "./queue.table";
import type { Board, BoardCall, TicketView } from "./queue-board";
import { roundedRange } from "./wait-estimate";

/**
 * What displays and phone pages receive, first in the HTML and then by SSE: plain values, nothing a
 * template could leak more of (no ticket ids, no tokens, nothing about the resident).
 */
export interface DisplayCall {
  seq: number;
  number: number;
  counterNumber: number;
  counterJa: string;
  counterEn: string;
  active: boolean;
}

export interface DisplayWait {
  code: string;
  labelJa: string;
  labelEasy: string;
  labelEn: string;
  waiting: number;
  min: number;
  max: number;
}

export interface Announcement {
  number: number;
  counterJa: string;
  counterEn: string;
  textJa: string;
}

export interface DisplayPayload {
  seq: number;
  calls: DisplayCall[];
  waits: DisplayWait[];
  /** Calls to chime and speak: those after the client's last event id. */
  announce: Announcement[];
}

export interface PhonePayload {
  seq: number;
  status: TicketStatus | "expired";
  number: number;
  ahead: number | null;
  min: number | null;
  max: number | null;
  nearly: boolean;
  counterNumber: number | null;
  counterJa: string | null;
  counterEn: string | null;
}

const displayCall = (c: BoardCall): DisplayCall => ({
  seq: c.seq,
  number: c.number,
  counterNumber: c.counterNumber,
  counterJa: c.counterLabelJa,
  counterEn: c.counterLabelEn,
  active: c.active,
});

export function displayPayload(board: Board, sinceSeq: number | null): DisplayPayload {
  const announce =
    sinceSeq === null
      ? []
      : board.calls
          .filter((c) => c.seq > sinceSeq)
          .slice(0, 3)
          .reverse()
          .map((c) => ({
            number: c.number,
            counterJa: c.counterLabelJa,
            counterEn: c.counterLabelEn,
            textJa: announcementJa(c.number, c.counterLabelJa),
          }));
  return {
    seq: board.seq,
    calls: board.calls.map(displayCall),
    waits: board.purposes.map((p) => {
      const r = roundedRange(p.estimate);
      return {
        code: p.code,
        labelJa: p.labelJa,
        labelEasy: p.labelEasy,
        labelEn: p.labelEn,
        waiting: p.waiting,
        min: r.min,
        max: r.max,
      };
    }),
    announce,
  };
}

export function phonePayload(view: TicketView | undefined, seq: number, number: number): PhonePayload {
  if (!view)
    return {
      seq,
      status: "expired",
      number,
      ahead: null,
      min: null,
      max: null,
      nearly: false,
      counterNumber: null,
      counterJa: null,
      counterEn: null,
    };
  const r = view.estimate ? roundedRange(view.estimate) : null;
  return {
    seq,
    status: view.status,
    number: view.number,
    ahead: view.ahead,
    min: r?.min ?? null,
    max: r?.max ?? null,
    nearly: view.nearly,
    counterNumber: view.counter?.number ?? null,
    counterJa: view.counter?.labelJa ?? null,
    counterEn: view.counter?.labelEn ?? null,
  };
}
