import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { refuse } from "./manual.errors";
import { manualRepository } from "./manual.repository";
import { parseEntry } from "./parse-entry";
import type { ManualAuthor } from "./submit-entry-version";

export interface DecideEntryVersionOptions {
  municipalityId: string;
  entryId: string;
  version: number;
  decision: "approve" | "reject";
  decider: ManualAuthor;
  now: Date;
  requestId?: string | null;
}

/**
 * The second person's decision on a pending version (the two-person rule): its author can neither
 * approve nor reject it (`manual.ownChange`; the table's check refuses it too). Approving publishes
 * it and archives the version it replaces. One transaction under the entry's row lock, audited.
 */
export async function decideEntryVersion(db: DbOrTx, options: DecideEntryVersionOptions): Promise<void> {
  const { municipalityId, entryId, version, now } = options;
  await db.transaction(async (tx) => {
    const repo = manualRepository(tx);
    const entry = await repo.entry(municipalityId, entryId, true);
    if (!entry) throw refuse("entryNotFound");
    const row = await repo.version(municipalityId, entryId, version, true);
    if (!row) throw refuse("versionNotFound");
    if (row.status !== "pending") throw refuse("notPending", { status: row.status });
    if (row.authorStaffId === options.decider.staffId) throw refuse("ownChange");
    const decided = { staffId: options.decider.staffId, name: options.decider.name, at: now };
    if (options.decision === "approve") {
      if (entry.publishedVersion)
        await repo.setStatus(municipalityId, entryId, entry.publishedVersion, "archived");
      await repo.setStatus(municipalityId, entryId, version, "published", decided);
      const parsed = parseEntry(row.source);
      await repo.updateEntry(
        municipalityId,
        entryId,
        parsed.ok
          ? {
              kind: parsed.entry.kind,
              audience: parsed.entry.audience,
              procedures: [...parsed.entry.procedures],
              publishedVersion: version,
            }
          : { publishedVersion: version },
        now,
      );
    } else await repo.setStatus(municipalityId, entryId, version, "rejected", decided);
    await auditRepository(tx).record({
      municipalityId,
      action: `manual.${options.decision}`,
      actorStaffId: options.decider.staffId,
      targetType: "manual_entry",
      targetId: `${entryId}@${version}`,
      requestId: options.requestId ?? null,
    });
  });
}
