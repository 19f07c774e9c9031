import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../cli/main";
import { defaultConfig, parseConfig } from "../config/config";
import { startServer } from "../server";
import { builtInCatalog, destinationCatalog, useDestinationCatalog } from "./destination-catalog";
import { destinationSettings } from "./destinations";
import { configureHandoff, retryPolicyOf } from "./start-handoff";

const dir = mkdtempSync(join(tmpdir(), "mg-start-handoff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string | undefined>) {
  let out = "";
  let err = "";
  return {
    io: {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      stdin: process.stdin,
      env,
    },
    out: () => out,
    err: () => err,
  };
}

describe("the hand-off settings", () => {
  it("default to the in-process worker, DATA_DIR/handoff and a one-minute-to-one-day schedule", () => {
    const result = parseConfig({ DATA_DIR: "/srv/madoguchi" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.WORKER_IN_PROCESS).toBe(true);
    expect(destinationSettings(result.config).dropDir).toBe("/srv/madoguchi/handoff");
    expect(retryPolicyOf(result.config)).toMatchObject({
      minDelayMs: 60_000,
      maxDelayMs: 86_400_000,
      maxAttempts: 16,
    });
  });

  it("read the secrets as JSON and never print them back in a problem", () => {
    const ok = parseConfig({ HANDOFF_SECRETS: '{"kumamoto/kokuho-api":"0123456789abcdef0123456789abcdef"}' });
    expect(ok.ok && ok.config.HANDOFF_SECRETS).toEqual({
      "kumamoto/kokuho-api": "0123456789abcdef0123456789abcdef",
    });
    const bad = parseConfig({ HANDOFF_SECRETS: "{secret-value" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toEqual(["HANDOFF_SECRETS=(hidden): must be a JSON object"]);
  });

  it("list every problem at once, across settings too", () => {
    const result = parseConfig({
      HANDOFF_LEASE_MS: "1000",
      HANDOFF_HTTP_TIMEOUT_MS: "5000",
      HANDOFF_RETRY_MIN_MS: "5000",
      HANDOFF_RETRY_MAX_MS: "1000",
      HANDOFF_CONCURRENCY: "0",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split("=")[0])).toEqual([
      "HANDOFF_CONCURRENCY",
      "HANDOFF_LEASE_MS",
      "HANDOFF_RETRY_MAX_MS",
    ]);
  });

  it("take the destinations file when one is set", () => {
    const path = join(dir, "destinations.json");
    writeFileSync(
      path,
      JSON.stringify({
        municipalities: {
          kumamoto: {
            destinations: [
              { id: "all", kind: "file", label: { ja: "全件", en: "All" }, folder: "all", procedures: ["*"] },
            ],
          },
        },
      }),
    );
    const previous = destinationCatalog();
    try {
      expect(
        configureHandoff(defaultConfig({ HANDOFF_DESTINATIONS_FILE: path })).municipalities.kumamoto
          ?.destinations[0]?.id,
      ).toBe("all");
    } finally {
      useDestinationCatalog(previous);
    }
    expect(configureHandoff(defaultConfig())).toBe(builtInCatalog);
  });
});

describe("madoguchi worker", () => {
  it("refuses to run on PGlite, saying why", async () => {
    const run = io({});
    expect(await main(["worker"], run.io)).toBe(2);
    expect(run.err()).toContain("PostgreSQL");
    expect(run.err()).toContain("PGlite opens its data in one process only");
  });

  it("explains itself with --help", async () => {
    const run = io({});
    expect(await main(["worker", "--help"], run.io)).toBe(0);
    expect(run.out()).toContain("FOR UPDATE SKIP LOCKED");
  });

  it("refuses an invalid destinations file with every problem", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(
      path,
      JSON.stringify({ municipalities: { kumamoto: { destinations: [{ id: "X", kind: "ftp" }] } } }),
    );
    const run = io({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", HANDOFF_DESTINATIONS_FILE: path });
    expect(await main(["worker"], run.io)).toBe(2);
    expect(run.err()).toContain("bad.json: municipalities.kumamoto.destinations.0");
  });
});

describe("a server with misconfigured destinations", () => {
  it("starts, says which destination is wrong and why, and keeps running", { timeout: 60_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const plainFile = join(dir, "plain-file");
    writeFileSync(plainFile, "x");
    const lines: string[] = [];
    const server = await startServer(
      defaultConfig({
        PORT: port,
        DATA_DIR: join(dir, "data"),
        DEMO_SEED: false,
        LOG_LEVEL: "silent",
        // Every file-drop folder of the demo falls under a plain file: none can be made.
        HANDOFF_DROP_DIR: plainFile,
      }),
      (line) => lines.push(line),
    );
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const problems = lines.filter((l) => l.includes("misconfigured"));
      expect(problems.find((l) => l.includes("kumamoto/juki "))).toMatch(/ENOTDIR/);
      // In plain words, what is wrong and what to do, in Japanese and in English.
      expect(problems.find((l) => l.includes("kumamoto/kokuho-api"))).toContain(
        "No shared secret is set. Add one for “kumamoto/kokuho-api” (at least 32 characters) to the HANDOFF_SECRETS setting.",
      );
      expect(lines.join("\n")).toContain(
        "共有鍵が設定されていません。設定 HANDOFF_SECRETS に「kumamoto/kokuho-api」の鍵（32文字以上）を加えてください。",
      );
      expect(lines.join("\n")).not.toContain("no secret: set");
      expect(problems).toHaveLength(builtInCatalog.municipalities.kumamoto?.destinations.length ?? 0);
    } finally {
      await server.stop();
    }
  });
});
