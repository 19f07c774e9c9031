import { z } from "zod";
import { eventTypes } from "../catalog/vocabulary";
import { TemplateError } from "./forms.errors";

/**
 * A form template is data: what a form says and which field each box prints. Two kinds:
 * - `generated`: sections of labelled boxes and a member table, laid out on A4 by layout.ts;
 * - `overlay`: a municipality's own blank PDF with the position of every value on it.
 * Bindings name keys of the field dictionary (field-dictionary.ts); `unknownBindings` checks them.
 */

const label = z.string().min(1);
/** Limits a box or column to some events (a moped is registered on a move-in, scrapped on a move-out). */
const events = z.array(z.enum(eventTypes)).min(1).optional();

export const boxSchema = z
  .strictObject({
    label,
    /** The field printed in the box; without it (and without `value`) the box is left to be filled by hand. */
    bind: z.string().min(1).optional(),
    /** Fixed text printed in the box, e.g. the reason a form states for every filer. */
    value: z.string().min(1).optional(),
    /** Width in twelfths of the page; boxes flow left to right into rows of 12. */
    span: z.int().min(1).max(12),
    /** Height in points (default 28). */
    height: z.number().min(18).max(120).optional(),
    suffix: z.string().min(1).optional(),
    events,
  })
  .refine((b) => !(b.bind && b.value), "a box prints a binding or a fixed value, not both");

export const columnSchema = z.strictObject({
  label,
  bind: z.string().min(1),
  /** Relative width among the table's columns. */
  width: z.number().positive(),
  events,
});

export const sectionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("boxes"), heading: label, boxes: z.array(boxSchema).min(1) }),
  z.strictObject({
    type: z.literal("members"),
    heading: label,
    /** Rows per page; more members continue on a further page of the same form. */
    rows: z.int().min(1).max(10),
    columns: z.array(columnSchema).min(1).max(8),
    /** A second line under each member's row, for facts that do not fit beside the name (本籍, 在留資格 …). */
    detail: z.array(columnSchema).min(1).max(8).optional(),
  }),
  z.strictObject({ type: z.literal("note"), lines: z.array(label).min(1).max(6) }),
]);

/** Whom the form is addressed to; the municipality's name is filled in when rendering. */
export const addressees = ["mayor", "board", "kouki", "pension"] as const;
export type Addressee = (typeof addressees)[number];

const procedureId = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, "not a procedure id");

/**
 * A signature box. `party` names whose box it is (a party binding: `husband`, `wife`, `subject` …):
 * the visit's one signature is stamped into it only when that party is the filer who signed, so a
 * form with two 届出人 never shows one person's signature in the other's box.
 */
const signatureSchema = z.strictObject({ label, party: z.string().min(1).optional() });

/**
 * The part of a 戸籍 届書 only others may write — the doctor's 出生証明書, the two 証人 of a 婚姻届 or
 * 協議離婚届. Printed blank beside the 届書 (A3) or on its own A4 page, and marked with `mark`.
 */
export const counterpartSchema = z.strictObject({
  title: label,
  /** Who writes it, printed large across the top of the part: 「医師・助産師が記入する欄」. */
  mark: label,
  sections: z
    .array(sectionSchema)
    .min(1)
    .refine(
      (sections) =>
        sections.every((s) => s.type !== "members" && (s.type !== "boxes" || s.boxes.every((b) => !b.bind))),
      "a counterpart is left blank: no member table and no bound box",
    ),
});

