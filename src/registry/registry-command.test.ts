import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main";
import { toShiftJisText } from "./registry-command";

// The CLI opens the configured database: an on-disk PGlite of its own here, whatever DATABASE_URL says.
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mg-registry-cli-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], stdin = "", dataDir = join(dir, "data")) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(stdin ? [stdin] : []),
    env: { DATA_DIR: dataDir, LOG_LEVEL: "silent" },
  });
  return { code, stdout, stderr };
}

describe("madoguchi registry", () => {
  it("generates a reproducible CSV in Shift_JIS, with characters outside it in their common form", async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    for (const file of [a, b]) {
      const run = await cli([
        "registry",
        "generate",
        "--residents",
        "300",
        "--seed",
        "5",
        "--as-of",
        "2026-04-06",
        "--csv",
        file,
        "--encoding",
        "shift_jis",
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/generate\s+100% 300\/300/);
    }
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const text = new TextDecoder("shift_jis", { fatal: true }).decode(readFileSync(a));
    expect(text.split("\r\n")[0]).toBe(
      "resident_no,household_no,relation,name,kana,birth_date,sex,ward,address,insurance,pension,pension_recipient,my_number_card,care_level,disability_certificate,seal_registered,pregnant,needs_daycare,public_servant,benefits,owns,postal_code,nationality,honseki,hittousha,residence_status,residence_card_number,residence_period_end",
    );
    expect(text.trim().split("\r\n")).toHaveLength(301);
    expect(toShiftJisText("\u{20BB7}田\u3000葛\u{E0100}子 髙橋")).toEqual({
      text: "吉田\u3000葛子 髙橋",
      substituted: 2,
    });
  });

  it("refuses an import into a municipality that does not exist", async () => {
    const run = await cli(["registry", "import", join(dir, "a.csv"), "--municipality", "nowhere"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Municipality "nowhere" does not exist');
  });

  it("generates into a fresh data directory, setting up the demo municipality first", async () => {
    const fresh = join(dir, "fresh");
    const args = ["registry", "generate", "--residents", "200", "--seed", "9", "--as-of", "2026-04-06"];
    const run = await cli(args, "", fresh);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('set up municipality "kumamoto"');
    expect(run.stdout).toMatch(/created 200, updated 0, unchanged 0/);
    const again = await cli(args, "", fresh);
    expect(again.stderr).not.toContain("set up municipality");
    expect(again.stdout).toMatch(/created 0, updated 0, unchanged 200/);
  });

  it("imports a Shift_JIS file, and a second run of it changes nothing", async () => {
    expect((await cli(["seed"])).code).toBe(0);
    const first = await cli(["registry", "import", join(dir, "a.csv"), "--as-of", "2026-04-06"]);
    expect(first.stderr).toContain("write 100%");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported 300 rows, \d+ households .* created 300, updated 0, unchanged 0/);
    expect(first.stdout).toContain("shift_jis");
    const second = await cli(["registry", "import", join(dir, "a.csv"), "--as-of", "2026-04-06"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/created 0, updated 0, unchanged 300/);
    const rekey = await cli(["registry", "rekey"]);
    expect(rekey.code).toBe(0);
    expect(rekey.stdout).toContain("300 residents checked, 0 brought up to date");
  });

  it("refuses a Shift_JIS file with bad rows, listing each row's line and reason on stderr", async () => {
    const lines = new TextDecoder("shift_jis").decode(readFileSync(join(dir, "a.csv"))).split("\r\n");
    lines[2] = (lines[2] ?? "").replace(/,\d{4}-\d\d-\d\d,/, ",2001-02-29,");
    lines[4] = (lines[4] ?? "").replace(/,(employee|kokuho|kouki|welfare),/, ",private,");
    lines.push(
      "X1,HX,spouse,熊本　花子,クマモト　ハナコ,1990-01-01,female,中央区,大江一丁目1番1号,kokuho,cat1,0,0,,0,0,0,0,0,,,862-0971,JP,熊本県熊本市中央区大江一丁目1番,熊本　一郎,,,",
    );
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, iconv.encode(lines.join("\r\n"), "cp932"));
    const run = await cli(["registry", "import", bad, "--as-of", "2026-04-06"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("3行目 / line 3 [birth_date]");
    expect(run.stderr).toContain("5行目 / line 5 [insurance]");
    expect(run.stderr).toContain(`${lines.length}行目 / line ${lines.length} [relation]`);
    expect(run.stderr).toContain('Household "HX" has no head.');
    expect(run.stderr).toContain("Import refused: nothing was written (3 problems).");
  });

  it("searches by a common form and opens a household into guidance input that `guide` plans from", async () => {
    const rows = new TextDecoder("shift_jis")
      .decode(readFileSync(join(dir, "a.csv")))
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    const head = rows.find((r) => r[2] === "head") ?? [];
    const [, , , name = "", , birthDate = ""] = head;
    const search = await cli([
      "registry",
      "search",
      "--name",
      name.replace("髙", "高"),
      "--birth-date",
      birthDate,
    ]);
    expect(search.code).toBe(0);
    const [line] = search.stdout.trim().split("\n");
    const [, householdId = "", shownName] = line?.split("\t") ?? [];
    expect(shownName).toBe(name);
    const refused = await cli(["registry", "household", householdId]);
    expect(refused.code).toBe(2);
    const opened = await cli([
      "registry",
      "household",
      householdId,
      "--reason",
      "move-out",
      "--event",
      "move-out",
      "--date",
      "2026-04-06",
    ]);
    expect(opened.code).toBe(0);
    const input = JSON.parse(opened.stdout);
    expect(input.event).toEqual({ type: "move-out", date: "2026-04-06" });
    expect(input.members[0]).toMatchObject({ relation: "head", name });
    const plan = await cli(["guide", "-"], opened.stdout);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).procedures.length).toBeGreaterThan(0);
  });
});
