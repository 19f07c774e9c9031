import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database";
import { createApp } from "../../src/web/app";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../support/app";
import { rowsOf } from "../support/database";

// The database goes away while the service runs. On PGlite the embedded database is closed; on
// PostgreSQL the app reaches the server through a TCP proxy that is then shut, so open connections
// drop and new ones are refused, as when the server stops.
let t: TestApp;
let app: ReturnType<typeof createApp>;
let database: Database;
let proxy: { server: Server; sockets: Set<Socket> } | undefined;
let cookie = "";
const logLines: Array<Record<string, unknown>> = [];

async function startProxy(target: URL): Promise<{ server: Server; sockets: Set<Socket>; port: number }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = netConnect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { server, sockets, port: address.port };
}

async function takeDatabaseDown(): Promise<void> {
  if (proxy) {
    const { server, sockets } = proxy;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  } else {
    await database.close();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const user = await t.addUser("down-counter", "counter");
  cookie = `mg_session=${(await t.signIn(user)).cookies.get("mg_session")}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    const rows = await rowsOf<{ name: string }>(t.database.db, sql`select current_database() as name`);
    const target = new URL(url);
    const started = await startProxy(target);
    proxy = started;
    const through = new URL(url);
    through.hostname = "127.0.0.1";
    through.port = String(started.port);
    through.pathname = `/${rows[0]?.name}`;
    database = await openDatabase({ kind: "postgres", url: through.toString(), max: 2 });
  } else {
    database = t.database;
  }
  const logger = pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  app = createApp({ database, config: t.deps.config, logger });
});

afterAll(async () => {
  if (proxy) {
    await database?.close().catch(() => {});
    await t?.close();
  }
  // On PGlite the test database was closed by the test itself.
});

function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("host", "localhost");
  if (init.cookie) headers.set("cookie", init.cookie);
  return app.request(`http://localhost${path}`, { ...init, headers });
}

const noStack = (body: string) => {
  expect(body).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  expect(body).not.toMatch(/PGlite is closed|ECONNREFUSED|Connection terminated|Failed query/);
};

describe("with the database up", () => {
  it("answers /healthz with ok and a page with 200", async () => {
    const health = await request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: database.kind });
    expect((await request("/offices", { cookie })).status).toBe(200);
  });
});

describe("with the database down mid-run", () => {
  beforeAll(async () => {
    await takeDatabaseDown();
  });

  it("answers /healthz with 503 and status unavailable", async () => {
    const res = await request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", database: database.kind });
  });

  it("answers a staff page with 503 and the Japanese message, without a stack trace", async () => {
    const res = await request("/offices", { cookie });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("ただいま処理できません");
    expect(html).toContain("データベースに接続できません。しばらくしてからもう一度お試しください。");
    expect(html).toContain(res.headers.get("x-request-id") as string);
    noStack(html);
  });

  it("answers in English when English is chosen", async () => {
    const res = await request("/offices", { cookie: `${cookie}; mg_lang=en` });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("The database cannot be reached.");
  });

  it("answers a sign-in with 503 rather than a wrong-password message", async () => {
    const page = await request("/signin");
    const anon = page.headers
      .getSetCookie()
      .find((c) => c.startsWith("mg_csrf="))
      ?.split(";")[0] as string;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] as string;
    const res = await request("/signin", {
      method: "POST",
      cookie: anon,
      body: new URLSearchParams({ username: "down-counter", password: TEST_PASSWORD, _csrf: token }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("ただいま処理できません");
    expect(html).not.toContain("パスワードが正しくありません");
    expect(
      res.headers.getSetCookie().some((c) => c.startsWith("mg_session=") && !c.startsWith("mg_session=;")),
    ).toBe(false);
    noStack(html);
  });

  it("answers the API with 503 JSON and the code DATABASE_UNAVAILABLE", async () => {
    const res = await request("/api/v1/offices", { cookie });
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      error: { code: string; message: { ja: string; en: string }; requestId: string };
    };
    expect(body.error.code).toBe("DATABASE_UNAVAILABLE");
    expect(body.error.message).toEqual({
      ja: "データベースに接続できません。しばらくしてからもう一度お試しください。",
      en: "The database cannot be reached. Please try again later.",
    });
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    noStack(JSON.stringify(body));
  });

  it("logs each failure with its request id", async () => {
    const res = await request("/offices", { cookie });
    const id = res.headers.get("x-request-id");
    expect(logLines.find((l) => l.requestId === id && l.msg === "request failed")).toMatchObject({
      level: 50,
      code: "DATABASE_UNAVAILABLE",
      path: "/offices",
    });
  });
});
