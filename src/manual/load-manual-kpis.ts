import type { DbOrTx } from "../db/database";
import { manualRepository } from "./manual.repository";

export interface ManualKpis {
  searches: number;
  noResult: number;
  clicked: number;
  answers: number;
  helpful: number;
}

export interface ManualKpiOptions {
  municipalityId: string;
  /** The dashboard's period, Japan dates (inclusive). */
  from: string;
  to: string;
}

/** The KPI dashboard's manual panel: searches, how many found nothing or were opened, and "was this helpful?". */
export async function loadManualKpis(db: DbOrTx, options: ManualKpiOptions): Promise<ManualKpis> {
  const from = new Date(`${options.from}T00:00:00+09:00`);
  const to = new Date(new Date(`${options.to}T00:00:00+09:00`).getTime() + 86_400_000);
  const repo = manualRepository(db);
  const [searches, feedback] = await Promise.all([
    repo.searchTotals(options.municipalityId, from, to),
    repo.feedbackTotals(options.municipalityId, from, to),
  ]);
  return { ...searches, ...feedback };
}
