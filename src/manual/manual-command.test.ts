import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manualCommand } from "./manual-command";

const fixtures = join(import.meta.dirname, "fixtures");

async function run(sub: string, args: string[]) {
  let out = "";
  let err = "";
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await manualCommand(sub, args, io, async () => {
    throw new Error("no database in this test");
  });
  return { code, out, err };
}

describe("madoguchi manual", () => {
  it("lists the entries of a folder as JSON without a database", async () => {
    const { code, out } = await run("list", ["--json", "--dir", fixtures]);
    expect(code).toBe(0);
    expect(JSON.parse(out).entries).toContainEqual({
      id: "proc-juki-move-in",
      title: "転入届",
      procedures: ["juki.move-in"],
      audience: "both",
      kind: "procedure",
    });
  });

  it("searches best first, with English titles for an English query", async () => {
    const ja = JSON.parse((await run("search", ["てんにゅう", "--json", "--dir", fixtures])).out);
    expect(ja.results[0]).toMatchObject({
      id: "proc-juki-move-in",
      title: "転入届",
      procedures: ["juki.move-in"],
      highlight: "【転入】届",
    });
    const en = JSON.parse((await run("search", ["power of attorney", "--json", "--dir", fixtures])).out);
    expect(en.results[0]).toMatchObject({ id: "gen-ininjo", title: "Letters of proxy (power of attorney)" });
    const scores = en.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("refuses an empty query and an unknown subcommand with exit code 2", async () => {
    expect((await run("search", ["--json", "--dir", fixtures])).code).toBe(2);
    expect((await run("export", [])).code).toBe(2);
  });

  it("imports nothing from a folder with an invalid file, and says which", async () => {
    const dir = mkdtempSync(join(tmpdir(), "manual-"));
    writeFileSync(join(dir, "gen-broken.md"), "---\nid: gen-broken\nkind: rumour\n---\n");
    const { code, err } = await run("import", [dir]);
    expect(code).toBe(2);
    expect(err).toContain("gen-broken.md: kind: manual.badField");
  });
});
