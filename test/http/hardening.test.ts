import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "../support/app";

let t: TestApp;
let counter: TestUser;
let admin: TestUser;
let counterClient: Client;
let adminClient: Client;
let visitId = "";

beforeAll(async () => {
  t = await createTestApp();
  counter = await t.addUser("hardening-counter", "counter");
  admin = await t.addUser("hardening-admin", "admin");
  counterClient = await t.signIn(counter);
  adminClient = await t.signIn(admin);
  const token = await counterClient.csrf("/visits");
  const res = await counterClient.request("/visits", {
    method: "POST",
    body: new URLSearchParams({ _csrf: token }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  visitId = (res.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
});
afterAll(async () => {
  await t?.close();
});

describe("the way back after a language switch or sign-in", () => {
  const tricks = [
    ["a tab before a second slash", "/%09/evil.example"],
    ["a line feed before a second slash", "/%0a/evil.example"],
    ["a carriage return and line feed", "/%0d%0a/evil.example"],
    ["a backslash after the slash", "/%5Cevil.example"],
    ["a tab and a backslash", "/%09%5Cevil.example"],
    ["an absolute address", "https://evil.example/"],
    ["a protocol-relative address", "//evil.example/"],
  ] as const;

  it.each(tricks)("never leads to another host (%s)", async (_name, back) => {
    const res = await t.anonymous().request(`/lang?to=en&back=${back}`);
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(new URL(location, "http://localhost/").host).toBe("localhost");
    // Only printable ASCII can go in a Location header.
    expect(location).toMatch(/^[\x20-\x7e]*$/);
  });

  it.each([
    ["a NUL", "/%00"],
    ["a line break inside the path", "/x%0d%0aSet-Cookie:%20a=b"],
    ["a DEL", "/%7f"],
  ])("answers a way back with %s by a refusal or a redirect to this site, not a 500", async (_name, back) => {
    const res = await t.anonymous().request(`/lang?to=en&back=${back}`);
    expect([303, 400]).toContain(res.status);
    const location = res.headers.get("location") ?? "";
    expect(new URL(location, "http://localhost/").host).toBe("localhost");
    expect(res.headers.get("set-cookie") ?? "").not.toContain("a=b");
  });

  it("keeps a local way back with its query", async () => {
    const res = await t
      .anonymous()
      .request(`/lang?to=en&back=${encodeURIComponent("/registry/search?name=a")}`);
    expect(res.headers.get("location")).toBe("/registry/search?name=a");
  });

  it("after sign-in never leads to another host", async () => {
    const client = t.anonymous();
    const token = await client.csrf("/signin");
    const res = await client.request("/signin?next=/%09/evil.example", {
      method: "POST",
      body: new URLSearchParams({ username: counter.username, password: TEST_PASSWORD, _csrf: token }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location") ?? "", "http://localhost/").host).toBe("localhost");
  });
});

describe("caching of what signed-in staff see", () => {
  it.each([
    ["the home page", "/", "counter"],
    ["the registry search", "/registry/search", "counter"],
    ["the visit list", "/visits", "counter"],
    ["a visit", "/visits/:id", "counter"],
    ["a visit's sheet", "/visits/:id/sheet", "counter"],
    ["the guidance page", "/guidance", "counter"],
    ["the staff list", "/admin/staff", "admin"],
    ["the audit log", "/admin/audit", "admin"],
    ["the KPI dashboard", "/kpi", "admin"],
    ["the hand-off page", "/handoff", "admin"],
    ["a JSON answer", "/api/v1/offices", "counter"],
    ["a page that is not there", "/no-such-page", "counter"],
  ] as const)("is forbidden on %s (%s)", async (_name, path, who) => {
    const client = who === "admin" ? adminClient : counterClient;
    const res = await client.request(path.replace(":id", visitId));
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("still lets a browser keep the stylesheets and fonts", async () => {
    const css = await counterClient.request("/static/app/app.css");
    expect(css.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const font = await counterClient.request("/static/noto-sans-jp/400.css");
    expect(font.headers.get("cache-control")).toMatch(/max-age=\d+/);
  });
});

describe("every page", () => {
  it.each([
    ["the sign-in page", "/signin", "anonymous"],
    ["the home page", "/", "counter"],
    ["a visit", "/visits/:id", "counter"],
    ["an error page", "/no-such-page", "counter"],
    ["a resident page", "/queue/t/no-such-ticket", "anonymous"],
  ] as const)("starts with the HTML doctype: %s", async (_name, path, who) => {
    const client = who === "counter" ? counterClient : t.anonymous();
    const res = await client.request(path.replace(":id", visitId));
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await res.text()).startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("is sent gzip-compressed to a browser that accepts it, and plain to one that does not", async () => {
    const zipped = await counterClient.request("/", { headers: { "accept-encoding": "gzip, deflate" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary") ?? "").toMatch(/accept-encoding/i);
    const html = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const plain = await counterClient.request("/");
    expect(plain.headers.get("content-encoding")).toBeNull();
  });

  it("sends stylesheets and JSON compressed too", async () => {
    for (const path of ["/static/noto-sans-jp/400.css", "/static/app/app.css", "/api/openapi.json"]) {
      const res = await counterClient.request(path, { headers: { "accept-encoding": "gzip" } });
      expect(res.headers.get("content-encoding"), path).toBe("gzip");
    }
  });
});

describe("transport and feature headers", () => {
  it("leave out Strict-Transport-Security over plain HTTP", async () => {
    const res = await t.anonymous().request("/signin");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("send a Permissions-Policy that turns off microphone and location and keeps the camera to this origin", async () => {
    const res = await t.anonymous().request("/signin");
    const policy = res.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera=(self)", "microphone=()", "geolocation=()", "payment=()"])
      expect(policy).toContain(feature);
  });

  it("send Strict-Transport-Security when the public address is https", async () => {
    const https = await createTestApp({ PUBLIC_URL: "https://madoguchi.example.jp" });
    try {
      const res = await https.anonymous().request("/signin");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    } finally {
      await https.close();
    }
  });
});

describe("a form body that does not parse", () => {
  it.each([
    ["multipart without a boundary", "multipart/form-data"],
    ["multipart with a boundary the body lacks", "multipart/form-data; boundary=xyz"],
  ])("is a plain 400, not a 500 (%s)", async (_, type) => {
    for (const path of [`/visits/${visitId}/answers`, "/signout", "/session/extend"]) {
      const res = await counterClient.request(path, {
        method: "POST",
        body: "version=1&_csrf=x",
        headers: { "content-type": type },
      });
      expect(res.status, path).toBe(400);
    }
  });
});
