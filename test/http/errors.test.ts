import { createRoute, z } from "@hono/zod-openapi";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app";
import { createTestApp, type TestApp } from "../support/app";

// One app on the test database with a logger that keeps its lines, and two probe routes built the
// way every JSON endpoint is: on the app's zod-openapi router, so bad input meets the real pipeline.
const BODY_LIMIT = 4096;
let t: TestApp;
let app: ReturnType<typeof createApp>;
const logLines: Array<Record<string, unknown>> = [];
let staffCookie = "";
let adminCookie = "";

interface ErrorJson {
  error: {
    code: string;
    message: { ja: string; en: string };
    problems: Array<{ path: string }>;
    requestId: string;
  };
}

beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: BODY_LIMIT });
  const logger = pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  app = createApp({ database: t.database, config: t.deps.config, logger });
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/test/echo",
      request: {
        body: {
          required: true,
          content: {
            "application/json": { schema: z.object({ name: z.string().min(1), count: z.number().int() }) },
          },
        },
      },
      responses: { 200: { description: "The body, read back" } },
    }),
    (c) => c.json(c.req.valid("json"), 200),
  );
  app.get("/test/boom", () => {
    throw new Error("secret internal detail");
  });
  app.get("/api/test/boom", () => {
    throw new Error("secret internal detail");
  });
  const counter = await t.signIn(await t.addUser("errors-counter", "counter"));
  const admin = await t.signIn(await t.addUser("errors-admin", "admin"));
  staffCookie = `mg_session=${counter.cookies.get("mg_session")}`;
  adminCookie = `mg_session=${admin.cookies.get("mg_session")}`;
});
afterAll(async () => {
  await t?.close();
});

const bodies: string[] = [];
async function request(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("host", "localhost");
  if (init.cookie) headers.set("cookie", init.cookie);
  const res = await app.request(`http://localhost${path}`, { ...init, headers });
  if (!path.startsWith("/static/") || res.status !== 200) bodies.push(await res.clone().text());
  return res;
}

const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  request(path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("unknown routes", () => {
  it("answer a browser with the Japanese 404 page", async () => {
    const res = await request("/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("ページが見つかりません");
    expect(html).toContain(res.headers.get("x-request-id") as string);
  });

  it("answer in English when English is chosen", async () => {
    const html = await (await request("/no/such/page", { cookie: "mg_lang=en" })).text();
    expect(html).toContain("Page not found");
  });

  it("answer under /api with 404 JSON carrying the request id", async () => {
    const res = await request("/api/no-such-thing");
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorJson;
    expect(body).toEqual({
      error: {
        code: "NOT_FOUND",
        message: {
          ja: "お探しのページは見つかりませんでした。アドレスをご確認ください。",
          en: "The page you were looking for was not found. Check the address.",
        },
        text: "お探しのページは見つかりませんでした。アドレスをご確認ください。",
        lang: "ja",
        problems: [],
        requestId: res.headers.get("x-request-id"),
      },
    });
  });

  it("answer a signed-in API client under /api/v1 with 404 JSON, and an anonymous one with 401", async () => {
    const res = await request("/api/v1/no-such-thing", { cookie: staffCookie });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorJson).error.code).toBe("NOT_FOUND");
    expect((await request("/api/v1/no-such-thing")).status).toBe(401);
  });

  it("answer a static file that does not exist, or one outside the static folders, with 404", async () => {
    const outside =
      "/static/app/..%2F..%2F..%2Fnode_modules%2F@digital-go-jp%2Fdesign-tokens%2Fdist%2Ftokens.css";
    expect((await request("/static/tokens/tokens.css")).status).toBe(200);
    for (const path of ["/static/app/nope.css", outside, "/static/unknown/x.css"]) {
      expect((await request(path)).status, path).toBe(404);
    }
  });
});

describe("ids that are not UUIDs", () => {
  it.each([
    "/offices/not-a-uuid",
    "/offices/123",
    "/offices/'%20or%201=1--",
    "/offices/%E0%A4%A",
    "/api/v1/offices/not-a-uuid",
    "/api/v1/offices/%27%3B%20drop%20table%20offices%3B--",
  ])("%s answers 404, not 500", async (path) => {
    const res = await request(path, { cookie: staffCookie });
    expect(res.status).toBe(404);
  });

  it("a staff page with a malformed id answers 404 to an admin", async () => {
    expect((await request("/admin/staff/zzz", { cookie: adminCookie })).status).toBe(404);
  });

  it("an id longer than the API allows is refused as invalid input", async () => {
    const res = await request(`/api/v1/offices/${"a".repeat(101)}`, { cookie: staffCookie });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.problems.map((p) => p.path)).toEqual(["id"]);
  });
});

