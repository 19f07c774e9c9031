import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRepository } from "../../src/auth/audit.repository";
import { sessions } from "../../src/auth/auth.table";
import { hashToken } from "../../src/auth/session";
import type { Counter } from "../../src/tenancy/tenancy.repository";
import { tenancyRepository } from "../../src/tenancy/tenancy.repository";
import { assetUrl, FONT_CSS } from "../../src/web/static-assets";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

let t: TestApp;
let counterUser: TestUser;
let chuoCounters: Counter[];
let higashiCounters: Counter[];

beforeAll(async () => {
  t = await createTestApp();
  counterUser = await t.addUser("pages-counter", "counter");
  const repo = tenancyRepository(t.database.db);
  const chuo = await repo.findOfficeByCode("kumamoto", "chuo");
  const higashi = await repo.findOfficeByCode("kumamoto", "higashi");
  chuoCounters = await repo.listCounters("kumamoto", chuo?.id as string);
  higashiCounters = await repo.listCounters("kumamoto", higashi?.id as string);
});
afterAll(async () => {
  await t?.close();
});

const testId = (html: string, id: string) => new RegExp(`data-testid="${id}">([^<]*)<`).exec(html)?.[1];

async function counterOf(client: Client) {
  const rows = await t.database.db
    .select({ counterId: sessions.counterId })
    .from(sessions)
    .where(eq(sessions.idHash, hashToken(client.cookies.get("mg_session") ?? "")));
  return rows[0]?.counterId;
}

describe("the staff home page", () => {
  it("shows the office, the counter and the role", async () => {
    const client = await t.signIn(counterUser);
    const res = await client.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("職員ホーム");
    expect(html).toContain("熊本市");
    expect(testId(html, "office")).toBe("中央区役所");
    expect(testId(html, "counter")).toBe("窓口が選択されていません");
    expect(testId(html, "role")).toBe("窓口職員");
    for (const c of chuoCounters) expect(html).toContain(`value="${c.id}"`);
    for (const c of higashiCounters) expect(html).not.toContain(c.id);
  });

  it("shows the same in English", async () => {
    const client = await t.signIn(counterUser);
    await client.request("/lang?to=en");
    const html = await (await client.request("/")).text();
    expect(html).toContain('<html lang="en">');
    expect(testId(html, "office")).toBe("Chuo Ward Office");
    expect(testId(html, "counter")).toBe("No counter chosen");
    expect(testId(html, "role")).toBe("Counter staff");
  });

  it.each([
    ["supervisor", "監督者", false, true],
    ["admin", "管理者", true, true],
  ] as const)(
    "shows a %s their role and the menu entries of that role",
    async (role, label, staffLink, auditLink) => {
      const client = await t.signIn(await t.addUser(`pages-${role}`, role));
      const html = await (await client.request("/")).text();
      expect(testId(html, "role")).toBe(label);
      expect(html.includes('href="/admin/staff"')).toBe(staffLink);
      expect(html.includes('href="/admin/audit"')).toBe(auditLink);
    },
  );

  it("offers counter staff neither the staff list nor the audit log", async () => {
    const html = await (await (await t.signIn(counterUser)).request("/")).text();
    expect(html).not.toContain('href="/admin/staff"');
    expect(html).not.toContain('href="/admin/audit"');
  });
});

describe("choosing a counter", () => {
  it("accepts a counter of one's own office and shows it on the home page", async () => {
    const client = await t.signIn(counterUser);
    const chosen = chuoCounters.find((c) => c.number === 2) as Counter;
    const res = await client.postForm("/session/counter", { counterId: chosen.id });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/?counter=set");
    const html = await (await client.request("/?counter=set")).text();
    expect(html).toContain("担当窓口を設定しました。");
    expect(testId(html, "counter")).toBe("ワンストップ窓口 2番");
    expect(html).toMatch(new RegExp(`<option value="${chosen.id}" selected`));
    expect(await counterOf(client)).toBe(chosen.id);
  });

  it("answers every counter of another office with 404 and keeps the counter", async () => {
    const client = await t.signIn(counterUser);
    const own = chuoCounters[0] as Counter;
    await client.postForm("/session/counter", { counterId: own.id });
    for (const other of higashiCounters) {
      const res = await client.postForm("/session/counter", { counterId: other.id });
      expect(res.status, other.labelJa).toBe(404);
      expect(await res.text()).toContain("ページが見つかりません");
    }
    expect(await counterOf(client)).toBe(own.id);
  });

  it.each(["not-a-uuid", "00000000-0000-0000-0000-000000000000"])(
    "answers the counter id %j with 404",
    async (counterId) => {
      const client = await t.signIn(counterUser);
      expect((await client.postForm("/session/counter", { counterId })).status).toBe(404);
      expect(await counterOf(client)).toBeNull();
    },
  );
});

