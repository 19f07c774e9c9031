import { createWriteStream, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { DrizzleQueryError } from "drizzle-orm";
import iconv from "iconv-lite";
import { eventTypes } from "../catalog/vocabulary";
import type { Db } from "../db/database";
import { translator } from "../i18n/translate";
import type { Message } from "../shared/locale";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality, seedNames } from "../tenancy/municipality-seed";
import { tenancyRepository } from "../tenancy/tenancy.repository";
import { generateRegistry, generateRegistryCsv } from "./generate-registry";
import { householdToGuidanceInput } from "./guidance-input";
import { type FileEncoding, fileEncodings, importRegistry } from "./import-registry";
import { localRegistry } from "./local-registry";
import { variantFolds } from "./name-key";
import { openHousehold, openReasons } from "./open-household";
import { rekeyRegistry } from "./rekey-registry";
import { todayInJapan } from "./resident";
import { findByCard, placeFrom, readCardForm, readSearchForm, searchResidents } from "./search-residents";

export interface CommandIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** Opens the configured database (migrated) for the duration of `fn`; supplied by the CLI. */
export type WithDb = (fn: (db: Db) => Promise<void>) => Promise<number>;

/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (CI logs),
 * so stdout stays clean for what a script reads.
 */
export function progressBar(io: CommandIo, label: string) {
  const started = performance.now();
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      const text = `${label} ${Math.floor(ratio * 100)
        .toString()
        .padStart(
          3,
        )}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${rate.toLocaleString("en-US")}/s)`;
      if (io.stderr.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(ratio * width);
        io.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${text}`);
        if (done >= total) io.stderr.write("\n");
      } else {
        const decile = Math.floor(ratio * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        io.stderr.write(`${text}\n`);
      }
    },
  };
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A failed statement's error carries its parameters, which here are residents' names and addresses:
 * the CLI prints the database's own message instead, so no personal data reaches a terminal log.
 */
function guarded(io: CommandIo, withDb: WithDb): WithDb {
  return async (fn) => {
    try {
      return await withDb(fn);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (error instanceof DrizzleQueryError) {
        const detail = cause instanceof Error ? cause.message : "query failed";
        io.stderr.write(`データベースの処理に失敗しました / the database refused the operation: ${detail}\n`);
        return 1;
      }
      throw error;
    }
  };
}

/** A problem's message as the CLI prints it: Japanese, then English. */
const bothLanguages = (m: Message): string =>
  `${translator("ja").message(m)} / ${translator("en").message(m)}`;

function fail(io: CommandIo, ja: string, en: string): number {
  io.stderr.write(`${ja}\n${en}\n`);
  return 2;
}

/**
 * Shift_JIS cannot hold every registered character (𠮷, IVS sequences). As a municipal export does,
 * such a character is written in its common form (the search fold), and one with none as 〓 (下駄).
 */
const sjisSafe = new Map<string, string>();

export function toShiftJisText(text: string): { text: string; substituted: number } {
  let substituted = 0;
  const out = text.replace(/[^\u0020-\u007E\r\n\t]/gu, (ch) => {
    let safe = sjisSafe.get(ch);
    if (safe === undefined) {
      if (iconv.decode(iconv.encode(ch, "cp932"), "cp932") === ch) safe = ch;
      else if (/[\u{E0100}-\u{E01EF}\uFE00-\uFE0F]/u.test(ch)) safe = "";
      else safe = variantFolds[ch] ?? "〓";
      sjisSafe.set(ch, safe);
    }
    if (safe !== ch) substituted++;
    return safe;
  });
  return { text: out, substituted };
}

export async function registryGenerateCommand(
  args: string[],
  io: CommandIo,
  unguarded: WithDb,
): Promise<number> {
  const withDb = guarded(io, unguarded);
  const { values } = parseArgs({
    args,
    options: {
      residents: { type: "string", default: "730000" },
      seed: { type: "string", default: "1" },
      municipality: { type: "string", default: "kumamoto" },
      "as-of": { type: "string" },
      csv: { type: "string" },
      encoding: { type: "string", default: "utf-8" },
    },
    strict: true,
  });
  const residents = Number(values.residents);
  const seed = Number(values.seed);
  const asOf = values["as-of"] ?? todayInJapan();
  if (!Number.isInteger(residents) || residents < 1 || residents > 5_000_000) {
    return fail(
      io,
      "--residents は 1〜5,000,000 の整数です。",
      "--residents must be an integer from 1 to 5,000,000.",
    );
  }
  if (!Number.isInteger(seed)) return fail(io, "--seed は整数です。", "--seed must be an integer.");
  if (!isoDatePattern.test(asOf))
    return fail(io, "--as-of は YYYY-MM-DD です。", "--as-of must be YYYY-MM-DD.");
  if (values.encoding !== "utf-8" && values.encoding !== "shift_jis") {
    return fail(io, "--encoding は utf-8 か shift_jis です。", "--encoding is utf-8 or shift_jis.");
  }
  const bar = progressBar(io, "generate");
  const started = performance.now();

  if (values.csv) {
    const out = createWriteStream(values.csv);
    let substituted = 0;
    for (const chunk of generateRegistryCsv({
      seed,
      residents,
      asOf,
      onProgress: (d, t) => bar.update(d, t),
    })) {
      let bytes: Buffer;
      if (values.encoding === "shift_jis") {
        const converted = toShiftJisText(chunk);
        substituted += converted.substituted;
        bytes = iconv.encode(converted.text, "cp932");
      } else bytes = Buffer.from(chunk, "utf8");
      if (!out.write(bytes)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    io.stdout.write(
      `${residents.toLocaleString("en-US")} 人分を ${values.csv} に書き出しました（${values.encoding}）/ wrote ${residents} residents (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    if (substituted > 0) {
      io.stdout.write(
        `Shift_JIS にない文字 ${substituted} 字を通常の字または〓に置き換えました / ${substituted} characters outside Shift_JIS were written in their common form or as 〓\n`,
      );
    }
    return 0;
  }

  let exit = 0;
  const code = await withDb(async (db) => {
    if (!(await knownMunicipality(io, db, values.municipality ?? "kumamoto"))) {
      exit = 2;
      return;
    }
    const counts = await generateRegistry({
      db,
      municipalityId: values.municipality ?? "kumamoto",
      seed,
      residents,
      asOf,
      actorUsername: "cli",
      onProgress: (d, t) => bar.update(d, t),
    });
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(
      `住民 ${residents.toLocaleString("en-US")} 人を生成しました（seed ${seed}, ${asOf} 時点）/ generated ${residents} residents in ${seconds.toFixed(1)} s: created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}\n`,
    );
  });
  return code === 0 ? exit : code;
}

async function knownMunicipality(io: CommandIo, db: Db, id: string): Promise<boolean> {
  if (await tenancyRepository(db).getMunicipality(id)) return true;
  // A fresh data directory: the built-in demo municipality (its wards and offices, no accounts) is
  // set up here, so that `registry generate` is the first command one needs; `serve` adds the rest.
  if (id === kumamotoSeed.id) {
    await seedMunicipality(db, kumamotoSeed);
    io.stderr.write(`自治体「${seedNames(kumamotoSeed).ja}」を登録しました / set up municipality "${id}".\n`);
    return true;
  }
  io.stderr.write(
    `自治体「${id}」がありません（先に madoguchi seed を実行してください）。\nMunicipality "${id}" does not exist (run madoguchi seed first).\n`,
  );
  return false;
}

export async function registryImportCommand(
  args: string[],
  io: CommandIo,
  unguarded: WithDb,
): Promise<number> {
  const withDb = guarded(io, unguarded);
  const { values, positionals } = parseArgs({
    args,
    options: {
      municipality: { type: "string", default: "kumamoto" },
      encoding: { type: "string", default: "auto" },
      "as-of": { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    return fail(io, "取り込むファイルを1つ指定してください。", "Name one file to import.");
  const encoding = fileEncodings.find(
    (e) => e === values.encoding?.toLowerCase().replace("sjis", "shift_jis").replace("cp932", "shift_jis"),
  );
  if (!encoding) {
    return fail(
      io,
      "--encoding は auto, utf-8, shift_jis のいずれかです。",
      "--encoding is auto, utf-8 or shift_jis.",
    );
  }
  const asOf = values["as-of"] ?? todayInJapan();
  if (!isoDatePattern.test(asOf))
    return fail(io, "--as-of は YYYY-MM-DD です。", "--as-of must be YYYY-MM-DD.");
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return fail(io, `ファイルを読めません: ${file}`, `Cannot read ${file}: ${(error as Error).message}`);
  }
  let exit = 0;
  const code = await withDb(async (db) => {
    if (!(await knownMunicipality(io, db, values.municipality ?? "kumamoto"))) {
      exit = 2;
      return;
    }
    const bars = { read: progressBar(io, "read "), write: progressBar(io, "write") };
    const started = performance.now();
    const report = await importRegistry({
      db,
      municipalityId: values.municipality ?? "kumamoto",
      bytes,
      fileName: basename(file),
      encoding: encoding as FileEncoding,
      actorUsername: "cli",
      asOf,
      onProgress: (phase, done, total) => bars[phase].update(done, total),
    });
    const seconds = (performance.now() - started) / 1000;
    if (!report.ok) {
      io.stderr.write(
        `検証レポート / validation report: ${file}${report.encoding ? ` (${report.encoding})` : ""}\n`,
      );
      for (const p of report.problems) {
        const where = p.line > 0 ? `${p.line}行目 / line ${p.line}` : "ファイル全体 / whole file";
        io.stderr.write(`  ${where}${p.column ? ` [${p.column}]` : ""}: ${bothLanguages(p)}\n`);
      }
      io.stderr.write(
        `取込みを中止しました。何も書き込んでいません（問題 ${report.problems.length} 件）。\nImport refused: nothing was written (${report.problems.length} problems).\n`,
      );
      exit = 2;
      return;
    }
    const { created, updated, unchanged } = report.counts;
    io.stdout.write(
      `取り込みました（${report.encoding}）/ imported ${report.rows} rows, ${report.households} households in ${seconds.toFixed(1)} s (${Math.round(report.rows / Math.max(seconds, 0.001)).toLocaleString("en-US")} rows/s): created ${created}, updated ${updated}, unchanged ${unchanged}\n`,
    );
  });
  return code === 0 ? exit : code;
}

async function placeOf(db: Db, municipalityId: string) {
  const repo = tenancyRepository(db);
  const [municipality, offices] = await Promise.all([
    repo.getMunicipality(municipalityId),
    repo.listOffices(municipalityId),
  ]);
  return placeFrom(municipality, offices);
}

/**
 * `registry search`: the staff search from a terminal, one tab-separated line per resident (resident
 * id, household id, name, kana, birth date, sex, address); with --card, the four card attributes.
 */
export async function registrySearchCommand(
  args: string[],
  io: CommandIo,
  unguarded: WithDb,
): Promise<number> {
  const withDb = guarded(io, unguarded);
  const { values } = parseArgs({
    args,
    options: {
      municipality: { type: "string", default: "kumamoto" },
      name: { type: "string", default: "" },
      match: { type: "string", default: "prefix" },
      "birth-date": { type: "string", default: "" },
      sex: { type: "string", default: "" },
      address: { type: "string", default: "" },
      card: { type: "boolean", default: false },
    },
    strict: true,
  });
  const municipalityId = values.municipality ?? "kumamoto";
  let exit = 0;
  const code = await withDb(async (db) => {
    if (!(await knownMunicipality(io, db, municipalityId))) {
      exit = 2;
      return;
    }
    const query = {
      name: values.name ?? "",
      match: values.match ?? "",
      birthDate: values["birth-date"] ?? "",
      sex: values.sex ?? "",
      address: values.address ?? "",
    };
    const options = {
      db,
      actor: { staffId: null, username: `cli:${userInfo().username}`, officeId: null },
      registry: localRegistry({ db }),
      municipalityId,
      place: await placeOf(db, municipalityId),
    };
    const outcome = values.card
      ? await findByCard({ ...options, form: readCardForm(query) })
      : await searchResidents({ ...options, form: readSearchForm(query) });
    if ("problems" in outcome) {
      for (const p of outcome.problems)
        io.stderr.write(`${p.path ? `${p.path}: ` : ""}${bothLanguages(p)}\n`);
      exit = 2;
      return;
    }
    for (const r of outcome.results.residents) {
      const match =
        r.addressMatches === undefined ? "" : `\t${r.addressMatches ? "address-matches" : "address-differs"}`;
      io.stdout.write(
        `${r.id}\t${r.householdId}\t${r.name}\t${r.kana}\t${r.birthDate}\t${r.sex}\t${r.ward}${r.address}${match}\n`,
      );
    }
    io.stderr.write(
      `${outcome.results.residents.length}件${outcome.results.more ? "（ほかにもあります / more match: narrow the search）" : ""}\n`,
    );
  });
  return code === 0 ? exit : code;
}

/**
 * `registry household ID --reason R`: opens a household as the counter does (the reason goes to the
 * audit log, actor "cli") and prints it as guidance input, one JSON line that `madoguchi guide -` reads.
 */
export async function registryHouseholdCommand(
  args: string[],
  io: CommandIo,
  unguarded: WithDb,
): Promise<number> {
  const withDb = guarded(io, unguarded);
  const { values, positionals } = parseArgs({
    args,
    options: {
      municipality: { type: "string", default: "kumamoto" },
      reason: { type: "string" },
      detail: { type: "string", default: "" },
      event: { type: "string", default: "move-within" },
      date: { type: "string" },
      subject: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const householdId = positionals[0];
  const reason = openReasons.find((r) => r === values.reason);
  if (!householdId || positionals.length > 1 || !reason) {
    return fail(
      io,
      `世帯IDを1つと --reason（${openReasons.join(", ")}）を指定してください。`,
      `Name one household id and --reason (${openReasons.join(", ")}).`,
    );
  }
  if (reason === "other" && !values.detail) {
    return fail(io, "--reason other には --detail が必要です。", "--reason other needs --detail.");
  }
  const type = eventTypes.find((e) => e === values.event);
  if (!type)
    return fail(
      io,
      `--event は ${eventTypes.join(", ")} のいずれかです。`,
      `--event is one of ${eventTypes.join(", ")}.`,
    );
  const date = values.date ?? todayInJapan();
  if (!isoDatePattern.test(date))
    return fail(io, "--date は YYYY-MM-DD です。", "--date must be YYYY-MM-DD.");
  const municipalityId = values.municipality ?? "kumamoto";
  let exit = 0;
  const code = await withDb(async (db) => {
    const registry = localRegistry({ db });
    const household = await registry.household(municipalityId, householdId);
    if (!household) {
      io.stderr.write(`世帯が見つかりません / household not found: ${householdId}\n`);
      exit = 2;
      return;
    }
    await openHousehold({
      db,
      registry,
      municipalityId,
      householdId: household.id,
      reason,
      detail: values.detail ?? "",
      actor: { staffId: null, username: `cli:${userInfo().username}`, officeId: null },
    });
    const event = { type, date, ...(values.subject ? { subject: values.subject } : {}) };
    io.stdout.write(`${JSON.stringify(householdToGuidanceInput(household, event))}\n`);
  });
  return code === 0 ? exit : code;
}

/**
 * `registry rekey`: recomputes every resident's search keys from the registered names, after an
 * upgrade changed how keys are made (name-key.ts). Prints how many were out of date.
 */
export async function registryRekeyCommand(
  args: string[],
  io: CommandIo,
  unguarded: WithDb,
): Promise<number> {
  const withDb = guarded(io, unguarded);
  const { values } = parseArgs({
    args,
    options: { municipality: { type: "string", default: "kumamoto" } },
    strict: true,
  });
  const municipalityId = values.municipality ?? "kumamoto";
  let exit = 0;
  const code = await withDb(async (db) => {
    if (!(await tenancyRepository(db).getMunicipality(municipalityId))) {
      io.stderr.write(
        `自治体「${municipalityId}」がありません。\nMunicipality "${municipalityId}" does not exist.\n`,
      );
      exit = 2;
      return;
    }
    const bar = progressBar(io, "rekey");
    const { checked, rekeyed } = await rekeyRegistry({
      db,
      municipalityId,
      onProgress: (done, total) => bar.update(done, total),
    });
    io.stdout.write(
      `検索キーを更新しました / search keys: ${checked} residents checked, ${rekeyed} brought up to date\n`,
    );
  });
  return code === 0 ? exit : code;
}
