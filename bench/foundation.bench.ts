// Issue 2 figures: start-up to a healthy /healthz (first and later start) and memory; requests/s of
// GET /healthz and of an authenticated page under 50 connections, each beside a bare node:http JSON
// handler measured in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, freePort, load, spawnNode, waitHealthy } from "./support";

const bareServer = `
const http = require("node:http");
http.createServer((req, res) => {
  const body = JSON.stringify({ status: "ok" });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

async function startMadoguchi(dataDir: string, extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const since = performance.now();
  const server = spawnNode(["bin/madoguchi.mjs", "serve"], {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...extraEnv,
  });
  const ms = await waitHealthy(`http://127.0.0.1:${port}/healthz`, since);
  return { server, port, ms };
}

async function signInCookie(base: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${base}/signin`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  const res = await fetch(`${base}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ username, password, _csrf: token }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("mg_session="));
  if (res.status !== 303 || !session) throw new Error(`sign-in failed: ${res.status}`);
  return session.split(";")[0] ?? "";
}

export default async function bench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-bench-"));
  try {
    // Baseline start-up: a bare node:http process to its first 200.
    const barePort = await freePort();
    const bareSince = performance.now();
    const bare = spawnNode(["-e", bareServer], { PORT: String(barePort) });
    const bareStartMs = await waitHealthy(`http://127.0.0.1:${barePort}/`, bareSince);

    const first = await startMadoguchi(dataDir);
    const firstRss = first.server.peakRssMiB();
    const password = first.server.output().match(/kumamoto-counter\s+counter\s+(\S+)/)?.[1];
    await first.server.stop();

    const later = await startMadoguchi(dataDir);
    const laterRss = later.server.peakRssMiB();
    console.log(`start-up, bare node:http            ${fmt(bareStartMs)} ms`);
    console.log(
      `start-up, first (create+migrate+seed) ${fmt(first.ms)} ms  peak RSS ${fmt(firstRss)} MiB  (${fmt(first.ms / bareStartMs, 1)}× bare)`,
    );
    console.log(
      `start-up, later                     ${fmt(later.ms)} ms  peak RSS ${fmt(laterRss)} MiB  (${fmt(later.ms / bareStartMs, 1)}× bare; target ≤ 2000 ms)`,
    );

    if (!password) throw new Error("the demo password was not printed on first start");
    const base = `http://127.0.0.1:${later.port}`;
    const cookie = await signInCookie(base, "kumamoto-counter", password);

    const bareLoad = await load(`http://127.0.0.1:${barePort}/`);
    const health = await load(`${base}/healthz`);
    const page = await load(`${base}/`, { headers: { cookie } });
    const line = (name: string, r: Awaited<ReturnType<typeof load>>) =>
      console.log(
        `${name.padEnd(36)} ${fmt(r.rps).padStart(7)} req/s  p99 ${fmt(r.p99)} ms  ratio ${fmt(r.rps / bareLoad.rps, 2)}× bare  (errors ${r.errors}, non-2xx ${r.non2xx})`,
      );
    console.log("throughput, 50 connections, 5 s each (PGlite):");
    line("bare node:http JSON handler", bareLoad);
    line("GET /healthz", health);
    line("GET / (signed-in staff home)", page);
    console.log(
      `  target: authenticated page ≥ 0.30× bare → ${page.rps / bareLoad.rps >= 0.3 ? "met" : "NOT met"}`,
    );
    await later.server.stop();
    await bare.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
