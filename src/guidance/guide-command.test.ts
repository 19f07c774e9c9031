import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runGuide } from "./guide-command";
import { validHousehold } from "./household.arbitrary";

const fixtures = new URL("../../test/fixtures/examples/", import.meta.url);
const example = (name: string) => new URL(`${name}.json`, fixtures).pathname;
const dir = mkdtempSync(join(tmpdir(), "madoguchi-guide-"));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[], stdin: Iterable<string | Buffer> = []) {
  let stdout = "";
  let stderr = "";
  const code = await runGuide(args, {
    stdin: Readable.from(stdin),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const refused = JSON.stringify({
  event: { type: "death", date: "2026-04-06" },
  members: [{ id: "m1", relation: "head", birthDate: "1990-01-01", insurance: "kouki", colour: "red" }],
});
const youngFamily = JSON.stringify({
  event: { type: "move-in", date: "2026-04-06" },
  members: [
    { id: "m1", relation: "head", birthDate: "1990-01-01", insurance: "employee" },
    { id: "m2", relation: "child", birthDate: "2011-01-01", insurance: "employee" },
  ],
});

describe("madoguchi guide FILE", () => {
  it("prints the plan as JSON with exactly the contract's keys and exits 0", async () => {
    const { code, stdout, stderr } = await run([example("move-in-young-family")]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const plan = JSON.parse(stdout) as { procedures: Record<string, unknown>[] };
    expect(Object.keys(plan)).toEqual(["procedures"]);
    expect(plan.procedures.map((p) => p.id)).toEqual([
      "juki.move-in",
      "mynumber.address-update",
      "jidoteate.claim",
      "kodomo-iryo.enroll",
      "hoiku.guidance",
      "boshi.infant-health",
      "suido.notice",
    ]);
    expect(plan.procedures[0]).toEqual({
      id: "juki.move-in",
      name: "転入届",
      department: "resident",
      handling: "one-stop",
      members: ["m1", "m2", "m3"],
      deadline: "2026-04-20",
      due: "2026-04-20",
      dueText: "2026年4月20日（月）",
      reasons: ["熊本 太郎さん、熊本 花子さん、熊本 陽さんが転入するため"],
      reasonCodes: [
        {
          code: "guidance.reason.membersInScope",
          params: {
            scope: "moveIn",
            member1: "m1",
            name1: "熊本 太郎",
            member2: "m2",
            name2: "熊本 花子",
            member3: "m3",
            name3: "熊本 陽",
          },
        },
      ],
    });
  });

  it("words the reasons in the language --lang names, the codes staying the same", async () => {
    const ja = JSON.parse((await run([example("move-in-young-family")])).stdout);
    const { code, stdout } = await run(["--lang", "en", example("move-in-young-family")]);
    expect(code).toBe(0);
    const en = JSON.parse(stdout);
    expect(en.procedures[0].reasons).toEqual(["熊本 太郎, 熊本 花子, and 熊本 陽 move in"]);
    expect(en.procedures[0].reasonCodes).toEqual(ja.procedures[0].reasonCodes);
    expect((await run(["--lang", "xx", example("move-in-young-family")])).code).toBe(2);
  });

  it("refuses a contradictory household with exit 2, every problem on stderr in both languages, nothing on stdout", async () => {
    const { code, stdout, stderr } = await run([file("refused.json", refused)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("世帯の情報に問題があるため、案内を作れません（3件）。");
    expect(stderr).toContain("The household was refused: 3 problems.");
    expect(stderr).toContain("event.subject [guidance.problem.event.subject-missing]");
    expect(stderr).toContain("members[0].colour [guidance.problem.schema.unknown-field]");
    expect(stderr).toContain("members[0].insurance [guidance.problem.member.kouki-under-65]");
    expect(stderr).toContain("1人目の方: 後期高齢者医療は65歳以上の方の保険です。この方は36歳です。");
    expect(stderr).toContain("Member 1: Late-stage elderly medical care starts at 65 at the earliest");
  });

  it("refuses malformed JSON with exit 2 and says so", async () => {
    const { code, stdout, stderr } = await run([file("broken.json", '{"event": ')]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/broken\.json: JSONとして読めません/);
    expect(stderr).toMatch(/broken\.json: The input is not valid JSON/);
  });

  it("exits 2 when the file does not exist", async () => {
    const { code, stdout, stderr } = await run([join(dir, "missing.json")]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("File not found:");
  });

  it("reads the household from stdin when the file is -, ignoring a byte-order mark", async () => {
    const { code, stdout } = await run(["-"], [`\uFEFF${youngFamily}`]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).procedures[0].id).toBe("juki.move-in");
  });

  it("uses the national baseline with Kumamoto's limits by default and another municipality on request", async () => {
    const path = file("grade-10.json", youngFamily.replace("2011-01-01", "2010-06-01"));
    const ids = async (args: string[]) =>
      (JSON.parse((await run(args)).stdout).procedures as { id: string }[]).map((p) => p.id);
    expect(await ids([path])).toContain("kodomo-iryo.enroll");
    expect(await ids(["--municipality", "kumamoto", path])).toContain("kodomo-iryo.enroll");
    expect(await ids(["--municipality=yatsushiro", path])).not.toContain("kodomo-iryo.enroll");
  });

  it("refuses an unknown municipality with exit 2, naming the known ones", async () => {
    const { code, stdout, stderr } = await run([
      "--municipality",
      "atlantis",
      example("move-in-young-family"),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('Unknown municipality "atlantis" (known: national, kumamoto, yatsushiro)');
  });

  it("prints its usage for --help and exits 0", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("madoguchi guide --jsonl");
    expect(stdout).toContain("--municipality ID");
  });

  it("refuses an unknown option or two files with exit 2 and the usage", async () => {
    for (const args of [["--fast"], ["a.json", "b.json"]]) {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("Usage");
    }
  });
});

describe("madoguchi guide --jsonl", () => {
  it("answers one line per household, in order, and turns a bad line into an error line", async () => {
    const input = `${youngFamily}\n${refused}\n{not json\n\n${youngFamily}\n`;
    const { code, stdout, stderr } = await run(["--jsonl"], [input]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].procedures[0].id).toBe("juki.move-in");
    expect(lines[1].error.code).toBe("household.invalid");
    expect(lines[1].error.line).toBe(2);
    expect(lines[1].error.problems.map((p: { code: string }) => p.code)).toEqual([
      "guidance.problem.event.subject-missing",
      "guidance.problem.schema.unknown-field",
      "guidance.problem.member.kouki-under-65",
    ]);
    expect(lines[1].error.problems[0]).toEqual(
      expect.objectContaining({
        path: "event.subject",
        field: "subject",
        ja: expect.any(String),
        en: expect.any(String),
      }),
    );
    expect(lines[2].error).toEqual(expect.objectContaining({ code: "json.malformed", line: 3 }));
    expect(lines[3]).toEqual(lines[0]);
  });

  it("joins lines split across chunks, multi-byte characters included, and a last line without newline", async () => {
    const named = youngFamily.replace('"id":"m1",', '"id":"m1","name":"𠮷田 﨑",');
    const bytes = Buffer.from(`${named}\r\n${named}`);
    const chunks = [
      bytes.subarray(0, 37),
      bytes.subarray(37, 38),
      bytes.subarray(38, 201),
      bytes.subarray(201),
    ];
    const { code, stdout } = await run(["--jsonl"], chunks);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1].procedures[0].reasons[0]).toContain("𠮷田 﨑さん");
  });

  it("reads a JSON Lines file when one is given", async () => {
    const path = file("two.jsonl", `${youngFamily}\n${youngFamily}\n`);
    const { code, stdout } = await run(["--jsonl", path]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(2);
  });

  it("exits 2 when its input cannot be read", async () => {
    const { code, stderr } = await run(["--jsonl", join(dir, "missing.jsonl")]);
    expect(code).toBe(2);
    expect(stderr).toContain("File not found:");
  });

  it("answers a thousand random valid households with a thousand plans", async () => {
    const households = fc.sample(validHousehold, { seed: 11, numRuns: 1000 });
    const { code, stdout } = await run(["--jsonl"], [households.map((h) => JSON.stringify(h)).join("\n")]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1000);
    expect(lines.filter((l) => l.startsWith('{"error"'))).toEqual([]);
  });
});
