import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRepository } from "../../src/auth/audit.repository";
import { sessions } from "../../src/auth/auth.table";
import { hashToken } from "../../src/auth/session";
import { tenancyRepository } from "../../src/tenancy/tenancy.repository";
import { type Client, createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "../support/app";

let t: TestApp;
let counter: TestUser;
let chuoCounterId: string;

beforeAll(async () => {
  t = await createTestApp();
  counter = await t.addUser("csrf-counter", "counter");
  const repo = tenancyRepository(t.database.db);
  const chuo = await repo.findOfficeByCode("kumamoto", "chuo");
  const list = await repo.listCounters("kumamoto", chuo?.id as string);
  chuoCounterId = list[0]?.id as string;
});
afterAll(async () => {
  await t?.close();
});

async function sessionOf(client: Client) {
  const rows = await t.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.idHash, hashToken(client.cookies.get("mg_session") ?? "")));
  return rows[0];
}

async function expectCsrfPage(res: Response, lang: "ja" | "en" = "ja") {
  expect(res.status).toBe(403);
  const html = await res.text();
  expect(html).toContain(lang === "ja" ? "フォームの有効期限が切れました" : "The form has expired");
  expect(html).toContain(
    lang === "ja" ? "ページを再読み込みして、もう一度お試しください。" : "Reload the page and try again.",
  );
}

describe("CSRF protection", () => {
  it("refuses a sign-out without a token with the Japanese page, and the session keeps working", async () => {
    const client = await t.signIn(counter);
    await expectCsrfPage(await client.postForm("/signout", {}, { csrf: false }));
    expect(await sessionOf(client)).toBeDefined();
    expect((await client.request("/")).status).toBe(200);
  });

  it("refuses a counter choice without a token and leaves the counter unchanged", async () => {
    const client = await t.signIn(counter);
    await expectCsrfPage(
      await client.postForm("/session/counter", { counterId: chuoCounterId }, { csrf: false }),
    );
    expect((await sessionOf(client))?.counterId).toBeNull();
    expect(await (await client.request("/")).text()).toContain("窓口が選択されていません");
  });

  it("refuses a wrong token and leaves the counter unchanged", async () => {
    const client = await t.signIn(counter);
    const res = await client.postForm(
      "/session/counter",
      { counterId: chuoCounterId },
      { csrf: "x".repeat(43) },
    );
    await expectCsrfPage(res);
    expect((await sessionOf(client))?.counterId).toBeNull();
  });

  it("refuses the stale token of an earlier session after signing in again", async () => {
    const client = await t.signIn(counter);
    const stale = await client.csrf("/");
    expect((await client.postForm("/signout", {})).status).toBe(303);
    const res = await client.postForm("/signin", { username: counter.username, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const fresh = await client.csrf("/");
    expect(fresh).not.toBe(stale);
    await expectCsrfPage(
      await client.postForm("/session/counter", { counterId: chuoCounterId }, { csrf: stale }),
    );
    expect((await sessionOf(client))?.counterId).toBeNull();
    expect(
      (await client.postForm("/session/counter", { counterId: chuoCounterId }, { csrf: fresh })).status,
    ).toBe(303);
    expect((await sessionOf(client))?.counterId).toBe(chuoCounterId);
  });

  it("refuses the sign-in form without a token, opening no session and recording no attempt", async () => {
    const user = await t.addUser("csrf-no-token", "counter");
    const client = t.anonymous();
    const res = await client.postForm(
      "/signin",
      { username: user.username, password: TEST_PASSWORD },
      { csrf: false },
    );
    await expectCsrfPage(res);
    expect(client.cookies.has("mg_session")).toBe(false);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.staffId, user.id));
    expect(rows).toEqual([]);
    const entries = await auditRepository(t.database.db).list("kumamoto", {
      action: "auth.sign-in",
      limit: 500,
    });
    expect(entries.some((e) => e.actorStaffId === user.id)).toBe(false);
  });

  it("refuses the sign-in token of another browser", async () => {
    const theirs = await t.anonymous().csrf("/signin");
    const mine = t.anonymous();
    await mine.csrf("/signin");
    const res = await mine.postForm(
      "/signin",
      { username: counter.username, password: TEST_PASSWORD },
      { csrf: theirs },
    );
    await expectCsrfPage(res);
    expect(mine.cookies.has("mg_session")).toBe(false);
  });

  it("refuses an extension without a token and leaves the expiry unchanged", async () => {
    const client = await t.signIn(counter);
    const before = (await sessionOf(client))?.expiresAt;
    await expectCsrfPage(await client.postForm("/session/extend", {}, { csrf: false }));
    expect((await sessionOf(client))?.expiresAt).toEqual(before);
  });

  it("explains the refusal in English when English is chosen", async () => {
    const client = await t.signIn(counter);
    await client.request("/lang?to=en");
    await expectCsrfPage(await client.postForm("/signout", {}, { csrf: false }), "en");
  });

  it("accepts the token in an X-CSRF-Token header for a request without a form", async () => {
    const client = await t.signIn(counter);
    const token = await client.csrf("/");
    const res = await client.request("/session/extend", {
      method: "POST",
      headers: { "x-csrf-token": token, accept: "application/json" },
    });
    expect(res.status).toBe(200);
    const without = await client.request("/session/extend", {
      method: "POST",
      headers: { accept: "application/json" },
    });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe("CSRF");
  });

  it("refuses a form posted from another origin even with the right token", async () => {
    const client = await t.signIn(counter);
    const token = await client.csrf("/");
    const post = (origin: string) =>
      client.request("/session/counter", {
        method: "POST",
        body: new URLSearchParams({ counterId: chuoCounterId, _csrf: token }),
        headers: { "content-type": "application/x-www-form-urlencoded", origin },
      });
    await expectCsrfPage(await post("https://evil.example"));
    await expectCsrfPage(await post("http://localhost.evil.example"));
    expect((await sessionOf(client))?.counterId).toBeNull();
    expect((await post("http://localhost")).status).toBe(303);
  });

  it("refuses a JSON request from another origin with a 403 JSON error", async () => {
    const client = await t.signIn(counter);
    const res = await client.request("/api/v1/offices", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: { ja: string; en: string } } };
    expect(body.error.code).toBe("CSRF");
    expect(body.error.message.ja).toContain("ページを再読み込み");
  });
});

