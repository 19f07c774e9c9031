import { createHash } from "node:crypto";
import { PDFDocument, type PDFFont, type PDFImage } from "pdf-lib";
import type { MunicipalitySettings } from "../catalog/municipality.schema";
import type { Plan, PlanItem } from "../guidance/engine";
import type { Household } from "../guidance/household.schema";
import { formatWareki } from "../shared/dates";
import { parseAnswers } from "./answers";
import { type FieldRef, unknownBindings } from "./field-dictionary";
import { type FilledForm, fillForm } from "./fill-form";
import { fontkitAdapter, formsFont, uncoveredCharacters } from "./font";
import type { Addressee, FormTemplate } from "./form-template.schema";
import {
  InvalidAnswersError,
  InvalidSignatureError,
  type MissingGlyph,
  MissingGlyphsError,
  TemplateError,
} from "./forms.errors";
import { a4, checkFits, drawGeneratedForm, type PageContext, templateTexts } from "./layout";
import { drawOverlayForm, loadBlank } from "./overlay";
import { applyArchiveInfo, bundleTitle, documentIdOf } from "./pdf-archive";
import { defaultTemplates, genericTemplate } from "./templates";

export interface RenderFormsOptions {
  /** A household that passed `parseHousehold`. Its `answers` are used unless `answers` is given. */
  household: Household;
  /**
   * The household a procedure's form is filled from, when a visit holds several events (each form
   * from its own event's); `household` (the union of their people) otherwise.
   */
  householdFor?: (procedureId: string) => Household;
  plan: Plan;
  /** Interview answers keyed by field key (see field-dictionary.ts); merged over `household.answers`. */
  answers?: Record<string, unknown>;
  /** The resident's one signature, stamped into every form's signature box. */
  signaturePng?: Uint8Array;
  /** The second 届出人's own signature (FilledForm.cosigner), drawn into their box of the forms that have one. */
  cosignaturePng?: Uint8Array;
  /** 代筆: written in every signature box instead of a drawn signature (who wrote, why, who confirmed). */
  signatureNote?: readonly string[];
  /** The filing date (ISO) printed in 和暦 at the top of each form; blank when absent. */
  filedOn?: string;
  /** Names the addressee (熊本市長) and the department of each form. */
  municipality?: MunicipalitySettings;
  /** Templates replacing the defaults by procedure id (a municipality's overlays). */
  templates?: readonly FormTemplate[];
  /** The blank PDFs overlay templates name, by name. */
  blanks?: Readonly<Record<string, Uint8Array>>;
  /** Print even if some characters have no glyph (they then show as the font's empty box). */
  allowMissing?: boolean;
  /**
   * `subset` (default) embeds only the glyphs used; `full` embeds the whole font — megabytes, for
   * the render test that compares the two.
   */
  embed?: "subset" | "full";
  /** The document title; by default the first form and how many more, with the filing date. */
  title?: string;
}

export interface RenderedForm {
  procedureId: string;
  name: string;
  members: string[];
  /** 1-based page numbers of this form in the bundle. */
  pages: number[];
  /** SHA-256 of what the form prints (template version, every value): kept with the signature. */
  contentHash: string;
  /** Values the system filled in. */
  filled: number;
  /** Questions whose answer the form prints but which were not answered: blank boxes. */
  missing: FieldRef[];
}

export interface RenderFormsResult {
  pdf: Uint8Array;
  /** The title written into the PDF (info dictionary and XMP). */
  title: string;
  /** The trailer's document ID, 32 hex digits: follows from the forms' content, the date and the signature. */
  documentId: string;
  /** Whether the PDF claims PDF/A-2b (see pdf-archive.ts for when it does not). */
  pdfa: boolean;
  forms: RenderedForm[];
  /** Empty unless `allowMissing` was passed (otherwise renderForms refuses). */
  missingGlyphs: MissingGlyph[];
  /** Unanswered questions over all forms, each once, with the forms that leave a box blank for them. */
  missing: (FieldRef & { procedureIds: string[] })[];
}

function addresseeText(addressee: Addressee, settings: MunicipalitySettings | undefined): string {
  const city = settings?.code ? settings.name.ja : undefined;
  switch (addressee) {
    case "mayor":
      return city ? `${city}長` : "市区町村長";
    case "board":
      return city ? `${city}教育委員会` : "市区町村教育委員会";
    case "kouki":
      return "後期高齢者医療広域連合長";
    case "pension":
      return "日本年金機構理事長";
  }
}