describe("a JSON endpoint", () => {
  it("echoes a well-formed body", async () => {
    const res = await postJson("/api/test/echo", JSON.stringify({ name: "窓口", count: 2 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: "窓口", count: 2 });
  });

  it.each([
    ["cut short", '{"name": "窓口", "count":'],
    ["not JSON at all", "name=窓口"],
    ["a trailing comma", '{"name": "x", "count": 1,}'],
  ])("answers malformed JSON (%s) with 400 and the error format in both languages", async (_name, body) => {
    const res = await postJson("/api/test/echo", body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "MALFORMED_JSON",
        message: {
          ja: "送信された内容の形式が正しくありません。",
          en: "The data sent is not in the expected format.",
        },
        text: "送信された内容の形式が正しくありません。",
        lang: "ja",
        problems: [],
        requestId: res.headers.get("x-request-id"),
      },
    });
  });

  it("answers in the Accept-Language asked for, among the offered languages, with each problem's code", async () => {
    const res = await postJson("/api/test/echo", JSON.stringify({ name: "", count: 1.5 }), {
      "accept-language": "vi-VN, en;q=0.5",
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: {
        lang: string;
        text: string;
        problems: Array<{ code: string; ja: string; en: string; text: string }>;
      };
    };
    expect(body.error.lang).toBe("vi");
    expect(body.error.problems.every((p) => p.code === "common.invalidInput")).toBe(true);
    expect(body.error.problems[0]?.ja).toMatch(/^入力内容が正しくありません/);
    expect(body.error.problems[0]?.en).toMatch(/^Invalid input/);
    expect(body.error.problems[0]?.text).not.toBe(body.error.problems[0]?.ja);
    const french = await request("/api/no-such-thing", { headers: { "accept-language": "fr-FR" } });
    expect(((await french.json()) as { error: { lang: string } }).error.lang).toBe("ja");
  });

  it("lists every problem of a body that does not fit the schema, in both languages", async () => {
    const res = await postJson("/api/test/echo", JSON.stringify({ name: "", count: 1.5 }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson & {
      error: { problems: Array<{ path: string; ja: string; en: string }> };
    };
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.problems.map((p) => p.path).sort()).toEqual(["count", "name"]);
    for (const p of body.error.problems) {
      expect(p.ja).toMatch(/^入力内容が正しくありません/);
      expect(p.en).toMatch(/^Invalid input/);
    }
  });
});

describe("bodies over BODY_LIMIT_BYTES", () => {
  const big = "x".repeat(BODY_LIMIT + 1);

  it("answer a form with 413 and the Japanese page, with or without a Content-Length", async () => {
    for (const withLength of [true, false]) {
      const body = `username=${big}&password=x`;
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (withLength) headers["content-length"] = String(Buffer.byteLength(body));
      const res = await request("/signin", { method: "POST", body, headers });
      expect(res.status, `content-length: ${withLength}`).toBe(413);
      expect(await res.text()).toContain("送信されたデータが大きすぎます");
    }
  });

  it("answer JSON with 413 JSON", async () => {
    const res = await postJson("/api/test/echo", JSON.stringify({ name: big, count: 1 }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorJson).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("let a body just under the limit through", async () => {
    const name = "x".repeat(BODY_LIMIT - 100);
    const res = await postJson("/api/test/echo", JSON.stringify({ name, count: 1 }));
    expect(res.status).toBe(200);
  });
});

describe("an unexpected error", () => {
  it("shows a page with the request id and nothing of the error", async () => {
    const res = await request("/test/boom");
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain("エラーが発生しました");
    expect(html).toContain(res.headers.get("x-request-id") as string);
    expect(html).not.toContain("secret internal detail");
  });

  it("answers the API with INTERNAL and nothing of the error", async () => {
    const res = await request("/api/test/boom");
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("secret internal detail");
  });

  it("is logged with the request id and the stack, for the people who run the service", async () => {
    const res = await request("/test/boom");
    const id = res.headers.get("x-request-id");
    const line = logLines.find((l) => l.requestId === id && l.msg === "request failed");
    expect(line).toMatchObject({ level: 50, code: "INTERNAL", path: "/test/boom" });
    expect(JSON.stringify(line)).toContain("secret internal detail");
    expect(logLines.some((l) => l.requestId === id && l.msg === "request" && l.status === 500)).toBe(true);
  });
});

describe("every response of this file", () => {
  it("carries no stack trace and no file path of the server", () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(body).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
      expect(body).not.toMatch(/\.[cm]?[jt]sx?:\d+:\d+/);
      expect(body).not.toContain(process.cwd());
    }
  });
});
