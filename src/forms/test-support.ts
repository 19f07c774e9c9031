// Reading rendered PDFs back in tests, with poppler (Debian poppler-utils; CI installs it): text as a
// reader's copy-paste would get it, word boxes, and pages as grey-level pixels.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { type Plan, planGuidance } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { parseHousehold } from "../guidance/validate";

function withFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "mg-forms-"));
  try {
    const file = join(dir, "in.pdf");
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF (or of one 1-based page) as pdftotext extracts it. */
export function pdfText(pdf: Uint8Array, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  return withFile(pdf, (file) =>
    execFileSync("pdftotext", ["-enc", "UTF-8", ...range, file, "-"], { encoding: "utf8" }),
  );
}

export interface Word {
  text: string;
  /** Points from the top-left corner of the page (pdftotext's bbox convention). */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of one page with their boxes (pdftotext -bbox). */
export function pdfWords(pdf: Uint8Array, page: number): Word[] {
  const html = withFile(pdf, (file) =>
    execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", "-f", String(page), "-l", String(page), file, "-"], {
      encoding: "utf8",
    }),
  );
  const words: Word[] = [];
  const pattern = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(pattern)) {
    words.push({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: (m[5] ?? "").replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">"),
    });
  }
  return words;
}

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 = black, 255 = white, row by row from the top. */
  pixels: Uint8Array;
}

/** Parses a binary PGM (P5, maxval 255): the format pdftoppm -gray writes. */
export function parsePgm(data: Uint8Array): GreyImage {
  const header: string[] = [];
  let offset = 0;
  // The header is four whitespace-separated tokens (P5, width, height, maxval), then one whitespace byte.
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset] as number))) offset++;
    if (data[offset] === 0x23) {
      while (data[offset] !== 0x0a) offset++;
      continue;
    }
    let token = "";
    while (!/\s/.test(String.fromCharCode(data[offset] as number)))
      token += String.fromCharCode(data[offset++] as number);
    header.push(token);
  }
  offset++;
  const [magic, w, h, max] = header;
  if (magic !== "P5" || max !== "255") throw new Error(`not an 8-bit binary PGM: ${header.join(" ")}`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, pixels: data.subarray(offset, offset + width * height) };
}

/** Rasterises one 1-based page in grey levels with pdftoppm. */
export function rasterise(pdf: Uint8Array, page: number, dpi = 72): GreyImage {
  return withFile(pdf, (file, dir) => {
    const prefix = join(dir, "page");
    execFileSync("pdftoppm", [
      "-r",
      String(dpi),
      "-gray",
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      file,
      prefix,
    ]);
    return parsePgm(new Uint8Array(readFileSync(`${prefix}.pgm`)));
  });
}

/** Rasterises every page (one pdftoppm run), in page order. */
export function rasteriseAll(pdf: Uint8Array, dpi = 72): GreyImage[] {
  return withFile(pdf, (file, dir) => {
    execFileSync("pdftoppm", ["-r", String(dpi), "-gray", file, join(dir, "page")]);
    return readdirSync(dir)
      .filter((name) => name.endsWith(".pgm"))
      .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)?.[1]) - Number(/(\d+)\.pgm$/.exec(b)?.[1]))
      .map((name) => parsePgm(new Uint8Array(readFileSync(join(dir, name)))));
  });
}

/** Lines of `pdfimages -list` after its header: one per image drawn. */
export function pdfImages(pdf: Uint8Array): string[] {
  const out = withFile(pdf, (file) => execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }));
  return out
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "");
}

/** Font lines of `pdffonts` after its header. */
export function pdfFonts(pdf: Uint8Array): string[] {
  const out = withFile(pdf, (file) => execFileSync("pdffonts", [file], { encoding: "utf8" }));
  return out
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "");
}

/** A household parsed and planned under Kumamoto's settings, as the counter would see it. */
export function planned(raw: unknown, municipality = "kumamoto"): { household: Household; plan: Plan } {
  const parsed = parseHousehold(raw);
  if (!parsed.ok) throw new Error(`fixture refused: ${JSON.stringify(parsed.problems)}`);
  return {
    household: parsed.household,
    plan: planGuidance(parsed.household, getMunicipalitySettings(municipality)),
  };
}