function departmentText(item: PlanItem, settings: MunicipalitySettings | undefined): string | undefined {
  if (!settings || item.department === "external") return undefined;
  return settings.departmentLabels[item.department].ja;
}

/** Every character the font cannot draw, with the field and member it belongs to. */
function findMissingGlyphs(forms: readonly FilledForm[]): MissingGlyph[] {
  const found = new Map<string, MissingGlyph>();
  const check = (
    text: string | undefined,
    field: string,
    memberId: string | undefined,
    procedureId: string,
  ) => {
    if (!text) return;
    for (const miss of uncoveredCharacters(text)) {
      const id = `${miss.codePoints}\u0000${field}\u0000${memberId ?? ""}`;
      const known = found.get(id);
      if (known) {
        if (!known.procedureIds.includes(procedureId)) known.procedureIds.push(procedureId);
        continue;
      }
      found.set(id, { ...miss, field, ...(memberId ? { memberId } : {}), procedureIds: [procedureId] });
    }
  };
  for (const form of forms) {
    const id = form.item.id;
    if (form.template.kind === "generated")
      for (const t of templateTexts(form.template)) check(t, "label", undefined, id);
    check(form.item.name, "label", undefined, id);
    for (const cell of form.cells.values()) check(cell.text, cell.field, cell.memberId, id);
    for (const row of form.rows)
      for (const cell of row.cells.values()) check(cell.text, cell.field, cell.memberId, id);
  }
  return [...found.values()];
}

function templatesFor(options: RenderFormsOptions): Map<string, FormTemplate> {
  const templates = new Map(defaultTemplates);
  const problems: string[] = [];
  for (const template of options.templates ?? []) {
    const unknown = unknownBindings(template);
    if (unknown.length > 0) problems.push(`${template.procedureId}: unknown bindings ${unknown.join(", ")}`);
    if (template.kind === "overlay" && !options.blanks?.[template.blank]) {
      problems.push(`${template.procedureId}: no blank PDF named "${template.blank}"`);
    }
    if (template.kind === "generated") checkFits(template);
    templates.set(template.procedureId, template);
  }
  if (problems.length > 0) throw new TemplateError("templates", problems);
  return templates;
}

async function embedSignature(doc: PDFDocument, png: Uint8Array): Promise<PDFImage> {
  if (png.length === 0) throw new InvalidSignatureError("empty");
  try {
    return await doc.embedPng(png);
  } catch (error) {
    throw new InvalidSignatureError(error instanceof Error ? error.message : String(error));
  }
}

/** PDF dates are kept fixed so the same input gives the same bytes. */
const fixedDate = (filedOn: string | undefined) => new Date(`${filedOn ?? "2000-01-01"}T00:00:00+09:00`);

/**
 * Renders every one-stop form of a plan into one PDF: bytes in, bytes out — no database, no network.
 * The Japanese font is embedded once per bundle as a subset shared by all pages.
 *
 * Refuses with {@link InvalidAnswersError} when an answer fails its field's validation, and with
 * {@link MissingGlyphsError} (listing each character, field and member) when the font cannot draw a
 * character, unless `allowMissing`. Unanswered questions are not errors: their boxes stay blank and
 * they are listed in `missing`.
 */
/**
 * Every one-stop form of the plan with its values resolved, nothing drawn: what renderForms draws, and
 * what a page reads to know who signs (cheap — no PDF).
 */
export function fillForms(options: RenderFormsOptions): FilledForm[] {
  const { household, plan } = options;
  const rawAnswers = { ...(household.answers ?? {}), ...(options.answers ?? {}) };
  const parsed = parseAnswers(rawAnswers, household);
  if (parsed.problems.length > 0) throw new InvalidAnswersError(parsed.problems);
  const templates = templatesFor(options);
  return plan.procedures
    .filter((item) => item.handling === "one-stop")
    .map((item) =>
      fillForm(
        item,
        templates.get(item.id) ?? genericTemplate(item.id, item.name),
        options.householdFor?.(item.id) ?? household,
        parsed.answers,
        options.filedOn,
      ),
    );
}

