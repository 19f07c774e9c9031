import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import type { LocaleMap } from "../shared/locale";
import { isUuid } from "../tenancy/tenancy.repository";
import { queuePurposes, queueTickets } from "./queue.table";

/** What a counter visit shows of the ticket that opened it: the number called out, its day and purpose. */
export interface VisitTicket {
  id: string;
  number: number;
  /** The day the number was issued (Japan date, ISO): numbers restart every day. */
  serviceDate: string;
  /** The purpose the resident chose at the kiosk, in each language it has. */
  purpose: LocaleMap;
}

/**
 * Read-only: the tickets of some visits, for the visit list and the visit page. The queue owns tickets;
 * the visit pages only show their numbers, so this reads and never writes.
 */
export function visitTicketsRepository(db: DbOrTx) {
  return {
    async find(municipalityId: string, ticketIds: readonly string[]): Promise<Map<string, VisitTicket>> {
      const ids = [...new Set(ticketIds.filter(isUuid))];
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({
          id: queueTickets.id,
          number: queueTickets.number,
          serviceDate: queueTickets.serviceDate,
          purpose: queuePurposes.labels,
        })
        .from(queueTickets)
        .innerJoin(queuePurposes, eq(queuePurposes.id, queueTickets.purposeId))
        .where(and(eq(queueTickets.municipalityId, municipalityId), inArray(queueTickets.id, ids)));
      return new Map(rows.map((r) => [r.id, r]));
    },
  };
}
