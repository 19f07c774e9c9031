import type { Db } from "../db/database";
import { kpiDemoRepository } from "./demo.repository";

export interface ClearDemoOptions {
  municipalityId: string;
}

/** Removes everything `demo simulate` wrote, in one transaction: all of it or, on failure, none. */
export function clearDemo(db: Db, options: ClearDemoOptions): Promise<number> {
  return db.transaction((tx) => kpiDemoRepository(tx).clear(options.municipalityId));
}
