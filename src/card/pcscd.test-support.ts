// Test and bench support: a pcscd with the vsmartcard virtual reader, started as a child when none runs.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";

export const PCSCD = "/usr/sbin/pcscd";
export const VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
const SOCKET = "/run/pcscd/pcscd.comm";

/** Why the PC/SC end-to-end test cannot run here, or undefined when it can. */
export function pcscUnavailable(): string | undefined {
  if (!existsSync(PCSCD)) return `pcscd is not installed (${PCSCD}): apt-get install pcscd`;
  if (!existsSync(VPCD_DRIVER))
    return `the vpcd virtual reader is not installed (${VPCD_DRIVER}): apt-get install vsmartcard-vpcd`;
  try {
    createRequire(import.meta.url)("@pokusew/pcsclite");
  } catch {
    return "the optional @pokusew/pcsclite binding is not built (install libpcsclite-dev, then npm install)";
  }
  if (typeof process.getuid === "function" && process.getuid() !== 0 && !existsSync(SOCKET))
    return "pcscd is not running and only root can start it (its socket lives in /run/pcscd)";
  return undefined;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });

/**
 * Ensures pcscd runs with vpcd listening on `port`; starts `pcscd --foreground` as a child when it
 * does not. Returns a stop function that ends only the child it started.
 */
export async function ensurePcscd(port: number): Promise<{ stop: () => Promise<void>; started: boolean }> {
  if (await listening(port)) return { stop: async () => undefined, started: false };
  const child: ChildProcess = spawn(PCSCD, ["--foreground", "--error"], { stdio: "ignore" });
  for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await listening(port))) {
    child.kill("SIGTERM");
    throw new Error(`pcscd started but vpcd does not listen on 127.0.0.1:${port}`);
  }
  return {
    started: true,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
