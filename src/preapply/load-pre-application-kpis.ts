import type { Db } from "../db/database";
import { type PreApplicationCounts, preApplicationRepository } from "./pre-application.repository";

export interface PreApplicationKpiOptions {
  municipalityId: string;
  /** The dashboard's period, ISO dates in Japan, both ends included. */
  from: string;
  to: string;
  now: Date;
}

export interface PreApplicationKpis extends PreApplicationCounts {
  /** Fields the resident typed, per visit that used a pre-application (null when none was used). */
  fieldsSavedPerVisit: number | null;
}

/** The KPI panel's figures: pre-applications created in the period, and what became of them. */
export async function loadPreApplicationKpis(
  db: Db,
  options: PreApplicationKpiOptions,
): Promise<PreApplicationKpis> {
  const from = new Date(`${options.from}T00:00:00+09:00`);
  const to = new Date(new Date(`${options.to}T00:00:00+09:00`).getTime() + 86_400_000);
  const counts = await preApplicationRepository(db).counts(options.municipalityId, from, to, options.now);
  return {
    ...counts,
    fieldsSavedPerVisit:
      counts.consumed > 0 ? Math.round((counts.fieldsSaved / counts.consumed) * 10) / 10 : null,
  };
}
