import { parse as parseYaml, YAMLParseError } from "yaml";
import type { Problem } from "../shared/errors";
import {
  type Audience,
  frontMatterSchema,
  isPublic,
  type ManualEntry,
  SECTION_KEYS,
  type SectionKey,
} from "./manual-entry";

export type ParseResult = { ok: true; entry: ManualEntry } | { ok: false; problems: Problem[] };

export interface ParseOptions {
  /** Catalogue procedure ids: a procedure not among them is refused. */
  procedureIds?: ReadonlySet<string>;
  /** The id the entry must have (the file's name without .md). */
  expectedId?: string;
}

const FENCE = /^---[ \t]*$/;
const SECTION = /^#[ \t]+(\S+)[ \t]*$/;
/** Sources larger than this are refused before YAML or Markdown sees them. */
export const MAX_SOURCE_CHARS = 200_000;

/**
 * Parses one entry file: YAML front matter between `---` lines, then the parts under `# public.<lang>`
 * and `# staff.ja`. Pure: the same text always gives the same entry or the same problems, each a
 * message code with the path of what is wrong (`title.en`, `procedures[0]`, `body`).
 */
export function parseEntry(rawSource: string, options: ParseOptions = {}): ParseResult {
  if (rawSource.length > MAX_SOURCE_CHARS) return fail("", "manual.tooLarge");
  // One form of line ending and no BOM, so versions diff line by line whatever editor wrote them.
  const source = rawSource.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = source.split("\n");
  if (!FENCE.test(lines[0] ?? "")) return fail("", "manual.noFrontMatter");
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) return fail("", "manual.noFrontMatter");

  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).join("\n"), { maxAliasCount: 0, uniqueKeys: true });
  } catch (error) {
    const line = error instanceof YAMLParseError ? (error.linePos?.[0]?.line ?? 0) + 1 : 0;
    return fail("frontMatter", "manual.badYaml", { line });
  }
  const parsed = frontMatterSchema.safeParse(data ?? {});
  const problems: Problem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "");
      problems.push({ path, code: "manual.badField", params: { field: path || "frontMatter" } });
    }
    return { ok: false, problems };
  }
  const front = parsed.data;
  if (options.expectedId && front.id !== options.expectedId)
    problems.push({
      path: "id",
      code: "manual.idMismatch",
      params: { id: front.id, file: options.expectedId },
    });
  front.procedures.forEach((p, i) => {
    if (options.procedureIds && !options.procedureIds.has(p))
      problems.push({ path: `procedures[${i}]`, code: "manual.unknownProcedure", params: { procedure: p } });
  });
  if (front.kind === "procedure" && front.procedures.length === 0)
    problems.push({ path: "procedures", code: "manual.procedureMissing" });

  const sections = splitSections(lines.slice(end + 1), end + 2, problems);
  problems.push(...missingParts(front.audience, sections));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, entry: { ...front, sections, source } };
}

function splitSections(
  body: string[],
  firstLine: number,
  problems: Problem[],
): Partial<Record<SectionKey, string>> {
  const sections: Partial<Record<SectionKey, string>> = {};
  let current: SectionKey | null = null;
  let buffer: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current) sections[current] = buffer.join("\n").trim();
    buffer = [];
  };
  body.forEach((line, i) => {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : SECTION.exec(line);
    if (heading) {
      const key = heading[1] as SectionKey;
      if (!(SECTION_KEYS as readonly string[]).includes(key)) {
        problems.push({
          path: "body",
          code: "manual.unknownSection",
          params: { section: key, line: firstLine + i },
        });
        return;
      }
      if (sections[key] !== undefined || key === current) {
        problems.push({
          path: "body",
          code: "manual.duplicateSection",
          params: { section: key, line: firstLine + i },
        });
        return;
      }
      flush();
      current = key;
      return;
    }
    if (!current && line.trim() !== "") {
      problems.push({ path: "body", code: "manual.textOutsideSection", params: { line: firstLine + i } });
      current = null;
      return;
    }
    buffer.push(line);
  });
  flush();
  for (const [key, value] of Object.entries(sections)) if (!value) delete sections[key as SectionKey];
  return sections;
}

/** A public entry needs its Japanese public part; a staff entry its staff part. */
function missingParts(audience: Audience, sections: Partial<Record<SectionKey, string>>): Problem[] {
  const out: Problem[] = [];
  if (isPublic({ audience }) && !sections["public.ja"])
    out.push({ path: "body", code: "manual.sectionMissing", params: { section: "public.ja" } });
  if (audience !== "public" && !sections["staff.ja"])
    out.push({ path: "body", code: "manual.sectionMissing", params: { section: "staff.ja" } });
  return out;
}

function fail(path: string, code: string, params?: Problem["params"]): ParseResult {
  return { ok: false, problems: [{ path, code, ...(params ? { params } : {}) }] };
}
