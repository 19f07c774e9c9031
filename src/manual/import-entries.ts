import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { municipalities } from "../tenancy/tenancy.table";
import { refuse } from "./manual.errors";
import { manualRepository } from "./manual.repository";
import type { ManualEntry } from "./manual-entry";

export interface ImportEntriesOptions {
  municipalityId: string;
  entries: readonly ManualEntry[];
  /** Where they came from, recorded as the versions' author ("import: content/manual/kumamoto"). */
  origin: string;
  now: Date;
}

export interface ImportOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Imports entries from the repository's content folder in ONE transaction. An entry whose source
 * equals its published version is left alone; otherwise the source becomes a new published version
 * and the previous one is archived (kept, diffable). Content in the repository has been reviewed
 * there (a second person approved its pull request), so an import publishes; changes made in the
 * product go through the two-person rule instead (`submitEntryVersion`, `decideEntryVersion`).
 * A pending in-product change to an entry the import updates stays pending.
 */
export async function importEntries(db: DbOrTx, options: ImportEntriesOptions): Promise<ImportOutcome> {
  const { municipalityId, now } = options;
  return db.transaction(async (tx) => {
    const [tenant] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.id, municipalityId));
    if (!tenant) throw refuse("municipalityUnknown", { municipality: municipalityId });
    const repo = manualRepository(tx);
    const outcome: ImportOutcome = { created: [], updated: [], unchanged: 0 };
    for (const e of options.entries) {
      const existing = await repo.entry(municipalityId, e.id, true);
      const hash = sha256(e.source);
      if (existing?.publishedVersion) {
        const current = await repo.version(municipalityId, e.id, existing.publishedVersion);
        if (current?.sourceSha256 === hash) {
          outcome.unchanged++;
          continue;
        }
      }
      if (!existing)
        await repo.insertEntry({
          municipalityId,
          id: e.id,
          kind: e.kind,
          audience: e.audience,
          procedures: [...e.procedures],
          createdAt: now,
          updatedAt: now,
        });
      const version = await repo.nextVersion(municipalityId, e.id);
      if (existing?.publishedVersion)
        await repo.setStatus(municipalityId, e.id, existing.publishedVersion, "archived");
      await repo.insertVersion({
        municipalityId,
        entryId: e.id,
        version,
        source: e.source,
        sourceSha256: hash,
        status: "published",
        titleJa: e.title.ja,
        lastReviewed: e.lastReviewed,
        authorStaffId: null,
        authorName: options.origin,
        createdAt: now,
        decidedByName: options.origin,
        decidedAt: now,
      });
      await repo.updateEntry(
        municipalityId,
        e.id,
        { kind: e.kind, audience: e.audience, procedures: [...e.procedures], publishedVersion: version },
        now,
      );
      (existing ? outcome.updated : outcome.created).push(e.id);
    }
    if (outcome.created.length + outcome.updated.length > 0)
      await auditRepository(tx).record({
        municipalityId,
        action: "manual.import",
        actorUsername: "cli",
        targetType: "manual",
        detail: { origin: options.origin, created: outcome.created.length, updated: outcome.updated.length },
      });
    return outcome;
  });
}
