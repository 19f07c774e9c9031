import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { baseName, checkFolder, dropRecord, MANIFEST, MARKERS } from "./file-drop";
import type { HandoffRecord } from "./record";

const root = mkdtempSync(join(tmpdir(), "mg-filedrop-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const now = new Date("2026-04-06T01:15:00Z");

function record(n: number): HandoffRecord {
  const id = `11111111-1111-4111-8111-${String(n).padStart(12, "0")}`;
  return {
    format: "madoguchi.handoff/1",
    key: `${id}:juki`,
    destination: "juki",
    municipality: { id: "kumamoto", code: "431001" },
    office: { code: "chuo" },
    application: {
      id,
      visitId: "22222222-2222-4222-8222-222222222222",
      procedureId: "juki.move-in",
      name: "転入届",
      acceptedAt: "2026-04-06T10:15:00.000+09:00",
      deadline: null,
      formSha256: "a".repeat(64),
    },
    event: { type: "move-in", date: "2026-04-06" },
    members: [{ id: "m0", name: "𠮷田 太郎" }],
    filer: null,
    answers: {},
  };
}

const manifestLines = (folder: string) =>
  readFileSync(join(folder, MANIFEST), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { key: string; csvSha256: string });

describe("dropRecord", () => {
  it("writes the JSON, the CSV in its encoding, a manifest line and a marker, leaving no temporary file", async () => {
    const folder = join(root, "a");
    const r = record(1);
    expect(await dropRecord({ folder, encoding: "shift_jis", layout: "juki" }, r, now)).toEqual({
      kind: "done",
      detail: `${baseName(r)}.csv`,
    });
    const names = readdirSync(folder).sort();
    expect(names).toEqual([MARKERS, `${baseName(r)}.csv`, `${baseName(r)}.json`, MANIFEST].sort());
    expect(JSON.parse(readFileSync(join(folder, `${baseName(r)}.json`), "utf8"))).toEqual(r);
    const csv = iconv.decode(readFileSync(join(folder, `${baseName(r)}.csv`)), "cp932");
    expect(csv).toContain('"〓田 太郎"');
    expect(manifestLines(folder).map((l) => l.key)).toEqual([r.key]);
    expect(readdirSync(join(folder, MARKERS))).toEqual([baseName(r)]);
  });

  it("never writes a key twice: a repeat is done without touching anything, even after the files were taken away", async () => {
    const folder = join(root, "b");
    const target = { folder, encoding: "utf-8" as const, layout: "standard" as const };
    const r = record(2);
    await dropRecord(target, r, now);
    // The core system imported and removed the files.
    rmSync(join(folder, `${baseName(r)}.csv`));
    rmSync(join(folder, `${baseName(r)}.json`));
    expect(await dropRecord(target, r, now)).toEqual({ kind: "done", detail: "delivered before" });
    expect(readdirSync(folder).filter((n) => n.endsWith(".csv"))).toEqual([]);
    expect(manifestLines(folder)).toHaveLength(1);
  });

  it("finishes an attempt that stopped after the rename, without a second manifest line", async () => {
    const folder = join(root, "c");
    const target = { folder, encoding: "utf-8" as const, layout: "standard" as const };
    const r = record(3);
    await dropRecord(target, r, now);
    // As if the worker died after the manifest line and before the marker.
    rmSync(join(folder, MARKERS, baseName(r)));
    expect((await dropRecord(target, r, now)).kind).toBe("done");
    expect(manifestLines(folder)).toHaveLength(1);
    // As if it died after the files and before the manifest line.
    rmSync(join(folder, MARKERS, baseName(r)));
    writeFileSync(join(folder, MANIFEST), "");
    expect((await dropRecord(target, r, now)).kind).toBe("done");
    expect(manifestLines(folder).map((l) => l.key)).toEqual([r.key]);
  });

  it("refuses, as permanent, a different file already under the key's name", async () => {
    const folder = join(root, "d");
    mkdirSync(folder, { recursive: true });
    const r = record(4);
    writeFileSync(join(folder, `${baseName(r)}.json`), "something else");
    const outcome = await dropRecord({ folder, encoding: "utf-8", layout: "standard" }, r, now);
    expect(outcome.kind).toBe("permanent");
    expect(readFileSync(join(folder, `${baseName(r)}.json`), "utf8")).toBe("something else");
  });

  it("asks to retry when the folder cannot be written", async () => {
    const file = join(root, "not-a-folder");
    writeFileSync(file, "x");
    const outcome = await dropRecord(
      { folder: join(file, "juki"), encoding: "utf-8", layout: "standard" },
      record(5),
      now,
    );
    expect(outcome).toMatchObject({ kind: "retry" });
    expect((outcome as { error: string }).error).toMatch(/ENOTDIR/);
  });

  it("keeps every line whole when many records are dropped at once", async () => {
    const folder = join(root, "e");
    const target = { folder, encoding: "utf-8" as const, layout: "standard" as const };
    await Promise.all(Array.from({ length: 40 }, (_, i) => dropRecord(target, record(100 + i), now)));
    const lines = manifestLines(folder);
    expect(new Set(lines.map((l) => l.key)).size).toBe(40);
  });
});

describe("checkFolder", () => {
  it("makes a missing folder when allowed, and only looks when not", async () => {
    expect(await checkFolder(join(root, "new", "juki"), false)).toBeNull();
    expect(readdirSync(root)).not.toContain("new");
    expect(await checkFolder(join(root, "new", "juki"), true)).toBeNull();
    expect(readdirSync(join(root, "new", "juki"))).toEqual([MARKERS]);
  });

  it("says why a folder cannot be used", async () => {
    const file = join(root, "plain-file");
    writeFileSync(file, "x");
    expect(await checkFolder(join(file, "juki"), true)).toMatch(/not writable \(ENOTDIR/);
    expect(await checkFolder(join(file, "juki"), false)).toMatch(/is not a folder/);
  });
});
