import type { Db } from "../db/database";
import { preApplicationRepository } from "./pre-application.repository";

/**
 * The schedule's step: submitted entries past their time become expired, and every expired or
 * withdrawn entry loses its household and hashes (the row stays for the KPI counts). One transaction.
 */
export function purgePreApplications(db: Db, now: Date): Promise<{ expired: number; purged: number }> {
  return db.transaction((tx) => preApplicationRepository(tx).expireAndPurge(now));
}
