import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock";

const lockModule = fileURLToPath(new URL("./data-dir-lock.ts", import.meta.url));
const children: ChildProcess[] = [];

/** Another process that takes the lock on `dir` and holds it until it is killed. */
async function holdLockInAnotherProcess(dir: string): Promise<ChildProcess> {
  const code = `const { lockDataDir } = await import(${JSON.stringify(lockModule)});
lockDataDir(${JSON.stringify(dir)});
process.stdout.write("locked\\n");
setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the other process did not take the lock in time")),
      20_000,
    );
    let err = "";
    child.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the other process exited with ${code}: ${err}`));
    });
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** The PID of a process that has certainly finished. */
async function pidOfFinishedProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  if (!child.pid) throw new Error("no pid");
  return child.pid;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mg-lock-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await Promise.all(children.map(kill));
});

describe("lockDataDir", () => {
  it("writes this process's PID into madoguchi.lock and removes the file on release", () => {
    const release = lockDataDir(dir);
    const lockPath = join(dir, "madoguchi.lock");
    expect(readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("creates the data directory when it does not exist yet", () => {
    const nested = join(dir, "a", "b");
    const release = lockDataDir(nested);
    expect(existsSync(join(nested, "madoguchi.lock"))).toBe(true);
    release();
  });

  it("refuses a second lock while another process holds it, naming that process's PID", async () => {
    const other = await holdLockInAnotherProcess(dir);
    let caught: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataDirLockedError);
    const error = caught as DataDirLockedError;
    expect(error.pid).toBe(other.pid);
    expect(error.code).toBe("DATA_DIR_LOCKED");
    expect(error.message).toContain(`PID ${other.pid}`);
    expect(error.message).toContain("別のプロセス");
    expect(error.message).toContain("in use by another process");
    expect(readFileSync(join(dir, "madoguchi.lock"), "utf8")).toBe(String(other.pid));
  });

  it("takes over a lock left by a process that was killed", async () => {
    const other = await holdLockInAnotherProcess(dir);
    await kill(other);
    expect(readFileSync(join(dir, "madoguchi.lock"), "utf8")).toBe(String(other.pid));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "madoguchi.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over a lock whose PID no longer runs", async () => {
    writeFileSync(join(dir, "madoguchi.lock"), String(await pidOfFinishedProcess()));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "madoguchi.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over a lock file that holds no PID", () => {
    writeFileSync(join(dir, "madoguchi.lock"), "not a pid");
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "madoguchi.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("refuses a second lock taken by the same process until the first is released", () => {
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    const again = lockDataDir(dir);
    again();
  });

  it("releasing twice leaves a lock taken in between alone", () => {
    const first = lockDataDir(dir);
    first();
    const second = lockDataDir(dir);
    first();
    expect(readFileSync(join(dir, "madoguchi.lock"), "utf8")).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    second();
  });
});
