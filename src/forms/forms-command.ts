import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { CatalogError } from "../catalog/catalog.errors";
import { getMunicipalitySettings, municipalityIds } from "../catalog/municipalities";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import { parseIsoDate } from "../guidance/calendar";
import { type Plan, planGuidance } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { type HouseholdProblem, memberLabel } from "../guidance/problems";
import { parseHousehold } from "../guidance/validate";
import { translator } from "../i18n/translate";
import { todayInJapan } from "../shared/dates";
import { parseAnswers } from "./answers";
import { fieldByKey } from "./field-dictionary";
import { InvalidAnswersError, InvalidSignatureError, MissingGlyphsError } from "./forms.errors";
import { type RenderFormsResult, renderForms } from "./render";

export interface FormsIo {
  stdin: NodeJS.ReadableStream | AsyncIterable<string | Buffer>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const ok = 0;
const refused = 2;

/** The municipality forms are made for when none is named: the demo city, so a form has an addressee. */
export const demoMunicipalityId = "kumamoto";

export const formsUsage = `使い方 / Usage:
  madoguchi forms FILE --out bundle.pdf   世帯のJSONから、ワンストップ窓口の申請書一式をPDFで作ります
                                          / write every one-stop form of the household's plan into one PDF
Options:
  --out FILE               書き出すPDF / the PDF to write (required)
  --municipality ID        自治体の設定 / municipality settings: ${municipalityIds.join(", ")}
                           (省略時はデモ用の ${demoMunicipalityId} / default: the demo municipality ${demoMunicipalityId})
  --filed-on YYYY-MM-DD    届出日 / filing date printed on the forms (default: today in Japan)
  --signature FILE.png     署名の画像を各書式の署名欄に入れます / stamp a signature image into every form
  -h, --help               この説明 / this help
Input: the guidance household JSON ("-" = stdin): "filer" (届出人: { "member": "m2" }, or
  { "name", "kana", "address", "phone", "relation": "proxy" | "other-relative" | "landlord" }),
  "previousAddress" ({ "postalCode", "address", "householdHead" }) and optional "answers" keyed by
  field key, e.g. "answers": { "newAddress": "熊本市中央区…", "previousSchool": { "m3": "…" } }
Exit codes: 0 = PDF written (unanswered questions are listed on stderr and printed as blank boxes),
            2 = household or answers refused, a character the font cannot print, or bad arguments.
`;

function fail(io: FormsIo, ja: string, en: string): number {
  io.stderr.write(`${ja}\n${en}\n`);
  return refused;
}

async function readAll(source: AsyncIterable<string | Buffer>): Promise<string> {
  const decoder = new TextDecoder("utf-8");
  let text = "";
  for await (const chunk of source)
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function writeHouseholdProblems(io: FormsIo, problems: readonly HouseholdProblem[]): void {
  const lines = [
    `世帯の情報に問題があるため、申請書を作れません（${problems.length}件）。`,
    `The household was refused: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`,
  ];
  const ja = translator("ja");
  const en = translator("en");
  for (const p of problems)
    lines.push(`- ${p.path || "(input)"} [${p.code}]`, `  ${ja.message(p)}`, `  ${en.message(p)}`);
  io.stderr.write(`${lines.join("\n")}\n`);
}

/** 「（𠮷田 花子）」 or 「（2人目の方）」: a member as a person reads them, never the id. */
function memberName(household: Household, id: string | undefined): string {
  if (id === undefined) return "";
  const index = household.members.findIndex((m) => m.id === id);
  if (index < 0) return "";
  const who = memberLabel(household.members[index]?.name, index);
  return `（${who.ja}）`;
}

const procedureNames = (result: RenderFormsResult | undefined, plan: Plan) =>
  new Map([
    ...plan.procedures.map((p) => [p.id, p.name] as const),
    ...(result?.forms ?? []).map((f) => [f.procedureId, f.name] as const),
  ]);

function writeMissing(io: FormsIo, household: Household, plan: Plan, result: RenderFormsResult): void {
  if (result.missing.length === 0) return;
  const names = procedureNames(result, plan);
  const lines = [
    `未回答の項目が${result.missing.length}件あります（空欄のまま印刷しました）:`,
    `${result.missing.length} unanswered question(s), printed as blank boxes:`,
  ];
  for (const ref of result.missing) {
    const label = fieldByKey.get(ref.key)?.label;
    const forms = ref.procedureIds.map((id) => names.get(id) ?? id).join("、");
    lines.push(
      `- ${label?.ja ?? ref.key} / ${label?.en ?? ref.key}${memberName(household, ref.memberId)}: ${forms}`,
    );
  }
  io.stderr.write(`${lines.join("\n")}\n`);
}

/**
 * `madoguchi forms FILE --out bundle.pdf`: plans the household with the guidance engine and writes
 * one PDF holding every one-stop form of the plan, filled from the members and the answers.
 * Returns the exit code; writes only through `io` and the --out file.
 */
export async function runForms(args: string[], io: FormsIo): Promise<number> {
  let options: {
    out?: string;
    municipality?: string;
    "filed-on"?: string;
    signature?: string;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values: options, positionals } = parseArgs({
      args,
      options: {
        out: { type: "string" },
        municipality: { type: "string" },
        "filed-on": { type: "string" },
        signature: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`引数が正しくありません / Bad arguments: ${detail}\n\n${formsUsage}`);
    return refused;
  }
  if (options.help) {
    io.stdout.write(formsUsage);
    return ok;
  }
  const file = positionals[0];
  if (positionals.length !== 1 || file === undefined) {
    io.stderr.write(`世帯のファイルを1つ指定してください / Give one household file.\n\n${formsUsage}`);
    return refused;
  }
  if (!options.out) {
    io.stderr.write(`--out で書き出すPDFを指定してください / --out is required.\n\n${formsUsage}`);
    return refused;
  }
  const filedOn = options["filed-on"] ?? todayInJapan();
  if (parseIsoDate(filedOn) === null) {
    return fail(
      io,
      `--filed-on の日付が正しくありません: ${filedOn}`,
      `--filed-on is not a date: ${filedOn}`,
    );
  }

  let settings: MunicipalitySettings;
  const municipality = options.municipality ?? demoMunicipalityId;
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

  let text: string;
  let signaturePng: Uint8Array | undefined;
  try {
    text =
      file === "-" ? await readAll(io.stdin as AsyncIterable<string | Buffer>) : await readFile(file, "utf8");
    if (options.signature) signaturePng = new Uint8Array(await readFile(options.signature));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(io, `入力を読めません: ${detail}`, `Cannot read the input: ${detail}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(io, `${file}: JSONとして読めません（${detail}）。`, `${file}: not valid JSON (${detail}).`);
  }
  if (options.municipality === undefined) {
    io.stderr.write(
      `--municipality の指定がないため、デモ用の自治体（${settings.name.ja}）の設定で作ります。\n` +
        `No --municipality given: using the demo municipality ${demoMunicipalityId} (${settings.name.en ?? settings.name.ja}).\n`,
    );
  }
  const parsed = parseHousehold(raw);
  if (!parsed.ok) {
    writeHouseholdProblems(io, parsed.problems);
    return refused;
  }
  const household = parsed.household;
  const ignored = parseAnswers(household.answers, household).ignored;
  if (ignored.length > 0) {
    io.stderr.write(`answers の次の項目は使いません / unknown answer keys ignored: ${ignored.join(", ")}\n`);
  }
  const plan = planGuidance(household, settings);

  let result: RenderFormsResult;
  try {
    result = await renderForms({ household, plan, filedOn, municipality: settings, signaturePng });
  } catch (error) {
    if (error instanceof InvalidAnswersError) {
      const lines = [`回答に誤りがあります（${error.problems.length}件）。`, "Some answers are invalid:"];
      for (const p of error.problems) lines.push(`- ${p.path}`, `  ${p.ja}`, `  ${p.en}`);
      io.stderr.write(`${lines.join("\n")}\n`);
      return refused;
    }
    if (error instanceof InvalidSignatureError) {
      return fail(
        io,
        `署名の画像をPNGとして読めません（${error.detail}）。`,
        `The signature is not a usable PNG: ${error.detail}`,
      );
    }
    if (error instanceof MissingGlyphsError) {
      const lines = [
        `フォントにない文字があるため印刷できません（${error.missing.length}件）。外字の扱いを確認してください。`,
        "The font cannot draw these characters; nothing was written:",
      ];
      const names = procedureNames(undefined, plan);
      for (const m of error.missing) {
        const label = fieldByKey.get(m.field)?.label ?? { ja: "様式の文字", en: "form text" };
        const forms = m.procedureIds.map((id) => names.get(id) ?? id).join("、");
        lines.push(
          `- ${m.char} (${m.codePoints}): ${label.ja} / ${label.en}${memberName(household, m.memberId)}: ${forms}`,
        );
      }
      io.stderr.write(`${lines.join("\n")}\n`);
      return refused;
    }
    throw error;
  }
  try {
    await writeFile(options.out, result.pdf);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(io, `PDFを書き出せません: ${detail}`, `Cannot write the PDF: ${detail}`);
  }
  const pages = result.forms.reduce((sum, f) => sum + f.pages.length, 0);
  io.stdout.write(
    `${options.out}: 申請書 ${result.forms.length}件・${pages}ページ（${result.pdf.length.toLocaleString("en-US")} bytes）\n`,
  );
  for (const form of result.forms) {
    io.stdout.write(`  ${form.name}（p.${form.pages.join(",")}）\n`);
  }
  writeMissing(io, household, plan, result);
  return ok;
}