describe("authorization", () => {
  it("refuses counter staff the audit log with 403 and records authz.denied", async () => {
    const client = await t.signIn(counterUser);
    const res = await client.request("/admin/audit");
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("この操作は許可されていません");
    const denied = await auditRepository(t.database.db).list("kumamoto", { action: "authz.denied" });
    expect(denied[0]).toMatchObject({
      outcome: "denied",
      actorStaffId: counterUser.id,
      actorUsername: counterUser.username,
      targetType: "route",
      targetId: "GET /admin/audit",
    });
    expect(denied[0]?.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("refuses a supervisor the staff list with 403 and records it, but shows them the audit log", async () => {
    const supervisor = await t.addUser("pages-supervisor-authz", "supervisor");
    const client = await t.signIn(supervisor);
    expect((await client.request("/admin/staff")).status).toBe(403);
    expect((await client.request(`/admin/staff/${counterUser.id}`)).status).toBe(403);
    const denied = await auditRepository(t.database.db).list("kumamoto", { action: "authz.denied" });
    expect(denied.filter((e) => e.actorStaffId === supervisor.id).map((e) => e.targetId)).toEqual([
      `GET /admin/staff/${counterUser.id}`,
      "GET /admin/staff",
    ]);
    const audit = await client.request("/admin/audit");
    expect(audit.status).toBe(200);
    const html = await audit.text();
    expect(html).toContain("authz.denied");
    expect(html).toContain("auth.sign-in");
  });

  it("shows an admin the staff list and a staff member's page", async () => {
    const client = await t.signIn(await t.addUser("pages-admin-authz", "admin"));
    const list = await (await client.request("/admin/staff")).text();
    expect(list).toContain(`href="/admin/staff/${counterUser.id}"`);
    const page = await client.request(`/admin/staff/${counterUser.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("pages-counter");
  });
});

describe("the offices pages", () => {
  it("list the 13 offices of Kumamoto and show one with its counters", async () => {
    const client = await t.signIn(counterUser);
    const html = await (await client.request("/offices")).text();
    expect(html.match(/href="\/offices\/[0-9a-f-]{36}"/g)).toHaveLength(13);
    const office = await (await client.request(`/offices/${chuoCounters[0]?.officeId}`)).text();
    expect(office).toContain("中央区役所");
    for (const c of chuoCounters) expect(office).toContain(c.labelJa);
  });
});

describe("the API contract", () => {
  it("serves an OpenAPI document with the health check and the office endpoints", async () => {
    const res = await t.anonymous().request("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe("Madoguchi API");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/healthz", "/api/v1/offices", "/api/v1/offices/{id}"]),
    );
    expect(Object.keys(doc.paths["/api/v1/offices/{id}"]?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "401", "404"]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "Office", "Health"]),
    );
  });

  it("renders the API reference from the same document", async () => {
    const res = await t.anonymous().request("/api/reference");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("API リファレンス");
    for (const op of ["GET /healthz", "GET /api/v1/offices", "GET /api/v1/offices/{id}"]) {
      expect(html).toContain(op);
    }
    expect(html).toContain('href="/api/openapi.json"');
  });

  it("answers the office API for signed-in staff with their municipality's offices", async () => {
    const client = await t.signIn(counterUser);
    const res = await client.request("/api/v1/offices");
    const body = (await res.json()) as { offices: Array<{ code: string; kind: string }> };
    expect(body.offices).toHaveLength(13);
    expect(body.offices.filter((o) => o.kind === "ward").map((o) => o.code)).toEqual([
      "chuo",
      "higashi",
      "nishi",
      "minami",
      "kita",
    ]);
    const one = await client.request(`/api/v1/offices/${chuoCounters[0]?.officeId}`);
    const office = (await one.json()) as { code: string; counters: Array<{ number: number }> };
    expect(office.code).toBe("chuo");
    expect(office.counters.map((c) => c.number)).toEqual(chuoCounters.map((c) => c.number));
  });
});

describe("design tokens and the Japanese font", () => {
  it("are served by the app itself, and pages load nothing from another host", async () => {
    const client = t.anonymous();
    const html = await (await client.request("/signin")).text();
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.filter((a) => /^(https?:)?\/\//.test(a))).toEqual([]);
    for (const path of [assetUrl("tokens/tokens.css"), assetUrl(FONT_CSS), assetUrl("app/app.css")]) {
      expect(assets).toContain(path);
      const res = await client.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/css/);
    }
    const fontCss = await (await client.request("/static/noto-sans-jp/400.css")).text();
    const font = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(fontCss)?.[1];
    expect(font).toBeDefined();
    const res = await client.request(`/static/noto-sans-jp/${font}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("font/woff2");
  });
});
