// Issue 7 figures, with 2,000 display and phone SSE streams held by a load client on loopback (half
// displays, half phone pages; QUEUE_BENCH_STREAMS scales it): the time from a counter's call to the
// last client receiving it (p50 and p99 over the calls, and over every delivery), memory per stream
// (server RSS delta / streams), and ticket issues per second from 50 concurrent kiosks — each beside a
// bare node:http SSE broadcast server measured in the same run. PGlite by default; with DATABASE_URL,
// PostgreSQL with two server processes (streams split between them, calls made on one: LISTEN/NOTIFY
// carries them across). Targets: p99 ≤ 1 s; ≤ 20 KB per stream. Everything stops by itself.
// Issue 20: ticket issues/s beside the bare server's (target ≥ 0.3× on PostgreSQL; each side first issues
// WARM_ISSUES untimed, so both are measured warm), and the receipt's
// cost (the ticket's place counted on its lane) at 100 and 5,000 tickets of the day, beside the board
// recompute the receipt used before and a `select 1` round trip, in the same run.
import { type ChildProcess, spawn } from "node:child_process";
import { type ClientRequest, type IncomingMessage, request } from "node:http";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/database";
import { issueTicket, placeOnLane } from "../src/queue/issue-ticket";
import { loadBoard } from "../src/queue/load-board";
import { alwaysOpen, seedQueue } from "../src/queue/queue.seed";
import { kumamotoSeed } from "../src/tenancy/kumamoto.seed";
import { seedMunicipality } from "../src/tenancy/municipality-seed";
import { fmt, freePort, scratchDatabase } from "./support";

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
  // QUEUE_BENCH_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it stops.
  const profile = process.env.QUEUE_BENCH_CPU_PROF;
  const proc = spawn(
    process.execPath,
    ["--expose-gc", ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []), ...args],
    {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
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

/** Tickets issued untimed before the timed run, from other addresses: the timed run measures a warm server. */
const WARM_ISSUES = 300;

/**
 * `total` requests from `workers` concurrent clients, each on its own loopback address; returns per
 * second. `block` picks the addresses (127.0.<block>.x): a warm-up and the timed run use different ones,
 * so that neither spends the other's per-address budget.
 */
async function issueRate(
  workers: number,
  total: number,
  prepare: (localAddress: string) => Promise<() => Promise<number>>,
  block = 200,
): Promise<{ perSecond: number; failed: number }> {
  const senders = await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      const localAddress = `127.0.${block}.${i + 2}`;
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
    const kiosk = async (localAddress: string) => async () =>
      (await http(bare.port, "POST", "/issue", { body: "purposeId=x", localAddress })).status;
    await issueRate(KIOSKS, WARM_ISSUES, kiosk, 201);
    const issues = await issueRate(KIOSKS, ISSUES, kiosk);
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
    const kioskOf = async (localAddress: string) => {
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
    };
    await issueRate(KIOSKS, WARM_ISSUES, kioskOf, 201);
    const issues = await issueRate(KIOSKS, ISSUES, kioskOf);
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

interface ReceiptCost {
  tickets: number;
  waiting: number;
  placeMs: number;
  boardMs: number;
  roundTripMs: number;
}

/** Mean milliseconds of `fn` over `n` runs, after a few warm-up runs. */
async function meanMs(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

/**
 * The receipt's cost as the day fills: `tickets` of one purpose today, of which `waiting` still wait
 * and the rest finished within the hour (what the old receipt's board read), then one more issued; its
 * place on the lane (what the receipt now prints), the whole board (what it recomputed before), and a
 * bare round trip, each a mean in the same run.
 */
async function measureReceipts(url: string | undefined): Promise<ReceiptCost[]> {
  const database = url
    ? await openDatabase({ kind: "postgres", url, max: 4 })
    : await openDatabase({ kind: "pglite" });
  const db = database.db;
  try {
    await database.migrate();
    await seedMunicipality(db, kumamotoSeed);
    await seedQueue(db, kumamotoSeed.id, {
      officeCodes: ["chuo"],
      seed: {
        hours: alwaysOpen,
        purposes: [
          {
            code: "bench",
            labels: { ja: "負荷試験", en: "Load test" },
            bandStart: 1,
            bandEnd: 9999,
            defaultServiceMinutes: 10,
            counters: [1],
          },
        ],
      },
    });
    const rows = await db.execute(sql`select o.id as office, p.id as purpose from offices o
      join queue_purposes p on p.office_id = o.id where o.municipality_id = ${kumamotoSeed.id} and o.code = 'chuo'`);
    const ids = (rows as unknown as { rows: Array<{ office: string; purpose: string }> }).rows[0];
    if (!ids) throw new Error("receipt bench office not set up");
    const out: ReceiptCost[] = [];
    for (const [tickets, waiting] of [
      [100, 20],
      [5_000, 20],
      [5_000, 5_000],
    ] as const) {
      await db.execute(sql`delete from queue_ticket_events`);
      await db.execute(sql`delete from queue_tickets`);
      await db.execute(sql`delete from queue_daily_numbers`);
      const now = new Date();
      const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(now);
      // Numbers 1…tickets: the first ones finished in the last hour, the last `waiting` still waiting.
      await db.execute(sql`insert into queue_tickets (municipality_id, office_id, purpose_id, service_date, number,
          kind, status, token_hash, waiting_since, issued_at, finished_at, counter_id)
        select ${kumamotoSeed.id}, ${ids.office}::uuid, ${ids.purpose}::uuid, ${day}::date, n, 'normal',
          case when n > ${tickets - waiting}::integer then 'waiting' else 'done' end, md5(random()::text || n),
          ${now.toISOString()}::timestamptz - make_interval(secs => ${tickets}::integer - n),
          ${now.toISOString()}::timestamptz - make_interval(secs => ${tickets}::integer - n),
          case when n > ${tickets - waiting}::integer then null
            else ${now.toISOString()}::timestamptz - make_interval(secs => (${tickets}::integer - n) / 2) end,
          null
        from generate_series(1, ${tickets}::integer) n`);
      await db.execute(sql`insert into queue_daily_numbers (municipality_id, office_id, purpose_id, service_date, last_number)
        values (${kumamotoSeed.id}, ${ids.office}::uuid, ${ids.purpose}::uuid, ${day}::date, ${tickets}::integer)`);
      await db.execute(sql`analyze queue_tickets`);
      const issued = await issueTicket(db, {
        municipalityId: kumamotoSeed.id,
        officeId: ids.office,
        purposeId: ids.purpose,
        now,
      });
      if (issued.place.ahead !== waiting) throw new Error(`ahead ${issued.place.ahead}, expected ${waiting}`);
      const placeMs = await meanMs(200, () => placeOnLane(db, issued.ticket, now));
      const boardMs = await meanMs(30, () =>
        loadBoard(db, { municipalityId: kumamotoSeed.id, officeId: ids.office, now }),
      );
      const roundTripMs = await meanMs(200, () => db.execute(sql`select 1`));
      out.push({ tickets: tickets + 1, waiting: waiting + 1, placeMs, boardMs, roundTripMs });
    }
    return out;
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  const base = process.env.DATABASE_URL;
  // One database for the servers, another for the receipt measures.
  const servers = base ? await scratchDatabase(base, "mg_bench_queue") : undefined;
  const receiptDb = base ? await scratchDatabase(base, "mg_bench_queue_r") : undefined;
  const url = servers?.url;
  const receiptUrl = receiptDb?.url;
  try {
    const bare = await measureBare();
    const mado = await measureMadoguchi(url);
    phase("receipts");
    const receipts = await measureReceipts(receiptUrl);
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
    console.log(
      `  issues/s ÷ bare: ${fmt(mado.issuesPerSecond / bare.issuesPerSecond, 3)}× (target ≥ 0.3× on PostgreSQL)`,
    );
    for (const r of receipts)
      console.log(
        `receipt at ${fmt(r.tickets).padStart(5)} tickets (${fmt(r.waiting).padStart(5)} on the lane): place on lane ${fmt(r.placeMs, 2).padStart(6)} ms; old board recompute ${fmt(r.boardMs, 2).padStart(7)} ms; select 1 ${fmt(r.roundTripMs, 2)} ms`,
      );
    if (mado.issueFailures + bare.issueFailures > 0)
      console.log(`  issue failures: madoguchi ${mado.issueFailures}, bare ${bare.issueFailures}`);
    console.log(
      `  targets: p99 ≤ 1000 ms → ${mado.lastP99 <= 1000 ? "met" : "NOT met"}; ≤ 20 KB per stream → ${mado.kbPerStream <= 20 ? "met" : "NOT met"}`,
    );
  } finally {
    await servers?.drop();
    await receiptDb?.drop();
  }
}
