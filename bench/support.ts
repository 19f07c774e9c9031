import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon from "autocannon";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/database";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Peak resident memory of the child so far (VmHWM), in MiB. */
  peakRssMiB: () => number;
  stop: () => Promise<void>;
}

export function spawnNode(args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return {
    child,
    output: () => out,
    peakRssMiB: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
        return kb / 1024;
      } catch {
        return Number.NaN;
      }
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

/** Polls a URL until it answers 200; returns the milliseconds from `since`. */
export async function waitHealthy(url: string, since: number, timeoutMs = 60_000): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - since;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

export async function load(
  url: string,
  options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.seconds ?? 5,
    headers: options.headers ?? {},
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Runs `measure` on embedded PGlite, then on a scratch database made on DATABASE_URL's PostgreSQL
 * server and dropped after (each engine in the same run). Without DATABASE_URL, or when the server
 * cannot be reached, the PostgreSQL part is skipped with the reason printed.
 */
export async function onEachEngine(
  label: string,
  measure: (engine: "PGlite" | "PostgreSQL", database: Database) => Promise<void>,
): Promise<void> {
  const pglite = await openDatabase({ kind: "pglite" });
  try {
    await measure("PGlite", pglite);
  } finally {
    await pglite.close();
  }
  const base = process.env.DATABASE_URL;
  if (!base) {
    console.log(
      `${label} (PostgreSQL): skipped — set DATABASE_URL to a server this bench may create a database on`,
    );
    return;
  }
  let scratch: ScratchDatabase;
  try {
    scratch = await scratchDatabase(base, "mg_bench");
  } catch (error) {
    console.log(`${label} (PostgreSQL): skipped — cannot connect to ${base}: ${(error as Error).message}`);
    return;
  }
  const postgres = await openDatabase({ kind: "postgres", url: scratch.url });
  try {
    await measure("PostgreSQL", postgres);
  } finally {
    await postgres.close();
    await scratch.drop();
  }
}

export interface ScratchDatabase {
  /** DATABASE_URL with the scratch database's name. */
  url: string;
  /** Drops it, closing whatever is still connected. */
  drop(): Promise<void>;
}

/** A new, empty database on `base`'s PostgreSQL server, named `<prefix>_<random>`, for one bench run. */
export async function scratchDatabase(base: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
