import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pino, { type Logger } from "pino";
import { staff } from "../../src/auth/auth.table";
import type { Database, Db } from "../../src/db/database";
import type { DestinationCatalog } from "../../src/handoff/destination.schema";
import { enqueueDeliveries } from "../../src/handoff/enqueue-deliveries";
import { applications, visits } from "../../src/visits/visits.table";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** A shared secret long enough for the start-up check. */
export const TEST_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/** Rows of a raw query: both engines answer with `{ rows }`. */
export async function rowsOf<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

export const member = {
  id: "m0",
  relation: "head",
  name: "𠮷田 太郎",
  kana: "ヨシダ タロウ",
  birthDate: "1990-05-01",
  sex: "male",
  insurance: "kokuho",
  moving: true,
};

/**
 * Accepted applications written straight into the tables (no forms rendered), each with its outbox
 * rows enqueued in the same transaction as acceptVisit does. Returns the application ids.
 */
export async function seedApplications(
  db: Db,
  options: {
    municipalityId?: string;
    count: number;
    procedures: string[];
    officeCode?: string;
    batch?: number;
  },
): Promise<string[]> {
  const municipalityId = options.municipalityId ?? "kumamoto";
  const [office] = await rowsOf<{ id: string }>(
    db,
    sql`select id from offices where municipality_id = ${municipalityId} and code = ${options.officeCode ?? "chuo"}`,
  );
  if (!office) throw new Error("no office");
  const username = `handoff-seed-${municipalityId}`;
  await db
    .insert(staff)
    .values({
      municipalityId,
      username,
      displayName: username,
      role: "counter",
      officeId: office.id,
      passwordHash: "-",
    })
    .onConflictDoNothing();
  const [creator] = await rowsOf<{ id: string }>(db, sql`select id from staff where username = ${username}`);
  if (!creator) throw new Error("no staff");
  const ids: string[] = [];
  const batch = options.batch ?? 100;
  for (let start = 0; start < options.count; start += batch) {
    const n = Math.min(batch, options.count - start);
    await db.transaction(async (tx) => {
      const visitRows = await tx
        .insert(visits)
        .values(
          Array.from({ length: n }, () => ({
            municipalityId,
            officeId: office.id,
            state: "accepted" as const,
            household: { event: { type: "move-in", date: "2026-04-06" }, members: [member] },
            createdBy: creator.id,
          })),
        )
        .returning({ id: visits.id });
      const apps = await tx
        .insert(applications)
        .values(
          visitRows.map((v, i) => {
            const procedureId = options.procedures[(start + i) % options.procedures.length] as string;
            return {
              municipalityId,
              visitId: v.id,
              procedureId,
              members: ["m0"],
              data: {
                procedureId,
                name: procedureId,
                event: { type: "move-in", date: "2026-04-06", origin: "other-municipality" },
                members: [member],
                answers: {
                  newAddress: "熊本市中央区手取本町1-1",
                  newPostalCode: "8600806",
                  phone: "0963281111",
                },
                deadline: "2026-04-20",
                contentHash: "0".repeat(64),
              },
              formPdf: new Uint8Array([37, 80, 68, 70]),
              contentHash: "f".repeat(64),
              status: "accepted" as const,
            };
          }),
        )
        .returning({
          id: applications.id,
          visitId: applications.visitId,
          procedureId: applications.procedureId,
        });
      await enqueueDeliveries(tx, { municipalityId, applications: apps });
      ids.push(...apps.map((a) => a.id));
    });
  }
  return ids;
}

export async function stateCounts(db: Db): Promise<Record<string, number>> {
  const rows = await rowsOf<{ state: string; n: number }>(
    db,
    sql`select state, count(*)::int as n from handoff_deliveries group by state`,
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An HTTP destination to `url` and a Shift_JIS file drop, for juki.* and kokuho.* procedures. */
export function testCatalog(url: string, municipalityId = "kumamoto"): DestinationCatalog {
  return {
    municipalities: {
      [municipalityId]: {
        destinations: [
          {
            id: "core-api",
            kind: "http",
            label: { ja: "基幹API", en: "Core API" },
            url,
            procedures: ["juki.*", "kokuho.*"],
          },
          {
            id: "juki-file",
            kind: "file",
            label: { ja: "住民記録ファイル", en: "Resident file" },
            folder: "juki",
            encoding: "shift_jis",
            layout: "juki",
            procedures: ["juki.*"],
          },
        ],
      },
    },
  };
}

/** A logger that keeps its JSON lines, to look for alerts. */
export function capturingLogger(level = "info"): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** The URL of the database a test database handle points at (PostgreSQL only). */
export function urlOf(database: Database): string {
  const url = (database.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
  return url;
}

/** A TCP proxy in front of PostgreSQL that a test can take down (dropping every connection) and bring back. */
export async function startProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    const s = createServer((client) => {
      const upstream = netConnect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("error", () => {});
        socket.on("close", () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
    const address = s.address();
    if (!address || typeof address === "string") throw new Error("no port");
    port = address.port;
    server = s;
  };
  await listen();
  return {
    port: () => port,
    async down() {
      const s = server;
      server = undefined;
      if (!s) return;
      const closed = new Promise((resolve) => s.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    up: listen,
  };
}

export interface WorkerChild {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node bin/madoguchi.mjs worker` against a database, as an operator starts it. */
export function spawnWorker(env: Record<string, string>): WorkerChild {
  const child = spawn(process.execPath, ["bin/madoguchi.mjs", "worker"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export const randomName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;
