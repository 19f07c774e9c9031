import type { DbOrTx } from "../db/database";
import { kpiRepository } from "./kpi.repository";

export interface RefreshTicketFactsOptions {
  municipalityId: string;
  /** Tickets of this service date and later are looked at; earlier ones already have their facts. */
  sinceDate: string;
}

/**
 * Writes the facts of every ticket that has ended since `sinceDate` and has none yet. A ticket that
 * ended never changes again, so each fact is written once; the dashboard calls this for the last
 * week before reading (a ticket left open longer is not a case that ended), the simulator and the
 * bench for the whole history. Idempotent: two runs at once write each fact once.
 */
export function refreshTicketFacts(db: DbOrTx, options: RefreshTicketFactsOptions): Promise<number> {
  return kpiRepository(db).refreshTicketFacts(options.municipalityId, options.sinceDate);
}
