import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addStaff } from "../../src/auth/add-staff";
import { auditRepository } from "../../src/auth/audit.repository";
import { sessions, staff } from "../../src/auth/auth.table";
import { currentTotp } from "../../src/auth/totp";
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "../support/app";

let t: TestApp;
let counter: TestUser;
let supervisor: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  counter = await t.addUser("sign-in-counter", "counter");
  supervisor = await t.addUser("sign-in-supervisor", "supervisor");
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

const audit = (action: string) => auditRepository(t.database.db).list("kumamoto", { action, limit: 500 });
const sessionRows = (staffId: string) =>
  t.database.db.select().from(sessions).where(eq(sessions.staffId, staffId));

/** A six-digit code that the secret does not accept now (nor one period either side). */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => currentTotp(secret, Date.now() + d)));
  return ["000000", "111111", "222222", "333333"].find((c) => !valid.has(c)) as string;
}

async function postTotp(client: ReturnType<TestApp["anonymous"]>, code: string) {
  const token = await client.csrf("/signin/totp");
  return client.request("/signin/totp", {
    method: "POST",
    body: new URLSearchParams({ code, _csrf: token }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("sign-in with a password", () => {
  it("shows the Japanese sign-in page with a form carrying a CSRF token", async () => {
    const res = await t.anonymous().request("/signin");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("職員サインイン");
    expect(html).toMatch(/name="_csrf" value="[\w-]{20,}"/);
  });

  it("answers the right password with 303 and a session cookie that is HttpOnly and SameSite=Lax", async () => {
    const client = t.anonymous();
    const res = await client.postForm("/signin", { username: counter.username, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("mg_session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    const home = await client.request("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("職員ホーム");
  });

  it("follows a local next path after sign-in but never an off-site one", async () => {
    const local = await t
      .anonymous()
      .postForm("/signin?next=%2Foffices", { username: counter.username, password: TEST_PASSWORD });
    expect(local.headers.get("location")).toBe("/offices");
    const offsite = await t.anonymous().postForm("/signin?next=%2F%2Fevil.example%2F", {
      username: counter.username,
      password: TEST_PASSWORD,
    });
    expect(offsite.headers.get("location")).toBe("/");
  });

  it("answers a wrong password with 401 and the Japanese message, and sets no session", async () => {
    const client = t.anonymous();
    const res = await client.postForm("/signin", {
      username: counter.username,
      password: "not the password",
    });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("ユーザー名またはパスワードが正しくありません。");
    expect(html).toContain(`value="${counter.username}"`);
    expect(client.cookies.has("mg_session")).toBe(false);
    const failures = await audit("auth.sign-in");
    expect(failures.some((e) => e.actorUsername === counter.username && e.outcome === "failure")).toBe(true);
  });

  it("answers a wrong password in English once English is chosen with the language switch", async () => {
    const client = t.anonymous();
    const switched = await client.request("/lang?to=en&back=%2Fsignin");
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/signin");
    expect(client.cookies.get("mg_lang")).toBe("en");
    const res = await client.postForm("/signin", {
      username: counter.username,
      password: "not the password",
    });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("The username or password is not correct.");
    expect(html).not.toContain("ユーザー名またはパスワードが正しくありません。");
  });

  it("answers an unknown username exactly like a wrong password", async () => {
    const res = await t
      .anonymous()
      .postForm("/signin", { username: "nobody-at-all", password: "whatever it is" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("ユーザー名またはパスワードが正しくありません。");
    const entries = await auditRepository(t.database.db).list("kumamoto", { limit: 500 });
    // Not knowing the tenant, the failure is kept outside every municipality's log.
    expect(entries.some((e) => e.actorUsername === "nobody-at-all")).toBe(false);
  });

  it("asks for both fields when they are left empty", async () => {
    const res = await t.anonymous().postForm("/signin", { username: "", password: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("ユーザー名を入力してください。");
    expect(html).toContain("パスワードを入力してください。");
  });
});

describe("lock-out", () => {
  it("locks after LOCKOUT_THRESHOLD failures, refuses even the right password, and lets in once the lock expires", async () => {
    const locker = await t.addUser("sign-in-locker", "counter");
    const start = new Date();
    travelTo(start);
    const threshold = t.deps.config.LOCKOUT_THRESHOLD;
    expect(threshold).toBe(5);
    const statuses: number[] = [];
    for (let i = 0; i < threshold; i++) {
      statuses.push(
        (await t.anonymous().postForm("/signin", { username: locker.username, password: "wrong" })).status,
      );
    }
    expect(statuses).toEqual(Array(threshold).fill(401));

    const client = t.anonymous();
    const refused = await client.postForm("/signin", { username: locker.username, password: TEST_PASSWORD });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("アカウントを一時的にロックしました");
    expect(client.cookies.has("mg_session")).toBe(false);

    travelTo(new Date(start.getTime() + (t.deps.config.LOCKOUT_MINUTES - 1) * 60_000));
    expect(
      (await t.anonymous().postForm("/signin", { username: locker.username, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);

    travelTo(new Date(start.getTime() + (t.deps.config.LOCKOUT_MINUTES + 1) * 60_000));
    const after = await t
      .anonymous()
      .postForm("/signin", { username: locker.username, password: TEST_PASSWORD });
    expect(after.status).toBe(303);

    const lockRows = (await audit("auth.lock")).filter((e) => e.actorStaffId === locker.id);
    expect(lockRows).toHaveLength(1);
    const signIns = (await audit("auth.sign-in"))
      .filter((e) => e.actorStaffId === locker.id)
      .map((e) => e.outcome);
    expect(signIns.reverse()).toEqual([...Array(threshold).fill("failure"), "denied", "denied", "success"]);
  });

  it("keeps the right password out when it is sent in parallel with 20 wrong ones to an account with a threshold of 5", async () => {
    const target = await t.addUser("sign-in-parallel", "counter");
    expect(t.deps.config.LOCKOUT_THRESHOLD).toBe(5);
    const clients = Array.from({ length: 21 }, () => t.anonymous());
    const tokens = await Promise.all(clients.map((client) => client.csrf("/signin")));
    const responses = await Promise.all(
      clients.map((client, i) =>
        client.postForm(
          "/signin",
          { username: target.username, password: i === 20 ? TEST_PASSWORD : "wrong" },
          { csrf: tokens[i] },
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(21).fill(401));
    expect(await responses[20]?.text()).toContain("アカウントを一時的にロックしました");
    expect(clients[20]?.cookies.has("mg_session")).toBe(false);
    expect(await sessionRows(target.id)).toHaveLength(0);
    const failures = (await audit("auth.sign-in")).filter(
      (e) => e.actorStaffId === target.id && e.outcome === "failure",
    );
    expect(failures.length).toBeLessThanOrEqual(5);
  });

  it("tells an English user until when the account is locked", async () => {
    const locker = await t.addUser("sign-in-locker-en", "counter");
    const client = t.anonymous();
    await client.request("/lang?to=en");
    let last: Response | undefined;
    for (let i = 0; i < t.deps.config.LOCKOUT_THRESHOLD; i++) {
      last = await client.postForm("/signin", { username: locker.username, password: "wrong" });
    }
    expect(last?.status).toBe(401);
    expect(await last?.text()).toMatch(/the account is locked for now\. Try again after \d{2}:\d{2}\./);
  });
});

describe("sign-out", () => {
  it("deletes the session, so the old cookie no longer reaches a page, and audits it", async () => {
    const client = await t.signIn(counter);
    const cookie = client.cookies.get("mg_session");
    expect((await sessionRows(counter.id)).length).toBeGreaterThan(0);
    const before = (await sessionRows(counter.id)).length;

    const res = await client.postForm("/signout", {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?signedout=1");
    expect(client.cookies.has("mg_session")).toBe(false);
    expect((await sessionRows(counter.id)).length).toBe(before - 1);
    expect(await (await client.request("/signin?signedout=1")).text()).toContain("サインアウトしました。");

    const replay = t.anonymous();
    replay.cookies.set("mg_session", cookie as string);
    const home = await replay.request("/");
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toMatch(/^\/signin/);

    const rows = (await audit("auth.sign-out")).filter((e) => e.actorStaffId === counter.id);
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe("two-step verification", () => {
  it("keeps a supervisor with only a password out of every page, sending them to /signin/totp", async () => {
    const client = t.anonymous();
    const res = await client.postForm("/signin", { username: supervisor.username, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin/totp?next=%2F");
    for (const path of ["/", "/offices", "/admin/audit"]) {
      const page = await client.request(path);
      expect(page.status, path).toBe(303);
      expect(page.headers.get("location"), path).toBe("/signin/totp");
    }
    const api = await client.request("/api/v1/offices");
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const page = await client.request("/signin/totp");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("認証アプリに表示されている6桁の確認コード");
  });

  it("answers a wrong code with 401 and keeps the session at the password stage", async () => {
    const client = t.anonymous();
    await client.postForm("/signin", { username: supervisor.username, password: TEST_PASSWORD });
    const res = await postTotp(client, wrongCode(supervisor.totpSecret as string));
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("確認コードが正しくありません。");
    expect((await client.request("/")).headers.get("location")).toBe("/signin/totp");
    const failures = (await audit("auth.totp")).filter(
      (e) => e.actorStaffId === supervisor.id && e.outcome === "failure",
    );
    expect(failures.length).toBeGreaterThan(0);
  });

  it("makes the session active with the right code", async () => {
    const client = t.anonymous();
    await client.postForm("/signin", { username: supervisor.username, password: TEST_PASSWORD });
    const res = await postTotp(client, currentTotp(supervisor.totpSecret as string));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    const home = await client.request("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("監督者");
  });

  it("gives a new session cookie at the second step, and the password-step cookie reaches nothing afterwards", async () => {
    const member = await t.addUser("sign-in-rotate", "supervisor");
    const client = t.anonymous();
    await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    const passwordStep = client.cookies.get("mg_session");
    expect(passwordStep).toBeDefined();
    const res = await postTotp(client, currentTotp(member.totpSecret as string));
    expect(res.status).toBe(303);
    const active = client.cookies.get("mg_session");
    expect(active).toBeDefined();
    expect(active).not.toBe(passwordStep);
    expect((await client.request("/")).status).toBe(200);

    const stale = t.anonymous();
    stale.cookies.set("mg_session", passwordStep as string);
    const home = await stale.request("/");
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toMatch(/^\/signin(\?|$)/);
    expect(await sessionRows(member.id)).toHaveLength(1);
  });

  it("refuses a code that has already signed in once, even within its 30-second window", async () => {
    const member = await t.addUser("sign-in-replay", "supervisor");
    const code = currentTotp(member.totpSecret as string);
    const first = t.anonymous();
    await first.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    expect((await postTotp(first, code)).status).toBe(303);

    const second = t.anonymous();
    await second.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    const replay = await postTotp(second, code);
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain("確認コードが正しくありません。");
    expect((await second.request("/")).headers.get("location")).toBe("/signin/totp");
  });

  it("shows a supervisor signing in for the first time a QR code and a key, and enrols them with a code from it", async () => {
    const { staff: member } = await addStaff(t.database.db, {
      municipalityId: "kumamoto",
      username: "sign-in-new-supervisor",
      displayName: "新任 監督者",
      role: "supervisor",
      officeCode: "chuo",
      password: TEST_PASSWORD,
    });
    const client = t.anonymous();
    const res = await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    expect(res.headers.get("location")).toBe("/signin/totp?next=%2F");
    const page = await client.request("/signin/totp");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("2段階認証の設定");
    expect(html).toMatch(/<img class="qr" src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/);
    const secret = /<code data-totp-secret[^>]*>([A-Z2-7]{32})<\/code>/.exec(html)?.[1];
    expect(secret).toBeDefined();

    // Reloading the page keeps the same key, so a scan already made stays good.
    expect(await (await client.request("/signin/totp")).text()).toContain(secret as string);

    const enrol = await postTotp(client, currentTotp(secret as string));
    expect(enrol.status).toBe(303);
    expect((await client.request("/")).status).toBe(200);
    const [row] = await t.database.db.select().from(staff).where(eq(staff.id, member.id));
    expect(row).toMatchObject({ totpEnabled: true, totpSecret: secret });
    expect((await audit("auth.totp-enrol")).some((e) => e.actorStaffId === member.id)).toBe(true);
  });

  it("signs an admin in through both steps and records each in the audit log", async () => {
    const admin = await t.addUser("sign-in-admin", "admin");
    const client = await t.signIn(admin);
    expect((await client.request("/admin/staff")).status).toBe(200);
    const signIns = (await audit("auth.sign-in")).filter((e) => e.actorStaffId === admin.id);
    expect(signIns[0]).toMatchObject({ outcome: "success", detail: { stage: "password" } });
    expect(
      (await audit("auth.totp")).some((e) => e.actorStaffId === admin.id && e.outcome === "success"),
    ).toBe(true);
  });
});
