import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessions } from "../../src/auth/auth.table";
import { hashToken, SESSION_MAX_HOURS } from "../../src/auth/session";
import { assetUrl } from "../../src/web/static-assets";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

let t: TestApp;
let counter: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  counter = await t.addUser("session-counter", "counter");
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock the routes read; only Date is faked, so the database and timers run as usual. */
function travelTo(date: Date): void {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(date);
}
const later = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

/** The database row of the session whose cookie the client carries. */
async function sessionOf(client: Client) {
  const token = client.cookies.get("mg_session");
  if (!token) throw new Error("the client has no session cookie");
  const rows = await t.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.idHash, hashToken(token)));
  return rows[0];
}

async function extend(client: Client, csrf?: string): Promise<Response> {
  const token = csrf ?? (await client.csrf("/"));
  return client.request("/session/extend", {
    method: "POST",
    body: new URLSearchParams({ _csrf: token, back: "/offices" }),
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  });
}

describe("an expired session", () => {
  it("sends a browser to the sign-in page, which says the session expired", async () => {
    const start = new Date();
    travelTo(start);
    const client = await t.signIn(counter);
    expect((await client.request("/offices")).status).toBe(200);

    travelTo(later(start, t.deps.config.SESSION_IDLE_MINUTES + 1));
    const res = await client.request("/offices");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Foffices&expired=1");
    expect(res.headers.getSetCookie().some((c) => /^mg_session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(
      true,
    );

    const page = await client.request(res.headers.get("location") as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("セッションの有効期限が切れました。もう一度サインインしてください。");
  });

  it("answers an API request with 401 JSON and the code SESSION_EXPIRED", async () => {
    const start = new Date();
    travelTo(start);
    const client = await t.signIn(counter);
    expect((await client.request("/api/v1/offices")).status).toBe(200);

    travelTo(later(start, t.deps.config.SESSION_IDLE_MINUTES + 1));
    const res = await client.request("/api/v1/offices");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as {
      error: { code: string; message: { ja: string; en: string }; requestId: string };
    };
    expect(body.error.code).toBe("SESSION_EXPIRED");
    expect(body.error.message.ja).toContain("セッションの有効期限が切れました");
    expect(body.error.message.en).toContain("Your session has expired");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("is told apart from no session at all, which the API answers with UNAUTHENTICATED", async () => {
    const res = await t.anonymous().request("/api/v1/offices");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const page = await t.anonymous().request("/offices");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/signin?next=%2Foffices");
  });

  it("is removed from the database when it is found expired", async () => {
    const start = new Date();
    travelTo(start);
    const client = await t.signIn(counter);
    const row = await sessionOf(client);
    travelTo(later(start, t.deps.config.SESSION_IDLE_MINUTES + 1));
    await client.request("/");
    const rows = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, row?.idHash as string));
    expect(rows).toEqual([]);
  });
});

describe("the session bar", () => {
  it("tells the page when the session ends and when to warn", async () => {
    const client = await t.signIn(counter);
    const html = await (await client.request("/")).text();
    const row = await sessionOf(client);
    expect(html).toContain(`data-session-expires-at="${row?.expiresAt.toISOString()}"`);
    expect(html).toContain(`data-session-warning-minutes="${t.deps.config.SESSION_WARNING_MINUTES}"`);
    expect(html).toContain(`<script type="module" src="${assetUrl("js/session-timer.js")}">`);
    const script = await client.request(assetUrl("js/session-timer.js"));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
  });
});

describe("POST /session/extend", () => {
  it("moves the expiry to the idle limit from now, so the session outlives its first expiry", async () => {
    const start = new Date();
    travelTo(start);
    const client = await t.signIn(counter);
    const before = await sessionOf(client);
    const firstExpiry = later(start, t.deps.config.SESSION_IDLE_MINUTES).getTime();
    expect(Math.abs((before?.expiresAt.getTime() ?? 0) - firstExpiry)).toBeLessThan(5_000);

    const at = later(start, 20);
    travelTo(at);
    const res = await extend(client);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { expiresAt: string };
    const expected = later(at, t.deps.config.SESSION_IDLE_MINUTES);
    expect(Math.abs(Date.parse(body.expiresAt) - expected.getTime())).toBeLessThan(5_000);
    expect((await sessionOf(client))?.expiresAt.toISOString()).toBe(body.expiresAt);

    travelTo(later(start, t.deps.config.SESSION_IDLE_MINUTES + 5));
    expect((await client.request("/")).status).toBe(200);
  });

  it("returns a form submission to the page it came from", async () => {
    const client = await t.signIn(counter);
    const res = await client.postForm("/session/extend", { back: "/offices" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/offices");
    const offsite = await client.postForm("/session/extend", { back: "//evil.example/" });
    expect(offsite.headers.get("location")).toBe("/");
  });

  it("never extends a session past 12 hours from sign-in", async () => {
    const start = new Date();
    travelTo(start);
    const client = await t.signIn(counter);
    const cap = later(start, SESSION_MAX_HOURS * 60).getTime();
    // The session's token, read once: at the end the page that carries it is no longer reachable.
    const token = await client.csrf("/");
    const idHash = (await sessionOf(client))?.idHash as string;
    let now = start;
    let last = 0;
    for (let i = 0; i < 40 && now.getTime() < cap; i++) {
      now = later(now, 25);
      travelTo(now);
      const res = await extend(client, token);
      if (now.getTime() >= cap) {
        // Past the working day the session is over, whatever its idle expiry said: the client is told
        // its session expired (not that its form did), the cookie is cleared and the row is gone.
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("SESSION_EXPIRED");
        expect(res.headers.getSetCookie().some((c) => /^mg_session=;/.test(c))).toBe(true);
        const rows = await t.database.db.select().from(sessions).where(eq(sessions.idHash, idHash));
        expect(rows).toEqual([]);
        break;
      }
      expect(res.status).toBe(200);
      last = Date.parse(((await res.json()) as { expiresAt: string }).expiresAt);
      expect(last).toBeLessThanOrEqual(cap + 1_000);
    }
    // The last extension, at 11h40, was cut to the cap rather than given the full idle time.
    expect(Math.abs(last - cap)).toBeLessThan(1_000);
    expect((await client.request("/")).status).toBe(303);
  });

  it("is refused to a browser without a session", async () => {
    const client = t.anonymous();
    const res = await client.postForm("/session/extend", {}, { csrf: await client.csrf("/signin") });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2F");
  });
});