describe("requests a browser marks as made by another site", () => {
  const household = JSON.stringify({ event: { type: "move-in", date: "2026-04-06" }, members: [] });
  const guidance = (client: Client, headers: Record<string, string>) =>
    client.request("/api/v1/guidance", {
      method: "POST",
      body: household,
      headers: { "content-type": "application/json", ...headers },
    });

  it("refuse JSON sent without an Origin from another site or a sibling host", async () => {
    const client = await t.signIn(counter);
    for (const site of ["cross-site", "same-site"]) {
      const res = await guidance(client, { "sec-fetch-site": site });
      expect(res.status, site).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("CSRF");
    }
  });

  it("let JSON through from this site's own pages", async () => {
    const client = await t.signIn(counter);
    expect((await guidance(client, { origin: "", "sec-fetch-site": "same-origin" })).status).not.toBe(403);
    expect((await guidance(client, {})).status).not.toBe(403);
  });

  it("refuse JSON with a staff session that names neither this origin nor the session's token", async () => {
    const client = await t.signIn(counter);
    const res = await guidance(client, { origin: "" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("CSRF");
    const token = await client.csrf("/");
    expect((await guidance(client, { origin: "", "x-csrf-token": token })).status).not.toBe(403);
  });

  it("let JSON without a session through: the public API has nothing to forge", async () => {
    const res = await t.app.request("http://localhost/api/v1/guidance", {
      method: "POST",
      body: household,
      headers: { "content-type": "application/json", host: "localhost" },
    });
    expect(res.status).toBe(401);
  });

  it("refuse a form from another site even with the right token and no Origin", async () => {
    const client = await t.signIn(counter);
    const token = await client.csrf("/");
    const res = await client.request("/session/counter", {
      method: "POST",
      body: new URLSearchParams({ counterId: chuoCounterId, _csrf: token }),
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
    });
    await expectCsrfPage(res);
    expect((await sessionOf(client))?.counterId).toBeNull();
  });
});

describe("security headers", () => {
  const paths = [
    ["the sign-in page", "/signin", "anonymous"],
    ["the home page", "/", "staff"],
    ["a redirect", "/", "anonymous"],
    ["a 404 page", "/no-such-page", "staff"],
    ["a JSON error", "/api/v1/offices", "anonymous"],
    ["the health check", "/healthz", "anonymous"],
    ["the OpenAPI document", "/api/openapi.json", "anonymous"],
    ["a stylesheet", "/static/app/app.css", "anonymous"],
    ["the font stylesheet", "/static/noto-sans-jp/400.css", "anonymous"],
  ] as const;

  let staffClient: Client;
  beforeAll(async () => {
    staffClient = await t.signIn(counter);
  });

  it.each(paths)("are on %s (%s)", async (_name, path, who) => {
    const client = who === "staff" ? staffClient : t.anonymous();
    const res = await client.request(path);
    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name = "", ...values]) => [name, values] as const),
    );
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    // Only this origin may frame a page: the visit review shows its own PDF forms in an iframe.
    expect(directives.get("frame-ancestors")).toEqual(["'self'"]);
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=(self)");
    // The test server is reached over plain HTTP: no HSTS.
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("give every response its own request id", async () => {
    const client = t.anonymous();
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await client.request("/signin")).headers.get("x-request-id"));
    expect(ids.size).toBe(5);
  });

  it("keep a well-formed request id sent by a proxy and replace one that is not", async () => {
    const kept = await t.anonymous().request("/signin", { headers: { "x-request-id": "proxy-id-12345678" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-id-12345678");
    const replaced = await t
      .anonymous()
      .request("/signin", { headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("are kept by pages with no inline script, event handler or style attribute", async () => {
    for (const path of ["/", "/offices", "/api/reference", "/no-such-page"]) {
      const html = await (await staffClient.request(path)).text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\ssrc="\/static\//);
      expect(html, path).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(html, path).not.toMatch(/\son[a-z]+=/i);
      expect(html, path).not.toMatch(/\sstyle=/i);
    }
  });

  it("mark the anonymous CSRF cookie HttpOnly and SameSite=Strict", async () => {
    const res = await t.anonymous().request("/signin");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("mg_csrf="));
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
  });
});