/** The members who sign their own box beside the visit's signer (a 婚姻届's other partner), once each. */
export function cosignersOf(forms: readonly FilledForm[]): string[] {
  return [...new Set(forms.flatMap((f) => (f.cosigner ? [f.cosigner] : [])))];
}

export async function renderForms(options: RenderFormsOptions): Promise<RenderFormsResult> {
  const filled = fillForms(options);

  const missingGlyphs = findMissingGlyphs(filled);
  if (missingGlyphs.length > 0 && !options.allowMissing) throw new MissingGlyphsError(missingGlyphs);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  const subset = options.embed !== "full";
  // A fixed name (pdf-lib would add a random suffix) keeps the bytes reproducible; "XXXXXX+" is the
  // PDF convention that marks a subset font.
  const font: PDFFont = await doc.embedFont(formsFont().bytes, {
    subset,
    customName: subset ? "MADOGU+NotoSansJP-Regular" : "NotoSansJP-Regular",
  });
  const signature = options.signaturePng ? await embedSignature(doc, options.signaturePng) : undefined;
  const cosignature = options.cosignaturePng ? await embedSignature(doc, options.cosignaturePng) : undefined;
  const filingDate = options.filedOn ? formatWareki(options.filedOn) : undefined;

  const blanks = new Map<string, PDFDocument>();
  const forms: RenderedForm[] = [];
  let pageCount = 0;
  for (const form of filled) {
    const ctx: PageContext = {
      font,
      addressee: "",
      filingDate,
      department: departmentText(form.item, options.municipality),
      signature,
      cosignature,
      signatureNote: options.signatureNote,
      paper: options.municipality?.kosekiPaper ?? "A3",
    };
    let pages: unknown[];
    const template = form.template;
    if (template.kind === "generated") {
      pages = drawGeneratedForm(doc, form, {
        ...ctx,
        addressee: addresseeText(template.addressee, options.municipality),
      });
    } else {
      let blank = blanks.get(template.blank);
      if (!blank) {
        blank = await loadBlank(options.blanks?.[template.blank] as Uint8Array, template.blank);
        blanks.set(template.blank, blank);
      }
      pages = await drawOverlayForm(doc, form, template, blank, ctx);
    }
    forms.push({
      procedureId: form.item.id,
      name: form.item.name,
      members: form.item.members,
      pages: pages.map((_, i) => pageCount + i + 1),
      contentHash: form.contentHash,
      filled: form.filled,
      missing: form.missing,
    });
    pageCount += pages.length;
  }
  if (pageCount === 0) {
    // A PDF needs a page; this one says why the bundle is empty instead of failing the visit.
    const page = doc.addPage([a4.width, a4.height]);
    page.drawText("この案内には、窓口で作成する申請書はありません。", {
      x: 60,
      y: a4.height - 100,
      size: 12,
      font,
    });
  }

  // PDF/A is claimed only for pages wholly ours: a municipality's blank PDF may hold anything, and a
  // character drawn as .notdef (allowMissing) is forbidden by PDF/A.
  const pdfa = missingGlyphs.length === 0 && filled.every((form) => form.template.kind === "generated");
  const title =
    options.title ??
    bundleTitle(
      forms.map((f) => f.name),
      options.filedOn,
    );
  const documentId = documentIdOf(
    "bundle",
    options.filedOn ?? "",
    options.municipality?.name.ja ?? "",
    options.embed ?? "subset",
    options.signaturePng
      ? createHash("sha256").update(options.signaturePng).digest("hex")
      : (options.signatureNote ?? []).join("\n"),
    options.cosignaturePng ? createHash("sha256").update(options.cosignaturePng).digest("hex") : "",
    title,
    ...forms.map((f) => `${f.procedureId}:${f.contentHash}`),
  );
  applyArchiveInfo(doc, { title, created: fixedDate(options.filedOn), documentId, pdfa });
  const pdf = await doc.save({ useObjectStreams: true });

  const missing = new Map<string, FieldRef & { procedureIds: string[] }>();
  for (const form of forms) {
    for (const ref of form.missing) {
      const id = `${ref.key}\u0000${ref.memberId ?? ""}`;
      const known = missing.get(id);
      if (known) known.procedureIds.push(form.procedureId);
      else missing.set(id, { ...ref, procedureIds: [form.procedureId] });
    }
  }
  return { pdf, title, documentId, pdfa, forms, missingGlyphs, missing: [...missing.values()] };
}
