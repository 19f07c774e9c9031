import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogProcedureIds, loadEntriesFromDir } from "./load-entries";
import { reviewOverdue } from "./manual-entry";
import { parseEntry } from "./parse-entry";

const fixtures = join(import.meta.dirname, "fixtures");
const source = readFileSync(join(fixtures, "proc-juki-move-in.md"), "utf8");
const procedureIds = catalogProcedureIds();

const codes = (result: ReturnType<typeof parseEntry>) =>
  result.ok ? [] : result.problems.map((p) => p.code);

describe("parseEntry", () => {
  it("reads the front matter and cuts the body into its parts", () => {
    const result = parseEntry(source, { procedureIds, expectedId: "proc-juki-move-in" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entry).toMatchObject({
      id: "proc-juki-move-in",
      kind: "procedure",
      procedures: ["juki.move-in"],
      audience: "both",
      owner: "市民課",
      lastReviewed: "2026-10-01",
      confirm: ["区役所ごとの受付時間を市に確認する"],
      review: ["zh-Hans", "ko", "vi"],
    });
    expect(Object.keys(result.entry.sections)).toEqual([
      "public.ja",
      "public.ja-x-easy",
      "public.en",
      "staff.ja",
    ]);
    expect(result.entry.sections["public.ja"]).toContain("## 期限");
    expect(result.entry.sections["staff.ja"]).toMatch(/^1\. 転出証明書/);
  });

  it("keeps the source with one kind of line ending and no byte-order mark", () => {
    const result = parseEntry(`\uFEFF${source.replace(/\n/g, "\r\n")}`);
    expect(result.ok && result.entry.source).toBe(source);
  });

  it("refuses a file without front matter", () => {
    expect(codes(parseEntry("# public.ja\nこんにちは"))).toEqual(["manual.noFrontMatter"]);
  });

  it("refuses YAML it cannot read and says on which line", () => {
    const result = parseEntry("---\nid: x\ntitle: [\n---\n");
    expect(result.ok ? null : result.problems[0]).toMatchObject({ code: "manual.badYaml" });
  });

  it("refuses unknown keys, a bad id, a bad date and a missing English title, each with its path", () => {
    const bad = source
      .replace("id: proc-juki-move-in", "id: Proc_Juki")
      .replace("lastReviewed: 2026-10-01", "lastReviewed: 2026-02-30")
      .replace("  en: Notification of moving in\n", "")
      .replace("owner: 市民課", "owner: 市民課\nownr: typo");
    const result = parseEntry(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(["", "id", "lastReviewed", "title.en"].sort());
  });

  it("refuses a procedure the catalogue does not have, and a procedure entry without one", () => {
    expect(codes(parseEntry(source.replace("[juki.move-in]", "[juki.teleport]"), { procedureIds }))).toEqual([
      "manual.unknownProcedure",
    ]);
    expect(codes(parseEntry(source.replace("[juki.move-in]", "[]")))).toEqual(["manual.procedureMissing"]);
  });

  it("refuses an id that is not the file's name", () => {
    expect(codes(parseEntry(source, { expectedId: "proc-juki-move-out" }))).toEqual(["manual.idMismatch"]);
  });

  it("refuses unknown and repeated parts, text before the first part and a missing staff part", () => {
    expect(codes(parseEntry(source.replace("# public.en", "# public.fr")))).toContain(
      "manual.unknownSection",
    );
    expect(codes(parseEntry(`${source}\n# public.ja\nまた\n`))).toContain("manual.duplicateSection");
    expect(codes(parseEntry(source.replace("---\n# public.ja", "---\n前置き\n# public.ja")))).toContain(
      "manual.textOutsideSection",
    );
    expect(codes(parseEntry(source.replace("# staff.ja", "## staff.ja")))).toEqual(["manual.sectionMissing"]);
  });

  it("does not take a heading inside a code block for a part", () => {
    const result = parseEntry(source.replace("# staff.ja", "```\n# public.fr\n```\n# staff.ja"));
    expect(result.ok).toBe(true);
  });
});

describe("loadEntriesFromDir", () => {
  it("loads the fixtures sorted by id without problems", async () => {
    const { entries, problems } = await loadEntriesFromDir(fixtures);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.id)).toEqual(["faq-kokuho-yameru", "gen-ininjo", "proc-juki-move-in"]);
  });
});

describe("reviewOverdue", () => {
  it.each([
    ["2025-12-07", "2026-12-07", false],
    ["2025-12-06", "2026-12-07", true],
    ["2026-06-01", "2026-12-07", false],
  ])("an entry reviewed on %s is overdue on %s: %s", (reviewed, today, overdue) => {
    expect(reviewOverdue(reviewed, today)).toBe(overdue);
  });
});
