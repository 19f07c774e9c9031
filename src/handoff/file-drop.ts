import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { recordCsv } from "./csv";
import type { CsvLayoutId, FileEncoding } from "./destination.schema";
import type { HandoffRecord } from "./record";
import type { AttemptOutcome } from "./retry-policy";

/**
 * A file drop into a core system's folder (docs/handoff.md): per record a JSON file and a CSV, each
 * written under a temporary name starting with ".", flushed to disk, then renamed to its final name;
 * then a line appended to manifest.jsonl; then a marker in .delivered/. Every step can be repeated:
 * a final name already present with the same bytes counts as written, and a marker present means the
 * record was delivered before (the core system may since have moved the files away), so the same key
 * is never written twice.
 */
export interface FileDropTarget {
  folder: string;
  encoding: FileEncoding;
  layout: CsvLayoutId;
}

export const MANIFEST = "manifest.jsonl";
export const MARKERS = ".delivered";

/** The file name of a record without extension: the application id and the destination. */
export const baseName = (record: HandoffRecord): string => `${record.application.id}_${record.destination}`;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function fsyncPath(path: string, flags = "r"): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

class KeyConflict extends Error {}

/** Writes `bytes` under `name` once: "present" when the same bytes are already there. */
async function writeOnce(folder: string, name: string, bytes: Uint8Array): Promise<"written" | "present"> {
  const final = join(folder, name);
  const existing = await readFile(final).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (existing) {
    if (Buffer.compare(existing, bytes) === 0) return "present";
    throw new KeyConflict(`${final} already exists with different content`);
  }
  const temp = join(folder, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, final);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  return "written";
}

async function manifestHas(folder: string, key: string): Promise<boolean> {
  const text = await readFile(join(folder, MANIFEST), "utf8").catch(() => "");
  return text.includes(`"key":${JSON.stringify(key)}`);
}

async function appendManifest(folder: string, line: string): Promise<void> {
  // One write() of one line on an O_APPEND descriptor: lines of several workers never interleave.
  const handle = await open(join(folder, MANIFEST), "a", 0o640);
  try {
    await handle.write(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function dropRecord(
  target: FileDropTarget,
  record: HandoffRecord,
  now: Date,
): Promise<AttemptOutcome> {
  const base = baseName(record);
  const marker = join(target.folder, MARKERS, base);
  try {
    await mkdir(join(target.folder, MARKERS), { recursive: true });
    if (
      await stat(marker).then(
        () => true,
        () => false,
      )
    )
      return { kind: "done", detail: "delivered before" };
    const json = new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
    const csv = recordCsv(record, target.layout, target.encoding);
    // The JSON first: an importer that starts from the CSV always finds its JSON beside it.
    const jsonResult = await writeOnce(target.folder, `${base}.json`, json);
    const csvResult = await writeOnce(target.folder, `${base}.csv`, csv);
    await fsyncPath(target.folder);
    const line = JSON.stringify({
      key: record.key,
      writtenAt: now.toISOString(),
      json: `${base}.json`,
      jsonSha256: sha256(json),
      csv: `${base}.csv`,
      csvSha256: sha256(csv),
      encoding: target.encoding,
      layout: target.layout,
      rows: Math.max(1, record.members.length),
    });
    // A file already in place means an earlier attempt got this far: its line may be there too.
    const repeated = jsonResult === "present" || csvResult === "present";
    if (!repeated || !(await manifestHas(target.folder, record.key)))
      await appendManifest(target.folder, line);
    const handle = await open(marker, "w", 0o640);
    await handle.close();
    await fsyncPath(dirname(marker));
    return { kind: "done", detail: `${base}.csv` };
  } catch (error) {
    if (error instanceof KeyConflict) return { kind: "permanent", error: error.message };
    const e = error as NodeJS.ErrnoException;
    return { kind: "retry", error: `${e.code ?? "error"}: ${e.message}` };
  }
}

/**
 * Whether the folder can take files: with `create`, it is made if missing and a probe file is
 * written and removed (the worker at start); without, nothing is changed (a page showing health).
 * Stale temporary files of crashed writers older than an hour are removed when creating.
 */
export async function checkFolder(folder: string, create: boolean): Promise<string | null> {
  try {
    if (create) {
      await mkdir(join(folder, MARKERS), { recursive: true });
      const probe = join(folder, `.probe.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      const handle = await open(probe, "wx");
      await handle.close();
      await unlink(probe);
      const cutoff = Date.now() - 3_600_000;
      for (const name of await readdir(folder)) {
        if (!name.startsWith(".") || !name.endsWith(".tmp")) continue;
        const info = await stat(join(folder, name)).catch(() => undefined);
        if (info && info.mtimeMs < cutoff) await unlink(join(folder, name)).catch(() => {});
      }
      return null;
    }
    let dir = folder;
    for (;;) {
      const info = await stat(dir).catch(() => undefined);
      if (info) {
        if (!info.isDirectory()) return `${dir} is not a folder`;
        await access(dir, constants.W_OK);
        return null;
      }
      const parent = dirname(dir);
      if (parent === dir) return `${folder} cannot be created`;
      dir = parent;
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `folder ${folder} is not writable (${e.code ?? "error"}: ${e.message})`;
  }
}
