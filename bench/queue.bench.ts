// Issue 7 figures, with 2,000 display and phone SSE streams held by a load client on loopback (half
// displays, half phone pages; QUEUE_BENCH_STREAMS scales it): the time from a counter's call to the
// last client receiving it (p50 and p99 over the calls, and over every delivery), memory per stream
// (server RSS delta / streams), and ticket issues per second from 50 concurrent kiosks — each beside a
// bare node:http SSE broadcast server measured in the same run. PGlite by default; with DATABASE_URL,
// PostgreSQL with two server processes (streams split between them, calls made on one: LISTEN/NOTIFY
// carries them across). Targets: p99 ≤ 1 s; ≤ 20 KB per stream. Everything stops by itself.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { type ClientRequest, type IncomingMessage, request } from "node:http";
import pg from "pg";
import { fmt, freePort } from "./support";

const STREAMS = Number(process.env.QUEUE_BENCH_STREAMS ?? "2000");
const CALLS = 10;
const ISSUES = 1_000;
const KIOSKS = 50;
const PER_ADDRESS = 50;
const USER = "bench.queue.counter";
const PASSWORD = "bench correct horse battery staple";

// A board payload of the size the display receives (about 1.2 KB).
const bareServer = `
const http = require("node:http");
const payload = JSON.stringify({ seq: 0, calls: Array.from({ length: 6 }, (_, i) => ({ seq: i, number: 100 + i,
  counterNumber: 1, counterJa: "ワンストップ窓口 1番", counterEn: "One-stop counter 1", active: i === 0 })),
  waits: Array.from({ length: 4 }, (_, i) => ({ code: "p" + i, labelJa: "ワンストップ（引越し）", labelEasy: "ひっこし",
  labelEn: "One-stop: moving house", waiting: 12, min: 20, max: 60 })), announce: [] });
const clients = new Set();
let seq = 0;
let issued = 0;
const server = http.createServer((req, res) => {
  if (req.url === "/events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write("retry: 1000\\n\\nid: " + seq + "\\nevent: board\\ndata: " + payload + "\\n\\n");
    clients.add(res);
    res.on("close", () => clients.delete(res));
    return;
  }
  if (req.url === "/call") {
    seq++;
    const frame = Buffer.from("id: " + seq + "\\nevent: board\\ndata: " + payload + "\\n\\n");
    for (const c of clients) c.write(frame);
    res.end("ok");
    return;
  }
  if (req.url === "/issue") {
    req.resume();
    req.on("end", () => {
      issued++;
      const body = "<p>" + issued + "</p>";
      res.writeHead(200, { "content-type": "text/html", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
    return;
  }
  res.writeHead(404).end();
});
server.maxConnections = 10000;
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("message", (m) => {
  if (m.cmd === "rss") { global.gc?.(); setTimeout(() => { global.gc?.(); process.send({ rss: process.memoryUsage().rss }); }, 300); }
  if (m.cmd === "stop") { for (const c of clients) c.destroy(); server.close(() => process.exit(0)); }
});
process.send({ ready: true });
`;

interface Child {
  proc: ChildProcess;
  port: number;
  ready: Record<string, unknown>;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--expose-gc", ...args], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("child did not start")), timeoutMs);
    proc.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
    proc.on("message", (m: Record<string, unknown>) => {
      if (m.ready) {
        clearTimeout(timer);
        resolve(m);
      }
    });
  });
  return {
    proc,
    port,
    ready,
    rss: () =>
      new Promise((resolve) => {
        const on = (m: { rss?: number }) => {
          if (m.rss === undefined) return;
          proc.off("message", on);
          resolve(m.rss);
        };
        proc.on("message", on);
        proc.send({ cmd: "rss" });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const kill = setTimeout(() => proc.kill("SIGKILL"), 10_000);
        proc.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        proc.send({ cmd: "stop" });
      }),
  };
}

