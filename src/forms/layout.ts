import {
  type PDFDocument,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  translate,
} from "pdf-lib";
import type { KosekiPaper } from "../catalog/municipality.schema";
import { eventTypes } from "../catalog/vocabulary";
import type { FilledForm } from "./fill-form";
import type { Box, Counterpart, GeneratedTemplate, Section } from "./form-template.schema";
import { TemplateError } from "./forms.errors";

/**
 * The generic layout engine for `generated` templates: an A4 page in the manner of a municipal form —
 * title, addressee and filing date, sections of ruled boxes with small labels, a member table, the
 * statement, a signature box and the staff-use cells. Positions are computed here; templates only say
 * what goes in which box and how wide it is.
 */

export const a4 = { width: 595.28, height: 841.89 } as const;
/** A 戸籍 届書 sheet: A3 landscape, two A4 halves side by side. */
export const a3Landscape = { width: a4.width * 2, height: a4.height } as const;

/**
 * How a 戸籍 届書 (a template with a counterpart) is printed: one A3 landscape sheet as the 法務省様式
 * is, or two A4 portrait pages (the 届書, then the part others write) for an office printer without A3
 * — the municipality's `kosekiPaper` setting.
 */
export type { KosekiPaper };

const margin = { left: 36, right: 36, top: 34, bottom: 26 };
const contentWidth = a4.width - margin.left - margin.right;

const black = rgb(0, 0, 0);
const ink = rgb(0.1, 0.1, 0.1);
const labelInk = rgb(0.3, 0.3, 0.3);
const headingFill = rgb(0.87, 0.87, 0.87);
const headerFill = rgb(0.94, 0.94, 0.94);

const sizes = {
  title: 17,
  subtitle: 11,
  meta: 9,
  heading: 8.5,
  label: 6.5,
  value: 11,
  cell: 10,
  note: 7.5,
  footer: 6,
  minimum: 5,
} as const;

const boxHeight = 31;
const headingHeight = 15;
const tableHeaderHeight = 15;
const rowHeight = 24;
const numberColumn = 18;
const sectionGap = 7;
const signature = { width: 220, height: 58 };
const staffCells = ["受付", "審査", "入力", "照合"];

export interface PageContext {
  font: PDFFont;
  addressee: string;
  /** "令和8年4月6日", or undefined to print the blank 和暦 skeleton. */
  filingDate: string | undefined;
  department: string | undefined;
  signature: PDFImage | undefined;
  /** The second 届出人's drawn signature, for their box on the forms that name them (FilledForm.cosigner). */
  cosignature?: PDFImage | undefined;
  /**
   * Written in the signature box instead of a drawn signature when someone signed for the filer
   * (代筆): who wrote, why, and who confirmed it — up to three short lines.
   */
  signatureNote?: readonly string[] | undefined;
  /** The paper of a 戸籍 届書 (default A3). */
  paper?: KosekiPaper | undefined;
}

/** Printed in a signature box the visit's signature does not go into: its owner signs by hand. */
export const ownHandNote = "ご本人が自署してください";

/** The 代筆 lines in a signature box whose bottom-left corner is (x, y), at a size that fits its width. */
export function drawSignatureNote(
  page: PDFPage,
  font: PDFFont,
  lines: readonly string[],
  box: { x: number; y: number; width: number; height: number },
) {
  const shown = lines.slice(0, 3);
  shown.forEach((line, i) => {
    const size = Math.min(8, (box.width - 8) / Math.max(1, font.widthOfTextAtSize(line, 1)));
    page.drawText(line, { x: box.x + 4, y: box.y + 4 + (shown.length - 1 - i) * 11, size, font, color: ink });
  });
}

/**
 * Values are drawn word by word with a gap of half an em where the text has a space. A plain space
 * (0.22 em in this font) between two one-character words — 辻 久 — is read by pdftotext as no space
 * at all, and the name would not be found by the same text the registry holds.
 */
const wordGap = 0.5;

export function measure(font: PDFFont, value: string, size: number): number {
  const words = value.split(/ +/).filter((w) => w !== "");
  let width = 0;
  for (const word of words) width += font.widthOfTextAtSize(word, size);
  return width + Math.max(0, words.length - 1) * wordGap * size;
}

