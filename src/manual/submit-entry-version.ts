import { auditRepository } from "../auth/audit.repository";
import type { DbOrTx } from "../db/database";
import { sha256 } from "./import-entries";
import { catalogProcedureIds } from "./load-entries";
import { invalidEntry, refuse } from "./manual.errors";
import { manualRepository } from "./manual.repository";
import { parseEntry } from "./parse-entry";

export interface ManualAuthor {
  staffId: string;
  name: string;
}

export interface SubmitEntryVersionOptions {
  municipalityId: string;
  /** The entry edited, or null for a new entry (its id comes from the source's front matter). */
  entryId: string | null;
  source: string;
  author: ManualAuthor;
  note?: string | null;
  now: Date;
  requestId?: string | null;
}

/**
 * Saves an edit as a new pending version (the published one stays until a second person approves).
 * The source is validated as the import validates files; a newer submission withdraws an older
 * pending one of the same entry. One transaction, audited.
 */
export async function submitEntryVersion(
  db: DbOrTx,
  options: SubmitEntryVersionOptions,
): Promise<{ entryId: string; version: number }> {
  const parsed = parseEntry(options.source, {
    procedureIds: catalogProcedureIds(),
    ...(options.entryId ? { expectedId: options.entryId } : {}),
  });
  if (!parsed.ok) {
    const idProblem = parsed.problems.find((p) => p.code === "manual.idMismatch");
    if (idProblem)
      throw refuse(
        "idChanged",
        { id: String(idProblem.params?.id ?? ""), expected: options.entryId ?? "" },
        "id",
      );
    throw invalidEntry(parsed.problems);
  }
  const entry = parsed.entry;
  const { municipalityId, now } = options;
  return db.transaction(async (tx) => {
    const repo = manualRepository(tx);
    const existing = await repo.entry(municipalityId, entry.id, true);
    if (options.entryId && !existing) throw refuse("entryNotFound");
    if (!options.entryId && existing) throw refuse("entryExists", {}, "id");
    if (!existing)
      await repo.insertEntry({
        municipalityId,
        id: entry.id,
        kind: entry.kind,
        audience: entry.audience,
        procedures: [...entry.procedures],
        createdAt: now,
        updatedAt: now,
      });
    const hash = sha256(entry.source);
    if (existing?.publishedVersion) {
      const current = await repo.version(municipalityId, entry.id, existing.publishedVersion);
      if (current?.sourceSha256 === hash) throw refuse("unchanged");
    }
    await repo.closePending(municipalityId, entry.id, "withdrawn");
    const version = await repo.nextVersion(municipalityId, entry.id);
    await repo.insertVersion({
      municipalityId,
      entryId: entry.id,
      version,
      source: entry.source,
      sourceSha256: hash,
      status: "pending",
      titleJa: entry.title.ja,
      lastReviewed: entry.lastReviewed,
      authorStaffId: options.author.staffId,
      authorName: options.author.name,
      note: options.note?.trim() || null,
      createdAt: now,
    });
    await auditRepository(tx).record({
      municipalityId,
      action: "manual.submit",
      actorStaffId: options.author.staffId,
      targetType: "manual_entry",
      targetId: `${entry.id}@${version}`,
      requestId: options.requestId ?? null,
    });
    return { entryId: entry.id, version };
  });
}
