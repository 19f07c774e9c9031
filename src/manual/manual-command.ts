import { parseArgs } from "node:util";
import type { Db } from "../db/database";
import { loadAnalyser } from "./analyser";
import { importEntries } from "./import-entries";
import { defaultContentDir, type FileProblem, loadEntriesFromDir } from "./load-entries";
import { entryTitle, type ManualEntry } from "./manual-entry";
import { libraryOf, publishedLibrary } from "./manual-library";
import { buildReadingsCache, loadReadingsCache, READINGS_FILE, writeReadingsCache } from "./readings";

export interface ManualIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

type WithDb = (fn: (db: Db) => Promise<void>) => Promise<number>;

export const manualUsage = `使い方 / Usage:
  madoguchi manual list [--json] [--dir DIR | --db] [--municipality ID]
  madoguchi manual search "QUERY" [--json] [--limit N] [--lang CODE] [--audience staff|public] [--dir DIR | --db]
  madoguchi manual import DIR [--municipality ID]
  list と search はサーバーなしでコンテンツのフォルダ（既定: content/manual/<自治体>）を直接読みます。
  --db ではデータベースの公開版を読みます（PGlite はサーバー停止中のみ）。
  list and search read the content folder directly (default content/manual/<municipality>), no server
  or database needed; --db reads the published versions in the database instead (PGlite: with the
  server stopped). import validates every file first and writes nothing if one is invalid (exit 2);
  otherwise each changed entry becomes a new published version in one transaction, and the
  analyser's readings are written to DIR/_readings.json (search then starts without the analyser).
`;

const options = {
  json: { type: "boolean" },
  dir: { type: "string" },
  db: { type: "boolean" },
  municipality: { type: "string", default: "kumamoto" },
  limit: { type: "string", default: "10" },
  lang: { type: "string" },
  audience: { type: "string", default: "staff" },
} as const;

function writeProblems(io: ManualIo, problems: readonly FileProblem[]): void {
  for (const p of problems)
    io.stderr.write(
      `${p.file}: ${p.path ? `${p.path}: ` : ""}${p.code}${p.params ? ` ${JSON.stringify(p.params)}` : ""}\n`,
    );
}

async function entriesFrom(
  values: { dir?: string | undefined; db?: boolean | undefined; municipality: string },
  io: ManualIo,
  withDb: WithDb,
): Promise<ManualEntry[] | null> {
  if (values.db) {
    let entries: ManualEntry[] = [];
    const code = await withDb(async (db) => {
      entries = [...(await publishedLibrary(db, values.municipality)).entries];
    });
    return code === 0 ? entries : null;
  }
  const dir = values.dir ?? defaultContentDir(values.municipality);
  const loaded = await loadEntriesFromDir(dir).catch((error: NodeJS.ErrnoException) => {
    io.stderr.write(`フォルダを読めません / Cannot read ${dir}: ${error.code ?? error.message}\n`);
    return null;
  });
  if (!loaded) return null;
  writeProblems(io, loaded.problems);
  return loaded.entries;
}

/** A query without Japanese but with Latin letters is answered with English titles. */
const queryLang = (query: string): string =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\uFF66-\uFF9F]/u.test(query) || !/[a-z]/i.test(query)
    ? "ja"
    : "en";

/** `madoguchi manual list|search|import`: returns the exit code. */
export async function manualCommand(
  sub: string | undefined,
  args: string[],
  io: ManualIo,
  withDb: WithDb,
): Promise<number> {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
  if (sub === "list") {
    const entries = await entriesFrom(values, io, withDb);
    if (!entries) return 1;
    const lang = values.lang ?? "ja";
    const out = entries.map((e) => ({
      id: e.id,
      title: entryTitle(e, lang).text,
      procedures: [...e.procedures],
      audience: e.audience,
      kind: e.kind,
    }));
    if (values.json) io.stdout.write(`${JSON.stringify({ entries: out })}\n`);
    else
      for (const e of out) io.stdout.write(`${e.id}\t${e.audience}\t${e.procedures.join(",")}\t${e.title}\n`);
    return 0;
  }
  if (sub === "search") {
    const query = positionals.join(" ");
    const limit = Number.parseInt(values.limit, 10);
    if (
      !query.trim() ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > 100 ||
      !["staff", "public"].includes(values.audience)
    ) {
      io.stderr.write(manualUsage);
      return 2;
    }
    const entries = await entriesFrom(values, io, withDb);
    if (!entries) return 1;
    const readings = await loadReadingsCache(values.dir ?? defaultContentDir(values.municipality));
    const library = await libraryOf(entries, new Map(), readings);
    const lang = values.lang ?? queryLang(query);
    const hits = await library.search(query, {
      audience: values.audience as "staff" | "public",
      lang,
      limit,
    });
    const marked = (segments: { text: string; hit: boolean }[]) =>
      segments.map((s) => (s.hit ? `【${s.text}】` : s.text)).join("");
    const results = hits.map((h) => ({
      id: h.id,
      title: h.title.text,
      procedures: h.procedures,
      score: h.score,
      kind: h.kind,
      highlight: marked(h.title.segments),
      ...(h.snippet ? { snippet: marked(h.snippet.segments) } : {}),
    }));
    if (values.json) io.stdout.write(`${JSON.stringify({ results })}\n`);
    else for (const r of results) io.stdout.write(`${r.score.toFixed(2)}\t${r.id}\t${r.highlight}\n`);
    return 0;
  }
  if (sub === "import") {
    const dir = positionals[0];
    if (!dir) {
      io.stderr.write(manualUsage);
      return 2;
    }
    const loaded = await loadEntriesFromDir(dir).catch(() => null);
    if (!loaded) {
      io.stderr.write(`フォルダを読めません / Cannot read ${dir}\n`);
      return 1;
    }
    if (loaded.problems.length > 0) {
      writeProblems(io, loaded.problems);
      io.stderr.write(
        `${loaded.problems.length} 件の問題があるため取り込みません / Nothing imported: ${loaded.problems.length} problem(s).\n`,
      );
      return 2;
    }
    // The analyser's readings of the entries, so that a process builds the index without it.
    const readings = buildReadingsCache(loaded.entries, await loadAnalyser());
    await writeReadingsCache(dir, readings).catch((error: NodeJS.ErrnoException) =>
      io.stderr.write(
        `${READINGS_FILE} を書けません / Cannot write ${READINGS_FILE}: ${error.code ?? error.message}\n`,
      ),
    );
    return withDb(async (db) => {
      const outcome = await importEntries(db, {
        municipalityId: values.municipality,
        entries: loaded.entries,
        origin: `import: ${dir}`,
        now: new Date(),
      });
      io.stdout.write(
        `新規 ${outcome.created.length} 件・更新 ${outcome.updated.length} 件・変更なし ${outcome.unchanged} 件 / created ${outcome.created.length}, updated ${outcome.updated.length}, unchanged ${outcome.unchanged}\n`,
      );
    });
  }
  io.stderr.write(manualUsage);
  return 2;
}
