import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The real command in a child process, as `npm start` runs it: embedded PGlite in a data directory.
const root = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

function startServe(env: Record<string, string>): Running {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    // Only the demo accounts: generated residents would only slow the first start down.
    DEMO_RESIDENTS: "0",
    ...env,
  };
  // The lock belongs to PGlite: the child must not follow a DATABASE_URL set for the suite.
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ["bin/madoguchi.mjs", "serve"], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(what: string, check: () => boolean, running: Running, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (running.child.exitCode !== null) {
      throw new Error(
        `exited with ${running.child.exitCode} before ${what}:\n${running.stdout()}\n${running.stderr()}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${running.stdout()}\n${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("madoguchi serve on a PGlite data directory", () => {
  let dataDir: string;
  let first: Running;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "mg-serve-"));
    first = startServe({ PORT: String(await freePort()), DATA_DIR: dataDir });
    await waitFor(
      "the URL on stdout",
      () => /Madoguchi is running: http:\/\/\S+/.test(first.stdout()),
      first,
      90_000,
    );
    url = /Madoguchi is running: (http:\/\/\S+)/.exec(first.stdout())?.[1] ?? "";
  }, 120_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await gone;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints the URL, how to sign in and the demo accounts with their passwords, and answers /healthz", async () => {
    expect(first.stdout()).toContain(`Open ${url}/signin`);
    expect(first.stdout()).toContain("Ctrl+C");
    expect(
      first.stdout().match(/^\s+kumamoto-(counter|supervisor|admin)\s+\w+\s+[A-HJ-NP-Za-km-z2-9]{20}$/gm),
    ).toHaveLength(3);
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "pglite" });
    expect(readFileSync(join(dataDir, "madoguchi.lock"), "utf8")).toBe(String(first.child.pid));
  });

  it("refuses a second process on the same data directory with a clear message and a non-zero exit", async () => {
    const second = startServe({ PORT: String(await freePort()), DATA_DIR: dataDir });
    const code = await withTimeout(second.exited, 60_000, "the second process to exit");
    expect(code).not.toBe(0);
    expect(second.stderr()).toContain(`PID ${first.child.pid}`);
    expect(second.stderr()).toContain("別のプロセス");
    expect(second.stderr()).toContain("is in use by another process");
    expect(second.stderr()).not.toMatch(/\n\s+at /);
    expect(second.stdout()).not.toContain("http://");
    // The first process is unharmed.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("stops on SIGTERM, exits 0 and removes the lock file", async () => {
    first.child.kill("SIGTERM");
    expect(await withTimeout(first.exited, 30_000, "the server to stop")).toBe(0);
    expect(first.stdout()).toContain("Stopping");
    expect(existsSync(join(dataDir, "madoguchi.lock"))).toBe(false);
  });
});