export function drawRun(
  page: PDFPage,
  font: PDFFont,
  value: string,
  x: number,
  y: number,
  size: number,
  color = ink,
): void {
  let at = x;
  for (const word of value.split(/ +/)) {
    if (word === "") continue;
    page.drawText(word, { x: at, y, size, font, color });
    at += font.widthOfTextAtSize(word, size) + wordGap * size;
  }
}

/** Lines of text at the largest size (≤ `size`) that fit in the box; never drops characters. */
export function fitText(
  font: PDFFont,
  text: string,
  width: number,
  height: number,
  size: number,
): { size: number; lines: string[] } {
  for (let s = size; s >= sizes.minimum; s -= 0.5) {
    if (measure(font, text, s) <= width) return { size: s, lines: [text] };
    const maxLines = Math.floor(height / (s * 1.2));
    if (maxLines < 2) continue;
    const lines = wrap(font, text, width, s);
    if (lines.length <= maxLines) return { size: s, lines };
  }
  return { size: sizes.minimum, lines: wrap(font, text, width, sizes.minimum) };
}

function wrap(font: PDFFont, text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  // Splits by code point, so a surrogate pair (𠮷) stays whole and a variation selector (a mark)
  // stays with its base character.
  for (const char of text.match(/\P{M}\p{M}*|[\s\S]/gu) ?? []) {
    const next = line + char;
    if (line !== "" && measure(font, next, size) > width) {
      lines.push(line);
      line = char.trimStart();
    } else line = next;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function text(page: PDFPage, font: PDFFont, value: string, x: number, y: number, size: number, color = ink) {
  page.drawText(value, { x, y, size, font, color });
}

function centered(
  page: PDFPage,
  font: PDFFont,
  value: string,
  cx: number,
  y: number,
  size: number,
  color = ink,
) {
  text(page, font, value, cx - font.widthOfTextAtSize(value, size) / 2, y, size, color);
}

function rect(
  page: PDFPage,
  x: number,
  y: number,
  w: number,
  h: number,
  thickness = 0.5,
  fill?: ReturnType<typeof rgb>,
) {
  page.drawRectangle({
    x,
    y,
    width: w,
    height: h,
    borderColor: black,
    borderWidth: thickness,
    ...(fill ? { color: fill } : {}),
  });
}

/** Draws a value inside a box region, vertically centred in the space below the label. */
function drawValue(
  page: PDFPage,
  font: PDFFont,
  value: string,
  x: number,
  y: number,
  w: number,
  h: number,
  size: number,
) {
  const fitted = fitText(font, value, w, h, size);
  const lineHeight = fitted.size * 1.2;
  const block = lineHeight * (fitted.lines.length - 1) + fitted.size * 0.88;
  let baseline = y + (h - block) / 2 + lineHeight * (fitted.lines.length - 1) + fitted.size * 0.12;
  for (const line of fitted.lines) {
    drawRun(page, font, line, x, baseline, fitted.size);
    baseline -= lineHeight;
  }
}

interface PlacedBox {
  box: Box;
  x: number;
  width: number;
}

/** Flows boxes into rows of twelve columns; the last box of a row takes what the row has left. */
function rowsOf(boxes: readonly Box[]): PlacedBox[][] {
  const unit = contentWidth / 12;
  const rows: PlacedBox[][] = [];
  let row: PlacedBox[] = [];
  let used = 0;
  for (const box of boxes) {
    if (used + box.span > 12 && row.length > 0) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push({ box, x: margin.left + used * unit, width: box.span * unit });
    used += box.span;
  }
  if (row.length > 0) rows.push(row);
  for (const r of rows) {
    const last = r[r.length - 1] as PlacedBox;
    last.width = margin.left + contentWidth - last.x;
  }
  return rows;
}

const appliesTo = (events: readonly string[] | undefined, event: string) =>
  events === undefined || events.includes(event);

/** A section's fixed height and the part of it (box rows, table rows) that may grow to fill the page. */
function sectionHeight(section: Section, event: string): { fixed: number; growable: number } {
  if (section.type === "note") return { fixed: section.lines.length * 11 + 2, growable: 0 };
  if (section.type === "members") {
    const lines = section.detail ? 2 : 1;
    return { fixed: headingHeight + tableHeaderHeight * lines, growable: section.rows * rowHeight * lines };
  }
  const rows = rowsOf(section.boxes.filter((b) => appliesTo(b.events, event)));
  const growable = rows.reduce((sum, r) => sum + Math.max(...r.map((p) => p.box.height ?? boxHeight)), 0);
  return { fixed: headingHeight, growable };
}

const bottomBlock = signature.height + 22 + 14;
const headerBlock = 62;
const available = a4.height - margin.top - margin.bottom - bottomBlock;
/** Rows grow by at most this factor to fill the page, as paper forms use the whole sheet. */
const maxGrowth = 1.3;

function growthFor(template: GeneratedTemplate, event: string): number {
  let fixed = headerBlock;
  let growable = 0;
  for (const section of template.sections) {
    const h = sectionHeight(section, event);
    fixed += h.fixed + sectionGap;
    growable += h.growable;
  }
  if (growable === 0) return 1;
  return Math.max(0, Math.min(maxGrowth, (available - fixed) / growable));
}

/**
 * Checks that a template's sections fit one A4 page; the layout engine refuses rather than draw over
 * the signature box.
 */
export function checkFits(template: GeneratedTemplate): void {
  for (const event of eventTypes) {
    if (growthFor(template, event) < 1) {
      throw new TemplateError(template.procedureId, [
        `the sections do not fit on A4 above the signature for ${event}`,
      ]);
    }
  }
  if (template.counterpart && counterpartGrowth(template.counterpart) < 1) {
    throw new TemplateError(template.procedureId, ["the counterpart does not fit on its half of the sheet"]);
  }
}

function drawHeader(
  page: PDFPage,
  template: GeneratedTemplate,
  ctx: PageContext,
  pageNo: number,
  pages: number,
) {
  const { font } = ctx;
  const top = a4.height - margin.top;
  // The form is named by its Japanese title only: no procedure id reaches the paper.
  if (ctx.department) {
    const w = font.widthOfTextAtSize(ctx.department, sizes.meta - 1);
    text(page, font, ctx.department, a4.width - margin.right - w, top - 6, sizes.meta - 1, labelInk);
  }
  const subtitle = template.subtitle ? `（${template.subtitle}）` : "";
  const continuation = pages > 1 ? `　${pageNo}／${pages}枚目` : "";
  const titleWidth = font.widthOfTextAtSize(template.title, sizes.title);
  const tailWidth = font.widthOfTextAtSize(subtitle + continuation, sizes.subtitle);
  const start = a4.width / 2 - (titleWidth + tailWidth) / 2;
  text(page, font, template.title, start, top - 28, sizes.title, black);
  if (subtitle || continuation)
    text(page, font, subtitle + continuation, start + titleWidth, top - 28, sizes.subtitle, black);
  page.drawLine({
    start: { x: start, y: top - 32 },
    end: { x: start + titleWidth + tailWidth, y: top - 32 },
    thickness: 0.8,
    color: black,
  });
  const line = top - 50;
  text(page, font, `（あて先）${ctx.addressee}`, margin.left, line, sizes.meta);
  const date = `${template.dateLabel}　${ctx.filingDate ?? "令和　　年　　月　　日"}`;
  const w = font.widthOfTextAtSize(date, sizes.meta);
  text(page, font, date, a4.width - margin.right - w, line, sizes.meta);
}

function drawHeading(page: PDFPage, font: PDFFont, heading: string, y: number) {
  rect(page, margin.left, y - headingHeight, contentWidth, headingHeight, 0.5, headingFill);
  text(page, font, `■ ${heading}`, margin.left + 5, y - headingHeight + 4.3, sizes.heading, black);
}

function drawBoxes(
  page: PDFPage,
  ctx: PageContext,
  form: FilledForm,
  section: Section & { type: "boxes" },
  top: number,
  growth: number,
) {
  const { font } = ctx;
  drawHeading(page, font, section.heading, top);
  let y = top - headingHeight;
  const event = form.household.event.type;
  for (const row of rowsOf(section.boxes.filter((b) => appliesTo(b.events, event)))) {
    const h = Math.max(...row.map((p) => p.box.height ?? boxHeight)) * growth;
    for (const { box, x, width } of row) {
      rect(page, x, y - h, width, h);
      text(page, font, box.label, x + 3, y - 8, sizes.label, labelInk);
      const value = box.value ?? (box.bind ? form.cells.get(box.bind)?.text : undefined);
      if (value === undefined) continue;
      const shown = box.suffix ? `${value} ${box.suffix}` : value;
      drawValue(page, font, shown, x + 5, y - h + 2, width - 10, h - 11, sizes.value);
    }
    y -= h;
  }
  rect(page, margin.left, y, contentWidth, top - y, 1.2);
  return y;
}

function drawMembers(
  page: PDFPage,
  ctx: PageContext,
  form: FilledForm,
  section: Section & { type: "members" },
  top: number,
  first: number,
  growth: number,
) {
  const { font } = ctx;
  drawHeading(page, font, section.heading, top);
  const event = form.household.event.type;
  // Each member takes one line, or two when the table has a detail line (本籍, 在留資格 …).
  const lines = [section.columns, ...(section.detail ? [section.detail] : [])].map((columns) => {
    const shown = columns.filter((c) => appliesTo(c.events, event));
    const total = shown.reduce((sum, c) => sum + c.width, 0);
    const unit = (contentWidth - numberColumn) / Math.max(total, 0.001);
    return shown.map((c) => ({ column: c, width: c.width * unit }));
  });
  let y = top - headingHeight;
  const headerH = tableHeaderHeight * lines.length;
  rect(page, margin.left, y - headerH, contentWidth, headerH, 0.5, headerFill);
  centered(page, font, "No.", margin.left + numberColumn / 2, y - headerH / 2 - 2.5, sizes.label, labelInk);
  for (const line of lines) {
    let x = margin.left + numberColumn;
    for (const { column, width: w } of line) {
      rect(page, x, y - tableHeaderHeight, w, tableHeaderHeight);
      const size = Math.min(7, (w - 4) / Math.max(1, [...column.label].length));
      centered(page, font, column.label, x + w / 2, y - tableHeaderHeight + 4.5, size, labelInk);
      x += w;
    }
    y -= tableHeaderHeight;
  }
  const lineH = rowHeight * growth;
  for (let i = 0; i < section.rows; i++) {
    const row = form.rows[first + i];
    const rowH = lineH * lines.length;
    rect(page, margin.left, y - rowH, numberColumn, rowH);
    if (row)
      centered(
        page,
        font,
        String(first + i + 1),
        margin.left + numberColumn / 2,
        y - rowH / 2 - 3,
        sizes.cell - 1,
      );
    for (const line of lines) {
      let x = margin.left + numberColumn;
      for (const { column, width: w } of line) {
        rect(page, x, y - lineH, w, lineH);
        const value = row?.cells.get(column.bind)?.text;
        if (value !== undefined)
          drawValue(page, font, value, x + 4, y - lineH + 1, w - 8, lineH - 2, sizes.cell);
        x += w;
      }
      y -= lineH;
    }
    // A heavier rule between members, so each member's two lines read as one entry.
    if (lines.length > 1) rect(page, margin.left, y, contentWidth, rowH, 0.9);
  }
  rect(page, margin.left, y, contentWidth, top - y, 1.2);
  return y;
}

/**
 * The statement, the signature box and the staff-use cells, right below the last section (the rest
 * of the sheet stays blank, as 以下余白 on paper), and the footer at the foot of the page.
 */
function drawSignatureBox(
  page: PDFPage,
  ctx: PageContext,
  label: string,
  stamped: "signer" | "cosigner" | false,
  box: { x: number; y: number; width: number; height: number },
) {
  const { font } = ctx;
  rect(page, box.x, box.y, box.width, box.height, 1.2);
  text(page, font, label, box.x + 4, box.y + box.height - 9, sizes.label + 0.5, labelInk);
  const image = stamped === "cosigner" ? ctx.cosignature : stamped === "signer" ? ctx.signature : undefined;
  if (!stamped || (stamped === "cosigner" && !image)) {
    text(page, font, ownHandNote, box.x + 4, box.y + 4, sizes.label, labelInk);
    return;
  }
  if (stamped === "signer" && ctx.signatureNote && ctx.signatureNote.length > 0) {
    drawSignatureNote(page, font, ctx.signatureNote, box);
  } else if (image) {
    const room = { w: box.width - 16, h: box.height - 16 };
    const scale = Math.min(room.w / image.width, room.h / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    page.drawImage(image, {
      x: box.x + (box.width - w) / 2,
      y: box.y + 3 + (room.h - h) / 2,
      width: w,
      height: h,
    });
  }
}

function drawBottom(
  page: PDFPage,
  form: FilledForm,
  ctx: PageContext,
  top: number,
  pageNo: number,
  pages: number,
) {
  const template = form.template as GeneratedTemplate;
  const { font } = ctx;
  const boxY = Math.max(margin.bottom + 14, top - 22 - signature.height);
  text(page, font, template.statement, margin.left, boxY + signature.height + 8, sizes.meta);
  // The signature boxes: the resident's one signature of the visit is stamped into every form here —
  // into the box of the party who signed when the form has two 届出人 (婚姻届, 離婚届).
  // The other box of such a form takes the other 届出人's own signature when they signed at the counter.
  const who = (stamped: boolean): "signer" | "cosigner" | false =>
    stamped ? "signer" : form.cosigner ? "cosigner" : false;
  const boxes = template.cosignature
    ? [
        { label: template.signature.label, stamped: who(form.signs.primary) },
        { label: template.cosignature.label, stamped: who(form.signs.second) },
      ]
    : [{ label: template.signature.label, stamped: who(form.signs.primary) }];
  const width = boxes.length === 1 ? signature.width : 170;
  boxes.forEach((box, i) => {
    const sigX = a4.width - margin.right - (boxes.length - i) * width - (boxes.length - 1 - i) * 6;
    drawSignatureBox(page, ctx, box.label, box.stamped, {
      x: sigX,
      y: boxY,
      width,
      height: signature.height,
    });
  });
  // Staff-use cells (職員記入欄), as on the paper forms, left of the signature.
  const cellW = 40;
  const cellsH = signature.height - 12;
  text(page, font, "職員記入欄", margin.left, boxY + cellsH + 3, sizes.label, labelInk);
  staffCells.forEach((label, i) => {
    const x = margin.left + i * cellW;
    rect(page, x, boxY, cellW, cellsH);
    rect(page, x, boxY + cellsH - 12, cellW, 12, 0.5, headerFill);
    centered(page, font, label, x + cellW / 2, boxY + cellsH - 8.5, sizes.label, labelInk);
  });
  const footer = `書かないワンストップ窓口で作成　${template.title}・様式第${template.version}版　${pageNo} / ${pages}`;
  centered(page, font, footer, a4.width / 2, margin.bottom, sizes.footer, labelInk);
}

/**
 * Draws a filled generated form onto new pages of `doc`: one page, or more when the member table has
 * more members than rows (each page repeats the boxes with the next members). Returns the pages added.
 */
export function drawGeneratedForm(doc: PDFDocument, form: FilledForm, ctx: PageContext): PDFPage[] {
  const template = form.template;
  if (template.kind !== "generated")
    throw new TemplateError(template.procedureId, ["not a generated template"]);
  const table = template.sections.find((s) => s.type === "members");
  const perPage = table?.rows ?? Number.POSITIVE_INFINITY;
  const pages = Math.max(1, Math.ceil(form.rows.length / perPage));
  const growth = Math.max(1, growthFor(template, form.household.event.type));
  const out: PDFPage[] = [];
  // A 戸籍 届書 is one sheet: A3 (届書 and counterpart side by side) or two A4 pages.
  const a3 = template.counterpart !== undefined && ctx.paper !== "A4x2";
  const sheetPages = template.counterpart && !a3 ? 2 : pages;
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage(a3 ? [a3Landscape.width, a3Landscape.height] : [a4.width, a4.height]);
    out.push(page);
    drawHeader(page, template, ctx, p + 1, template.counterpart ? 1 : pages);
    let y = a4.height - margin.top - headerBlock;
    for (const section of template.sections) {
      if (section.type === "boxes") y = drawBoxes(page, ctx, form, section, y, growth);
      else if (section.type === "members") y = drawMembers(page, ctx, form, section, y, p * perPage, growth);
      else {
        for (const line of section.lines) {
          y -= 11;
          drawValue(page, ctx.font, line, margin.left, y, contentWidth, 11, sizes.note);
        }
        y -= 2;
      }
      y -= sectionGap;
    }
    drawBottom(page, form, ctx, y + sectionGap, p + 1, sheetPages);
  }
  if (template.counterpart) {
    if (ctx.paper === "A4x2") {
      const page = doc.addPage([a4.width, a4.height]);
      out.push(page);
      drawCounterpart(page, ctx, form, template, template.counterpart, 2, 2);
    } else {
      // The right half of the A3 sheet: drawn in A4 coordinates, moved right by one A4 width.
      const page = out[0] as PDFPage;
      page.drawLine({
        start: { x: a4.width, y: margin.bottom },
        end: { x: a4.width, y: a4.height - margin.top },
        thickness: 0.5,
        color: labelInk,
        dashArray: [3, 3],
      });
      page.pushOperators(pushGraphicsState(), translate(a4.width, 0));
      drawCounterpart(page, ctx, form, template, template.counterpart, 1, 1);
      page.pushOperators(popGraphicsState());
    }
  }
  return out;
}

const markHeight = 26;
const counterpartTop = 62;

function counterpartGrowth(counterpart: Counterpart): number {
  let fixed = counterpartTop + markHeight + sectionGap + 20;
  let growable = 0;
  for (const section of counterpart.sections) {
    const h = sectionHeight(section, "birth");
    fixed += h.fixed + sectionGap;
    growable += h.growable;
  }
  const room = a4.height - margin.top - margin.bottom;
  return growable === 0 ? 1 : Math.max(0, Math.min(maxGrowth, (room - fixed) / growable));
}

/**
 * The part of a 戸籍 届書 only others write (出生証明書, 証人欄), on its own A4 area: its title, the
 * mark saying whose part it is, and its boxes — all blank.
 */
function drawCounterpart(
  page: PDFPage,
  ctx: PageContext,
  form: FilledForm,
  template: GeneratedTemplate,
  counterpart: Counterpart,
  pageNo: number,
  pages: number,
) {
  const { font } = ctx;
  const top = a4.height - margin.top;
  centered(page, font, counterpart.title, a4.width / 2, top - 28, sizes.title, black);
  const markTop = top - counterpartTop + 14;
  rect(page, margin.left, markTop - markHeight, contentWidth, markHeight, 1.5, headerFill);
  centered(page, font, counterpart.mark, a4.width / 2, markTop - markHeight / 2 - 4, sizes.value, black);
  let y = markTop - markHeight - sectionGap;
  const growth = Math.max(1, counterpartGrowth(counterpart));
  for (const section of counterpart.sections) {
    if (section.type === "boxes") y = drawBoxes(page, ctx, form, section, y, growth);
    else if (section.type === "note") {
      for (const line of section.lines) {
        y -= 11;
        drawValue(page, font, line, margin.left, y, contentWidth, 11, sizes.note);
      }
      y -= 2;
    }
    y -= sectionGap;
  }
  const footer = `書かないワンストップ窓口で作成　${template.title}（${counterpart.title}）・様式第${template.version}版　${pageNo} / ${pages}`;
  centered(page, font, footer, a4.width / 2, margin.bottom, sizes.footer, labelInk);
}

/** Every fixed text a generated template prints, for the glyph check before anything is drawn. */
export function templateTexts(template: GeneratedTemplate): string[] {
  const out = [
    "書かないワンストップ窓口で作成",
    template.title,
    template.subtitle ?? "",
    template.dateLabel,
    template.statement,
    template.signature.label,
    "職員記入欄",
    ...staffCells,
  ];
  if (template.cosignature) out.push(template.cosignature.label);
  if (template.signature.party) out.push(ownHandNote);
  if (template.counterpart) out.push(template.counterpart.title, template.counterpart.mark);
  for (const section of [...template.sections, ...(template.counterpart?.sections ?? [])]) {
    if (section.type === "note") out.push(...section.lines);
    else out.push(section.heading);
    if (section.type === "boxes")
      for (const box of section.boxes) out.push(box.label, box.value ?? "", box.suffix ?? "");
    if (section.type === "members")
      for (const column of [...section.columns, ...(section.detail ?? [])]) out.push(column.label);
  }
  return out.filter((s) => s !== "");
}
