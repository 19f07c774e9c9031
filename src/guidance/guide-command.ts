import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { CatalogError } from "../catalog/catalog.errors";
import { defaultMunicipalityId, getMunicipalitySettings, municipalityIds } from "../catalog/municipalities";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { parseLocale } from "../i18n/locales";
import { type Translate, translator } from "../i18n/translate";
import { type GuideResult, guideJson } from "./guide";
import { presentPlan } from "./pages/guidance.presenter";
import type { HouseholdProblem } from "./problems";

export interface GuideIo {
  stdin: NodeJS.ReadableStream | AsyncIterable<string | Buffer>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Exit codes: 0 done (with --jsonl: even when some lines were refused), 2 refused or unreadable input. */
const ok = 0;
const refused = 2;

export const guideUsage = `使い方 / Usage:
  madoguchi guide FILE                 世帯のJSONから手続きの案内を出します / plan one household (JSON file; "-" = stdin)
                                       配列なら1回の来庁の複数の出来事（婚姻と転入など）をまとめます
                                       / a JSON array: several events of one visit (marriage + move-in), one plan
  madoguchi guide --jsonl [FILE]       1行に1世帯のJSON Linesを読み、1行に1件の案内を書きます
                                       / one household per line in, one plan per line out (default: stdin)
Options:
  --municipality ID                    自治体の設定 / municipality settings: ${municipalityIds.join(", ")}
                                       (default: ${defaultMunicipalityId} = national baseline with Kumamoto's limits)
  --lang CODE                          理由の言語 / language of the reasons: ja (default), en, ja-x-easy, zh-Hans, ko, vi
                                       (reasonCodes gives them as codes whatever the language)
  -h, --help                           この説明 / this help
Exit codes: 0 = plan written (--jsonl: every line answered, refusals as {"error":…} lines),
            2 = household refused, malformed JSON, unreadable input or bad arguments.
`;

const ja = translator("ja");
const en = translator("en");

function writeProblems(io: GuideIo, problems: readonly HouseholdProblem[]): void {
  const lines = [
    `世帯の情報に問題があるため、案内を作れません（${problems.length}件）。`,
    `The household was refused: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`,
  ];
  for (const p of problems) {
    lines.push(`- ${p.path || "(input)"} [${p.code}]`, `  ${ja.message(p)}`, `  ${en.message(p)}`);
  }
  io.stderr.write(`${lines.join("\n")}\n`);
}

/** A refusal line of --jsonl: each problem with its code, its data and its text in both languages. */
const problemOut = (p: HouseholdProblem) => ({ ...p, ja: ja.message(p), en: en.message(p) });

function fail(io: GuideIo, ja: string, en: string): number {
  io.stderr.write(`${ja}\n${en}\n`);
  return refused;
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

async function* textChunks(source: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source) {
    yield typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function readAll(source: AsyncIterable<string | Buffer>): Promise<string> {
  let text = "";
  for await (const chunk of textChunks(source)) text += chunk;
  return text;
}

function describeReadError(error: unknown, file: string): [string, string] {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return [`ファイルが見つかりません: ${file}`, `File not found: ${file}`];
  if (code === "EISDIR") return [`フォルダーは読めません: ${file}`, `Is a directory, not a file: ${file}`];
  const detail = error instanceof Error ? error.message : String(error);
  return [`入力を読めません: ${file}（${detail}）`, `Cannot read the input ${file}: ${detail}`];
}

/** Writes in large pieces and waits when the destination asks for it, so 10,000 plans stay fast. */
class BatchedWriter {
  private buffer = "";
  constructor(private readonly out: GuideIo["stdout"]) {}

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    if (this.buffer.length >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === "") return;
    const accepted = this.out.write(this.buffer);
    this.buffer = "";
    const out = this.out as { once?: (event: string, listener: () => void) => unknown };
    if (accepted === false && typeof out.once === "function") {
      await new Promise<void>((resolve) => out.once?.("drain", resolve));
    }
  }
}

function resultLine(result: GuideResult, line: number, t: Translate): string {
  if (result.ok) return JSON.stringify(presentPlan(result.plan, t));
  return JSON.stringify({
    error: { code: result.error.code, line, problems: result.error.problems.map(problemOut) },
  });
}

async function runJsonl(
  source: AsyncIterable<string | Buffer>,
  name: string,
  settings: MunicipalitySettings,
  io: GuideIo,
  t: Translate,
): Promise<number> {
  const writer = new BatchedWriter(io.stdout);
  let pending = "";
  let lineNumber = 0;
  const answer = async (raw: string): Promise<void> => {
    lineNumber++;
    const text = (lineNumber === 1 ? stripBom(raw) : raw).trim();
    // Blank lines (such as a final newline) carry no household and get no answer.
    if (text === "") return;
    await writer.line(resultLine(guideJson(text, settings), lineNumber, t));
  };
  try {
    for await (const chunk of textChunks(source)) {
      pending += chunk;
      let start = 0;
      for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n", start)) {
        await answer(pending.slice(start, end));
        start = end + 1;
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    await writer.flush();
    return fail(io, ...describeReadError(error, name));
  }
  await answer(pending);
  await writer.flush();
  return ok;
}

/**
 * `madoguchi guide`: plans one household from a JSON file, or with `--jsonl` one household per
 * line. Returns the exit code; writes only through `io`, so it is tested without a process.
 */
export async function runGuide(args: string[], io: GuideIo): Promise<number> {
  let options: { jsonl?: boolean; municipality?: string; lang?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values: options, positionals } = parseArgs({
      args,
      options: {
        jsonl: { type: "boolean" },
        municipality: { type: "string" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`引数が正しくありません / Bad arguments: ${detail}\n\n${guideUsage}`);
    return refused;
  }
  if (options.help) {
    io.stdout.write(guideUsage);
    return ok;
  }
  if (positionals.length > 1) {
    io.stderr.write(`ファイルは1つだけ指定してください / Give one file only.\n\n${guideUsage}`);
    return refused;
  }

  const locale = options.lang === undefined ? "ja" : parseLocale(options.lang);
  if (locale === undefined) {
    io.stderr.write(
      `言語「${options.lang}」はありません / Unknown language "${options.lang}".\n\n${guideUsage}`,
    );
    return refused;
  }
  const t = translator(locale);

  let settings: MunicipalitySettings;
  const municipality = options.municipality ?? defaultMunicipalityId;
  try {
    settings = getMunicipalitySettings(municipality);
  } catch (error) {
    if (!(error instanceof CatalogError) || error.code !== "municipality.unknown") throw error;
    const known = municipalityIds.join(", ");
    return fail(
      io,
      `自治体「${municipality}」の設定はありません（${known}）。`,
      `Unknown municipality "${municipality}" (known: ${known}).`,
    );
  }

  const file = positionals[0];
  const fromStdin = file === undefined || file === "-";
  const name = fromStdin ? "stdin" : file;

  if (options.jsonl) {
    const source = fromStdin ? io.stdin : createReadStream(file);
    return runJsonl(source as AsyncIterable<string | Buffer>, name, settings, io, t);
  }

  let text: string;
  try {
    text = fromStdin
      ? await readAll(io.stdin as AsyncIterable<string | Buffer>)
      : await readFile(file, "utf8");
  } catch (error) {
    return fail(io, ...describeReadError(error, name));
  }
  const result = guideJson(stripBom(text), settings);
  if (!result.ok && result.error.code === "json.malformed") {
    const [first] = result.error.problems;
    return fail(
      io,
      `${name}: ${first ? ja.message(first) : ""}`,
      `${name}: ${first ? en.message(first) : ""}`,
    );
  }
  if (!result.ok) {
    writeProblems(io, result.error.problems);
    return refused;
  }
  io.stdout.write(`${JSON.stringify(presentPlan(result.plan, t), null, 2)}\n`);
  return ok;
}
