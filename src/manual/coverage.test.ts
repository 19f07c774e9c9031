import { describe, expect, it } from "vitest";
import { getCatalog } from "../catalog/load-catalog";
import { defaultContentDir, loadEntriesFromDir } from "./load-entries";

// The demo tenant's content (content/manual/kumamoto) is written beside this code; this test holds
// it to the catalogue: every procedure has its entry, and every file is valid.
describe("the Kumamoto manual", () => {
  it("has valid files and an entry for every procedure of the catalogue", async () => {
    const { entries, problems } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
    expect(problems).toEqual([]);
    const covered = new Set(entries.flatMap((e) => e.procedures));
    const missing = getCatalog()
      .procedures.map((p) => p.id)
      .filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  it("has a procedure entry named after each procedure (proc-<id with dots as hyphens>)", async () => {
    const { entries } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
    const ids = new Set(entries.map((e) => e.id));
    const missing = getCatalog()
      .procedures.map((p) => `proc-${p.id.replace(/\./g, "-")}`)
      .filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });
});