interface Reply {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

function http(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          ...(options.body ? { "content-length": String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
        agent: false,
        localAddress: options.localAddress,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const cookiesOf = (r: Reply) => (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (cookie: string) => ({ "content-type": "application/x-www-form-urlencoded", cookie });

interface Stream {
  req: ClientRequest;
  kind: "display" | "phone";
  /** Arrival times of the last frames (performance.now()). */
  times: number[];
  frames: number;
  status: string;
}

/** Loopback source addresses, so that each stays within the public endpoints' per-address budget. */
const address = (i: number) =>
  `127.0.${Math.floor(i / PER_ADDRESS / 250)}.${2 + (Math.floor(i / PER_ADDRESS) % 250)}`;

function openStream(port: number, path: string, kind: Stream["kind"], localAddress: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = {
      req: undefined as unknown as ClientRequest,
      kind,
      times: [],
      frames: 0,
      status: "",
    };
    let buffer = "";
    stream.req = request({ host: "127.0.0.1", port, path, agent: false, localAddress }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${path}: ${res.statusCode}`));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes("event: ")) continue;
          stream.frames++;
          stream.times.push(at);
          if (stream.times.length > 64) stream.times.shift();
          if (kind === "phone") {
            const data = block.slice(block.indexOf("data: ") + 6);
            stream.status = (JSON.parse(data) as { status: string }).status;
          }
        }
      });
      resolve(stream);
    });
    stream.req.on("error", reject);
    stream.req.end();
  });
}

async function openStreams(
  plan: Array<{ port: number; path: string; kind: Stream["kind"] }>,
): Promise<Stream[]> {
  const streams: Stream[] = [];
  // In batches, so as not to overflow the listen backlog.
  for (let i = 0; i < plan.length; i += 200) {
    const batch = plan.slice(i, i + 200).map((p, j) => openStream(p.port, p.path, p.kind, address(i + j)));
    streams.push(...(await Promise.all(batch)));
  }
  const deadline = performance.now() + 30_000;
  while (streams.some((s) => s.frames === 0)) {
    if (performance.now() > deadline) throw new Error("streams did not all receive their first frame");
    await sleep(20);
  }
  return streams;
}

const phase = (name: string) => {
  if (process.env.QUEUE_BENCH_DEBUG) console.error(`[queue bench] ${name}`);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until no stream has received anything for `quietMs`. */
async function settle(streams: Stream[], quietMs = 250): Promise<void> {
  for (;;) {
    const last = Math.max(...streams.map((s) => s.times.at(-1) ?? 0));
    if (performance.now() - last >= quietMs) return;
    await sleep(quietMs / 2);
  }
}

/** Triggers one call and returns each expected stream's delivery time (ms after the trigger started). */
async function measureDelivery(streams: Stream[], trigger: () => Promise<void>): Promise<number[]> {
  const expected = streams.filter((s) => s.kind === "display" || s.status === "waiting");
  const before = expected.map((s) => s.frames);
  const t0 = performance.now();
  await trigger();
  const deadline = t0 + 15_000;
  while (expected.some((s, i) => s.frames === before[i])) {
    if (performance.now() > deadline) {
      const missing = expected.filter((s, i) => s.frames === before[i]).length;
      throw new Error(`${missing} of ${expected.length} streams did not receive the call`);
    }
    await sleep(5);
  }
  return expected.map((s) => (s.times.find((t) => t >= t0) ?? Number.NaN) - t0);
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};

/** `total` requests from `workers` concurrent clients, each on its own loopback address; returns per second. */
async function issueRate(
  workers: number,
  total: number,
  prepare: (localAddress: string) => Promise<() => Promise<number>>,
): Promise<{ perSecond: number; failed: number }> {
  const senders = await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      const localAddress = `127.0.200.${i + 2}`;
      // A connection per request: a kept-alive socket idle past the server's keep-alive timeout
      // would be reset under the client's feet while the others queue.
      return { send: await prepare(localAddress) };
    }),
  );
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    senders.map(async ({ send }) => {
      while (next < total) {
        next++;
        if ((await send()) !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, failed };
}

interface Figures {
  lastP50: number;
  lastP99: number;
  allP50: number;
  allP99: number;
  kbPerStream: number;
  issuesPerSecond: number;
  issueFailures: number;
}

/** Opens and closes a few streams and calls once, so that the baseline memory is that of a warm server. */
async function warmUp(
  plan: Array<{ port: number; path: string; kind: Stream["kind"] }>,
  call: () => Promise<void>,
) {
  const streams = await openStreams(plan.slice(0, 100));
  await measureDelivery(streams, call);
  for (const s of streams) s.req.destroy();
  await sleep(300);
}

async function measureBare(): Promise<Figures> {
  const bare = await startChild(["-e", bareServer], {});
  try {
    const plan = Array.from({ length: STREAMS }, () => ({
      port: bare.port,
      path: "/events",
      kind: "display" as const,
    }));
    const call = async () => {
      await http(bare.port, "POST", "/call");
    };
    await warmUp(plan, call);
    const rssBefore = await bare.rss();
    phase("bare: streams");
    const streams = await openStreams(plan);
    await measureDelivery(streams, call);
    const rssAfter = await bare.rss();
    phase("bare: calls");
    const lasts: number[] = [];
    const all: number[] = [];
    for (let c = 0; c < CALLS; c++) {
      await settle(streams);
      const deliveries = await measureDelivery(streams, call);
      lasts.push(Math.max(...deliveries));
      all.push(...deliveries);
    }
    for (const s of streams) s.req.destroy();
    phase("bare: issues");
    const issues = await issueRate(
      KIOSKS,
      ISSUES,
      async (localAddress) => async () =>
        (await http(bare.port, "POST", "/issue", { body: "purposeId=x", localAddress })).status,
    );
    return {
      lastP50: percentile(lasts, 0.5),
      lastP99: percentile(lasts, 0.99),
      allP50: percentile(all, 0.5),
      allP99: percentile(all, 0.99),
      kbPerStream: (rssAfter - rssBefore) / STREAMS / 1024,
      issuesPerSecond: issues.perSecond,
      issueFailures: issues.failed,
    };
  } finally {
    await bare.stop();
  }
}

async function signIn(port: number, counterId: string): Promise<string> {
  const page = await http(port, "GET", "/signin");
  const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  const signed = await http(port, "POST", "/signin", {
    headers: formHeaders(cookiesOf(page)),
    body: form({ username: USER, password: PASSWORD, _csrf: token }),
  });
  const session = cookiesOf(signed);
  if (signed.status !== 303 || !session.includes("mg_session="))
    throw new Error(`sign-in failed: ${signed.status}`);
  const home = await http(port, "GET", "/", { headers: { cookie: session } });
  const csrf = home.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  const chosen = await http(port, "POST", "/session/counter", {
    headers: formHeaders(session),
    body: form({ counterId, _csrf: csrf }),
  });
  if (chosen.status !== 303) throw new Error(`choosing the counter failed: ${chosen.status}`);
  return session;
}

async function measureMadoguchi(url: string | undefined): Promise<Figures & { processes: number }> {
  const processes = url ? 2 : 1;
  const phones = Math.floor(STREAMS / 2);
  const env: Record<string, string> = url ? { DATABASE_URL: url } : {};
  const primary = await startChild(["--import", "tsx", "bench/queue-server.ts"], {
    ...env,
    ROLE: "primary",
    PHONE_TICKETS: String(phones),
  });
  const secondary = url
    ? await startChild(["--import", "tsx", "bench/queue-server.ts"], { ...env, ROLE: "secondary" })
    : undefined;
  const servers = secondary ? [primary, secondary] : [primary];
  try {
    const officeId = String(primary.ready.officeId);
    const purposeId = String(primary.ready.purposeId);
    const tokens = primary.ready.tokens as string[];
    const session = await signIn(primary.port, String(primary.ready.counterId));

    const plan = Array.from({ length: STREAMS }, (_, i) => {
      const server = servers[i % servers.length] as Child;
      return i < STREAMS - phones
        ? { port: server.port, path: `/queue/offices/${officeId}/display/events`, kind: "display" as const }
        : {
            port: server.port,
            path: `/queue/t/${tokens[i - (STREAMS - phones)]}/events`,
            kind: "phone" as const,
          };
    });
    const counterPage = async () =>
      (await http(primary.port, "GET", "/queue/counter", { headers: { cookie: session } })).body;
    /** One call, and the called ticket marked absent afterwards (not timed) to free the counter. */
    const callOnce = async (streams: Stream[]) => {
      const csrf = (await counterPage()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
      const deliveries = await measureDelivery(streams, async () => {
        const r = await http(primary.port, "POST", "/queue/counter/call", {
          headers: formHeaders(session),
          body: form({ _csrf: csrf }),
        });
        if (r.status !== 303) throw new Error(`call failed: ${r.status}`);
      });
      const ticket = (await counterPage()).match(/\/queue\/tickets\/([0-9a-f-]{36})\/absent/)?.[1] ?? "";
      await http(primary.port, "POST", `/queue/tickets/${ticket}/absent`, {
        headers: formHeaders(session),
        body: form({ _csrf: csrf }),
      });
      await settle(streams);
      return deliveries;
    };

    const warm = await openStreams(plan.slice(0, 100));
    await callOnce(warm);
    for (const s of warm) s.req.destroy();
    await sleep(300);
    const rssBefore = await Promise.all(servers.map((s) => s.rss()));
    phase("madoguchi: streams");
    const streams = await openStreams(plan);
    await callOnce(streams);
    const rssAfter = await Promise.all(servers.map((s) => s.rss()));

    phase("madoguchi: calls");
    const lasts: number[] = [];
    const all: number[] = [];
    for (let c = 0; c < CALLS; c++) {
      const deliveries = await callOnce(streams);
      lasts.push(Math.max(...deliveries));
      all.push(...deliveries);
    }
    for (const s of streams) s.req.destroy();

    phase("madoguchi: issues");
    // Issues per second: 50 kiosks (one address each) issuing 1,000 tickets between them, spread over
    // the server processes as a load balancer would.
    let kiosk = 0;
    const issues = await issueRate(KIOSKS, ISSUES, async (localAddress) => {
      const port = (servers[kiosk++ % servers.length] as Child).port;
      const page = await http(port, "GET", `/queue/offices/${officeId}/kiosk`, { localAddress });
      const cookie = cookiesOf(page);
      const csrf = cookie.match(/mg_csrf=([^;]+)/)?.[1] ?? "";
      return async () =>
        (
          await http(port, "POST", `/queue/offices/${officeId}/kiosk`, {
            headers: formHeaders(cookie),
            body: form({ purposeId, _csrf: csrf }),
            localAddress,
          })
        ).status;
    });
    const delta = rssAfter.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0);
    return {
      processes,
      lastP50: percentile(lasts, 0.5),
      lastP99: percentile(lasts, 0.99),
      allP50: percentile(all, 0.5),
      allP99: percentile(all, 0.99),
      kbPerStream: delta / STREAMS / 1024,
      issuesPerSecond: issues.perSecond,
      issueFailures: issues.failed,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export default async function bench(): Promise<void> {
  const base = process.env.DATABASE_URL;
  let url: string | undefined;
  let name = "";
  if (base) {
    name = `mg_bench_queue_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  try {
    const bare = await measureBare();
    const mado = await measureMadoguchi(url);
    const engine = url ? `PostgreSQL, ${mado.processes} server processes` : "PGlite, 1 server process";
    const phones = Math.floor(STREAMS / 2);
    console.log(
      `${fmt(STREAMS)} SSE streams (${fmt(STREAMS - phones)} display + ${fmt(phones)} phone) on loopback; ${engine}`,
    );
    const row = (label: string, m: number, b: number, unit: string, digits = 0) =>
      console.log(
        `${label.padEnd(44)} ${fmt(m, digits).padStart(8)} ${unit.padEnd(9)} bare ${fmt(b, digits).padStart(8)} ${unit}`,
      );
    row(`call → last client, p50 over ${CALLS} calls`, mado.lastP50, bare.lastP50, "ms", 1);
    row(`call → last client, p99 over ${CALLS} calls`, mado.lastP99, bare.lastP99, "ms", 1);
    row("call → each client, p50 of all deliveries", mado.allP50, bare.allP50, "ms", 1);
    row("call → each client, p99 of all deliveries", mado.allP99, bare.allP99, "ms", 1);
    row("memory per stream (RSS delta / streams)", mado.kbPerStream, bare.kbPerStream, "KB", 1);
    row(
      `ticket issues/s, ${KIOSKS} kiosks, ${fmt(ISSUES)} tickets`,
      mado.issuesPerSecond,
      bare.issuesPerSecond,
      "/s",
    );
    if (mado.issueFailures + bare.issueFailures > 0)
      console.log(`  issue failures: madoguchi ${mado.issueFailures}, bare ${bare.issueFailures}`);
    console.log(
      `  targets: p99 ≤ 1000 ms → ${mado.lastP99 <= 1000 ? "met" : "NOT met"}; ≤ 20 KB per stream → ${mado.kbPerStream <= 20 ? "met" : "NOT met"}`,
    );
  } finally {
    if (base && name) {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}
