import { PDFDocument, type PDFPage, rgb } from "pdf-lib";
import type { FilledForm } from "./fill-form";
import type { OverlayTemplate } from "./form-template.schema";
import { TemplateError } from "./forms.errors";
import { drawRun, drawSignatureNote, measure, type PageContext } from "./layout";

/**
 * Overlay templates print onto a municipality's own blank form: its pages are copied into the bundle
 * and each value is drawn at the position the template gives. A value wider than its space is drawn
 * smaller (down to 5 pt), never cut.
 */

const ink = rgb(0.05, 0.05, 0.2);
const minimum = 5;

function drawFitted(
  page: PDFPage,
  ctx: PageContext,
  value: string,
  at: { x: number; y: number; width: number; size: number; align: "left" | "center" },
) {
  const full = measure(ctx.font, value, at.size);
  const size = full <= at.width ? at.size : Math.max(minimum, (at.size * at.width) / full);
  const width = measure(ctx.font, value, size);
  const x = at.align === "center" ? at.x + (at.width - width) / 2 : at.x;
  drawRun(page, ctx.font, value, x, at.y, size, ink);
}

const appliesTo = (events: readonly string[] | undefined, event: string) =>
  events === undefined || events.includes(event);

/** Loads a blank once per bundle: several forms may overlay the same municipality's PDF. */
export async function loadBlank(bytes: Uint8Array, name: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TemplateError(name, [`the blank form is not a readable PDF: ${detail}`]);
  }
}

/**
 * Copies the blank's pages into `doc` (again for each further page of members) and draws the form's
 * values on them. Returns the pages added.
 */
export async function drawOverlayForm(
  doc: PDFDocument,
  form: FilledForm,
  template: OverlayTemplate,
  blank: PDFDocument,
  ctx: PageContext,
): Promise<PDFPage[]> {
  const pageCount = blank.getPageCount();
  const maxPage = Math.max(
    template.signature.page,
    template.filingDate?.page ?? 0,
    template.members?.page ?? 0,
    ...template.fields.map((f) => f.page),
  );
  if (maxPage >= pageCount) {
    throw new TemplateError(template.procedureId, [
      `positions name page ${maxPage}; the blank has ${pageCount}`,
    ]);
  }
  const perSet = template.members?.rows ?? Number.POSITIVE_INFINITY;
  const sets = Math.max(1, Math.ceil(form.rows.length / perSet));
  const event = form.household.event.type;
  const out: PDFPage[] = [];
  for (let set = 0; set < sets; set++) {
    const copied = await doc.copyPages(
      blank,
      Array.from({ length: pageCount }, (_, i) => i),
    );
    const pages = copied.map((page) => doc.addPage(page));
    out.push(...pages);
    const on = (index: number) => pages[index] as PDFPage;
    if (template.filingDate && ctx.filingDate) {
      drawFitted(on(template.filingDate.page), ctx, ctx.filingDate, {
        ...template.filingDate,
        align: "left",
      });
    }
    for (const field of template.fields) {
      if (!appliesTo(field.events, event)) continue;
      const value = form.cells.get(field.bind)?.text;
      if (value !== undefined) drawFitted(on(field.page), ctx, value, field);
    }
    const table = template.members;
    if (table) {
      for (let i = 0; i < table.rows; i++) {
        const row = form.rows[set * table.rows + i];
        if (!row) break;
        const y = table.firstBaseline - i * table.rowHeight;
        for (const column of table.columns) {
          if (!appliesTo(column.events, event)) continue;
          const value = row.cells.get(column.bind)?.text;
          if (value !== undefined) drawFitted(on(table.page), ctx, value, { ...column, y });
        }
      }
    }
    if (ctx.signatureNote && ctx.signatureNote.length > 0) {
      const box = template.signature;
      drawSignatureNote(on(box.page), ctx.font, ctx.signatureNote, box);
    } else if (ctx.signature) {
      const box = template.signature;
      const scale = Math.min((box.width - 8) / ctx.signature.width, (box.height - 8) / ctx.signature.height);
      const w = ctx.signature.width * scale;
      const h = ctx.signature.height * scale;
      on(box.page).drawImage(ctx.signature, {
        x: box.x + (box.width - w) / 2,
        y: box.y + (box.height - h) / 2,
        width: w,
        height: h,
      });
    }
  }
  return out;
}
