import type { DbOrTx } from "../db/database";
import { kpiRepository } from "./kpi.repository";

export interface RefreshTicketFactsOptions {
  municipalityId: string;
  /**
   * How many event ids below the highest one already in a fact to look at again (default 1,000):
   * room for transactions that took their ids earlier but committed later.
   */
  margin?: number;
}

/**
 * Writes the facts of every ticket that has ended since the last refresh. A ticket that ended never
 * changes again, so each fact is written once. The dashboard calls this before reading (it costs a
 * range scan of the newest events); the simulator and the bench after writing history. Idempotent:
 * two runs at once write each fact once.
 */
export function refreshTicketFacts(db: DbOrTx, options: RefreshTicketFactsOptions): Promise<number> {
  return kpiRepository(db).refreshTicketFacts(options.municipalityId, options.margin ?? 1_000);
}