export const generatedTemplateSchema = z
  .strictObject({
    procedureId,
    /** Bumped when the printed content changes; part of each form's content hash. */
    version: z.int().min(1),
    kind: z.literal("generated"),
    title: label,
    subtitle: label.optional(),
    addressee: z.enum(addressees),
    /** The label of the filing date at the top: 届出日, 申請日, 請求日. */
    dateLabel: label,
    sections: z.array(sectionSchema).min(1),
    statement: label,
    signature: signatureSchema,
    /** A second signature box: the other 届出人 of a 婚姻届 or 離婚届, who signs in their own hand. */
    cosignature: signatureSchema.extend({ party: z.string().min(1) }).optional(),
    /** The 戸籍 届書' right half (法務省様式, A3): see {@link counterpartSchema}. */
    counterpart: counterpartSchema.optional(),
  })
  .refine(
    (t) => t.sections.filter((s) => s.type === "members").length <= 1,
    "a generated form has at most one member table",
  )
  .refine((t) => !t.cosignature || t.signature.party, "a form with two signatures names the party of each")
  .refine(
    (t) => !t.counterpart || !t.sections.some((s) => s.type === "members"),
    "a 戸籍 届書 with a counterpart has no member table (it is one sheet)",
  );

const position = {
  /** 0-based page of the blank PDF. */
  page: z.int().min(0),
  x: z.number().min(0),
  /** Baseline, in points from the bottom of the page (PDF coordinates). */
  y: z.number().min(0),
  width: z.number().positive(),
};

export const overlayTemplateSchema = z.strictObject({
  procedureId,
  version: z.int().min(1),
  kind: z.literal("overlay"),
  title: label,
  /** The name the caller's `blanks` map gives the municipality's blank PDF under. */
  blank: z.string().min(1),
  filingDate: z.strictObject({ ...position, size: z.number().min(5).max(24).default(10) }).optional(),
  fields: z.array(
    z.strictObject({
      ...position,
      bind: z.string().min(1),
      size: z.number().min(5).max(24).default(10),
      align: z.enum(["left", "center"]).default("left"),
      events,
    }),
  ),
  members: z
    .strictObject({
      page: z.int().min(0),
      /** Baseline of the first row; each next row is `rowHeight` lower. */
      firstBaseline: z.number().min(0),
      rowHeight: z.number().positive(),
      rows: z.int().min(1).max(20),
      columns: z
        .array(
          z.strictObject({
            bind: z.string().min(1),
            x: z.number().min(0),
            width: z.number().positive(),
            size: z.number().min(5).max(24).default(10),
            align: z.enum(["left", "center"]).default("left"),
            events,
          }),
        )
        .min(1),
    })
    .optional(),
  signature: z.strictObject({
    page: z.int().min(0),
    x: z.number(),
    y: z.number(),
    width: z.number(),
    height: z.number(),
  }),
});

export const formTemplateSchema = z.union([generatedTemplateSchema, overlayTemplateSchema]);

export type GeneratedTemplate = z.output<typeof generatedTemplateSchema>;
export type OverlayTemplate = z.output<typeof overlayTemplateSchema>;
export type FormTemplate = z.output<typeof formTemplateSchema>;
export type FormTemplateInput = z.input<typeof formTemplateSchema>;
export type Box = z.output<typeof boxSchema>;
export type Section = z.output<typeof sectionSchema>;
export type Counterpart = z.output<typeof counterpartSchema>;

/**
 * Parses templates, refusing the whole set with every problem listed: a half-valid template set
 * would print forms with silently missing boxes.
 */
export function parseTemplates(raw: readonly unknown[], source: string): FormTemplate[] {
  const problems: string[] = [];
  const out: FormTemplate[] = [];
  raw.forEach((entry, index) => {
    const parsed = formTemplateSchema.safeParse(entry);
    const id = (entry as { procedureId?: unknown })?.procedureId;
    if (parsed.success) out.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        problems.push(`${String(id ?? `#${index}`)}: ${issue.path.join(".")}: ${issue.message}`);
      }
  });
  const seen = new Set<string>();
  for (const template of out) {
    if (seen.has(template.procedureId)) problems.push(`${template.procedureId}: more than one template`);
    seen.add(template.procedureId);
  }
  if (problems.length > 0) throw new TemplateError(source, problems);
  return out;
}
