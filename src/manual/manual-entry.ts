import { z } from "zod";

/**
 * A manual entry as the repository stores it: one Markdown file per entry with YAML front matter
 * (content/manual/<municipality>/<id>.md). The body is cut into parts by level-1 headings
 * `# public.<lang>` and `# staff.ja`; inside a part, ordinary Markdown (## and below).
 */

export const ENTRY_KINDS = ["procedure", "faq", "general"] as const;
export const AUDIENCES = ["public", "staff", "both"] as const;
/** The resident languages a public part may be written in, in the order pages offer them. */
export const PUBLIC_LANGS = ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"] as const;
export type PublicLang = (typeof PUBLIC_LANGS)[number];
export const SECTION_KEYS = [...PUBLIC_LANGS.map((l) => `public.${l}` as const), "staff.ja"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export type EntryKind = (typeof ENTRY_KINDS)[number];
export type Audience = (typeof AUDIENCES)[number];

const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "manual.badDate")
    .refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      "manual.badDate",
    ),
);

const text = (max: number) => z.string().trim().min(1).max(max);

export const entryIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "manual.badId")
  .max(120);

/** The front matter, validated; unknown keys are refused so a misspelt key is not silently dropped. */
export const frontMatterSchema = z
  .object({
    id: entryIdSchema,
    kind: z.enum(ENTRY_KINDS),
    procedures: z
      .array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/))
      .max(40)
      .default([]),
    audience: z.enum(AUDIENCES),
    keywords: z.array(z.coerce.string().trim().min(1).max(200)).max(200).default([]),
    owner: text(100),
    lastReviewed: isoDate,
    confirm: z.array(text(1000)).max(50).default([]),
    title: z
      .object({
        ja: text(300),
        "ja-x-easy": text(300),
        en: text(300),
        "zh-Hans": text(300).optional(),
        ko: text(300).optional(),
        vi: text(300).optional(),
      })
      .strict(),
    review: z.array(z.enum(PUBLIC_LANGS)).max(6).default([]),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A parsed, validated entry. `source` is the file exactly as stored (what versions keep and diff). */
export interface ManualEntry extends FrontMatter {
  sections: Partial<Record<SectionKey, string>>;
  source: string;
}

/** An entry is for residents (public part shown on /faq) unless it is staff-only. */
export const isPublic = (e: Pick<ManualEntry, "audience">): boolean => e.audience !== "staff";

/** The title in a language, falling back to Japanese; `lang` says which one was used. */
export function entryTitle(e: Pick<ManualEntry, "title">, lang: string): { text: string; lang: string } {
  const t = (e.title as Record<string, string | undefined>)[lang];
  return t ? { text: t, lang } : { text: e.title.ja, lang: "ja" };
}

/** The public part in a language, falling back to Japanese; `lang` says which one was used. */
export function publicPart(
  e: Pick<ManualEntry, "sections">,
  lang: string,
): { markdown: string; lang: string } | null {
  const own = e.sections[`public.${lang}` as SectionKey];
  if (own) return { markdown: own, lang };
  const ja = e.sections["public.ja"];
  return ja ? { markdown: ja, lang: "ja" } : null;
}

/** Months after lastReviewed that an entry is flagged as due for review. */
export const REVIEW_MONTHS = 12;

/** Whether an entry's last review is more than 12 months before `today` (both ISO dates). */
export function reviewOverdue(lastReviewed: string, today: string): boolean {
  const [y, m, d] = lastReviewed.split("-").map(Number) as [number, number, number];
  const limit = `${String(y + 1).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return today > limit;
}

/** The entry of a catalogue procedure: `proc-<id with dots as hyphens>` if there is one, else the first that names it. */
export function entryForProcedure(
  entries: readonly Pick<ManualEntry, "id" | "kind" | "procedures">[],
  procedureId: string,
): string | undefined {
  const own = `proc-${procedureId.replace(/\./g, "-")}`;
  return (
    entries.find((e) => e.id === own)?.id ??
    entries.find((e) => e.kind === "procedure" && e.procedures.includes(procedureId))?.id ??
    entries.find((e) => e.procedures.includes(procedureId))?.id
  );
}
