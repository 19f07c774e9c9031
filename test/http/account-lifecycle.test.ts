import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addStaff } from "../../src/auth/add-staff";
import { auditRepository } from "../../src/auth/audit.repository";
import { staff } from "../../src/auth/auth.table";
import { currentTotp } from "../../src/auth/totp";
import { createApp } from "../../src/web/app";
import { type Client, createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "../support/app";

let t: TestApp;
let admin: TestUser;
let adminClient: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.addUser("lifecycle-http-admin", "admin");
  adminClient = await t.signIn(admin);
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const audit = (action: string) => auditRepository(t.database.db).list("kumamoto", { action, limit: 500 });
const rowOf = async (id: string) => (await t.database.db.select().from(staff).where(eq(staff.id, id)))[0];

/** Posts one of the detail page's action forms, with the CSRF token of the admin's detail page. */
async function act(client: Client, target: TestUser, action: string): Promise<Response> {
  const csrf = await client.csrf(`/admin/staff/${target.id}`);
  return client.postForm(`/admin/staff/${target.id}/${action}`, {}, { csrf });
}

/** A second process over the same database: its own app, so its own session cache. */
function secondProcess() {
  const app = createApp({ ...t.deps });
  return (client: Client, path: string) =>
    app.request(`http://localhost${path}`, {
      headers: {
        host: "localhost",
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
}

describe("the staff account pages", () => {
  it("list every account with its state and show one account's sessions and actions", async () => {
    const member = await t.addUser("lifecycle-http-listed", "counter");
    await t.signIn(member);
    const list = await (await adminClient.request("/admin/staff")).text();
    expect(list).toContain("lifecycle-http-listed");
    expect(list).toContain("有効");
    const page = await adminClient.request(`/admin/staff/${member.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<tr data-open-session/g)).toHaveLength(1);
    for (const action of ["disable", "reset-password", "end-sessions"])
      expect(html).toContain(`action="/admin/staff/${member.id}/${action}"`);
    expect(html).not.toContain(`/admin/staff/${member.id}/enable"`);
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
    expect((await audit("staff.sessions.read")).some((e) => e.targetId === member.id)).toBe(true);
  });

  it("answer in English when English is chosen", async () => {
    const member = await t.addUser("lifecycle-http-english", "counter");
    adminClient.cookies.set("mg_lang", "en");
    try {
      const html = await (await adminClient.request(`/admin/staff/${member.id}`)).text();
      expect(html).toContain("Disable the account");
      expect(html).toContain("There are no open sessions.");
    } finally {
      adminClient.cookies.delete("mg_lang");
    }
  });

  it("refuse the actions to supervisors and to counter staff", async () => {
    const member = await t.addUser("lifecycle-http-victim", "counter");
    for (const role of ["counter", "supervisor"] as const) {
      const other = await t.signIn(await t.addUser(`lifecycle-http-${role}`, role));
      const res = await other.postForm(
        `/admin/staff/${member.id}/disable`,
        {},
        { csrf: await other.csrf("/") },
      );
      expect(res.status, role).toBe(403);
    }
    expect((await rowOf(member.id))?.disabled).toBe(false);
  });

  it("answer 404 for an account of another municipality, an unknown action or a malformed id", async () => {
    const other = await t.addUser("lifecycle-http-yatsushiro", "counter", "yatsushiro");
    const csrf = await adminClient.csrf("/admin/staff");
    for (const path of [
      `/admin/staff/${other.id}/disable`,
      `/admin/staff/${admin.id}/delete`,
      "/admin/staff/not-a-uuid/disable",
    ]) {
      expect((await adminClient.postForm(path, {}, { csrf })).status, path).toBe(404);
    }
    expect((await adminClient.request(`/admin/staff/${other.id}`)).status).toBe(404);
    expect((await rowOf(other.id))?.disabled).toBe(false);
  });
});

describe("disabling an account", () => {
  it("ends its sessions at once, in this process and in another one over the same database", async () => {
    const member = await t.addUser("lifecycle-http-disabled", "counter");
    const victim = await t.signIn(member);
    const other = secondProcess();
    expect((await victim.request("/offices")).status).toBe(200);

    const res = await act(adminClient, member, "disable");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/staff/${member.id}?done=disable`);

    // The other process never read this session: the database is the only answer it has.
    const elsewhere = await other(victim, "/offices");
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get("location")).toMatch(/^\/signin/);
    expect(
      (await t.anonymous().postForm("/signin", { username: member.username, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);

    const page = await (await adminClient.request(res.headers.get("location") as string)).text();
    expect(page).toContain("アカウントを無効にし、セッションをすべて終了しました。");
    expect(page).toContain(`/admin/staff/${member.id}/enable"`);
    expect((await audit("staff.disable")).find((e) => e.targetId === member.id)).toMatchObject({
      outcome: "success",
      actorStaffId: admin.id,
      detail: { sessionsEnded: 1 },
    });
  });

  it("ends at once a session another process had just read", async () => {
    const member = await t.addUser("lifecycle-http-cached", "counter");
    const victim = await t.signIn(member);
    const other = secondProcess();
    expect((await other(victim, "/offices")).status).toBe(200);
    await act(adminClient, member, "disable");
    // No per-process session cache: the very next request in the other process is refused.
    const res = await other(victim, "/offices");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/signin/);
  });

  it("is refused for the administrator's own account, which has no such button", async () => {
    const html = await (await adminClient.request(`/admin/staff/${admin.id}`)).text();
    expect(html).not.toContain(`/admin/staff/${admin.id}/disable"`);
    const res = await act(adminClient, admin, "disable");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("自分のアカウントは無効にできません。");
    expect((await rowOf(admin.id))?.disabled).toBe(false);
    expect((await audit("staff.disable")).find((e) => e.targetId === admin.id)?.outcome).toBe("denied");
  });

  it("can be undone: enable lets the person sign in again", async () => {
    const member = await t.addUser("lifecycle-http-reenabled", "counter");
    await act(adminClient, member, "disable");
    expect((await act(adminClient, member, "enable")).status).toBe(303);
    await t.signIn(member);
    expect((await audit("staff.enable")).some((e) => e.targetId === member.id)).toBe(true);
  });
});

describe("the other actions", () => {
  it("reset-password shows a new password once, which signs in, and signs the person out", async () => {
    const member = await t.addUser("lifecycle-http-password", "counter");
    const victim = await t.signIn(member);
    const res = await act(adminClient, member, "reset-password");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const password = /<code data-new-password[^>]*>([^<]+)<\/code>/.exec(await res.text())?.[1];
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect((await victim.request("/offices")).status).toBe(303);
    const client = t.anonymous();
    expect(
      (await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD })).status,
    ).toBe(401);
    const signedIn = await client.postForm("/signin", {
      username: member.username,
      password: password as string,
    });
    expect(signedIn.status).toBe(303);
    expect((await audit("staff.reset-password")).some((e) => e.targetId === member.id)).toBe(true);

    // The given password only leads to choosing one's own: no other page opens before that.
    expect(signedIn.headers.get("location")).toBe("/signin/new-password?next=%2F");
    const home = await client.request("/");
    expect(home.status).toBe(303);
    expect((await client.request(home.headers.get("location") as string)).headers.get("location")).toMatch(
      /^\/signin\/new-password/,
    );
    const csrf = await client.csrf("/signin/new-password");
    const differ = await client.postForm(
      "/signin/new-password?next=%2Foffices",
      { password: "my own long password", confirmation: "my own long passwort" },
      { csrf },
    );
    expect(differ.status).toBe(422);
    expect(await differ.text()).toContain("2つのパスワードが一致しません。");
    const same = await client.postForm(
      "/signin/new-password?next=%2Foffices",
      { password: password as string, confirmation: password as string },
      { csrf },
    );
    expect(same.status).toBe(422);
    const chosen = await client.postForm(
      "/signin/new-password?next=%2Foffices",
      { password: "my own long password", confirmation: "my own long password" },
      { csrf },
    );
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get("location")).toBe("/offices");
    expect((await client.request("/offices")).status).toBe(200);
    expect((await rowOf(member.id))?.mustChangePassword).toBe(false);
    expect((await audit("auth.password-change")).some((e) => e.targetId === member.id)).toBe(true);
    const again = t.anonymous();
    const res2 = await again.postForm("/signin", {
      username: member.username,
      password: "my own long password",
    });
    expect(res2.headers.get("location")).toBe("/");
  });

  it("reset-password sends a supervisor from the TOTP step to choosing a new password", async () => {
    const member = await t.addUser("lifecycle-http-password-totp", "supervisor");
    const res = await act(adminClient, member, "reset-password");
    const password = /<code data-new-password[^>]*>([^<]+)<\/code>/.exec(await res.text())?.[1] as string;
    const client = t.anonymous();
    expect(
      (await client.postForm("/signin", { username: member.username, password })).headers.get("location"),
    ).toBe("/signin/totp?next=%2F");
    const step = await postTotp(client, currentTotp(member.totpSecret as string));
    expect(step.headers.get("location")).toBe("/signin/new-password?next=%2F");
    expect((await client.request("/signin/totp")).headers.get("location")).toMatch(/^\/signin\/new-password/);
  });

  it("reset-totp sends a supervisor's next sign-in to enrolment", async () => {
    const member = await t.addUser("lifecycle-http-totp", "supervisor");
    expect((await act(adminClient, member, "reset-totp")).status).toBe(303);
    const client = t.anonymous();
    await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    expect(await (await client.request("/signin/totp")).text()).toContain("2段階認証の設定");
    expect((await audit("staff.reset-totp")).some((e) => e.targetId === member.id)).toBe(true);
  });

  it("unlock lets a locked-out account sign in again at once", async () => {
    const member = await t.addUser("lifecycle-http-locked", "counter");
    const client = t.anonymous();
    for (let i = 0; i < t.deps.config.LOCKOUT_THRESHOLD; i++)
      await client.postForm("/signin", { username: member.username, password: "not the password" });
    expect(
      (await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD })).status,
    ).toBe(401);
    const page = await (await adminClient.request(`/admin/staff/${member.id}`)).text();
    expect(page).toContain(`/admin/staff/${member.id}/unlock"`);
    expect((await act(adminClient, member, "unlock")).status).toBe(303);
    expect(
      (await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD })).status,
    ).toBe(303);
    expect((await audit("staff.unlock")).some((e) => e.targetId === member.id)).toBe(true);
  });

  it("end-sessions signs the person out everywhere and leaves the account usable", async () => {
    const member = await t.addUser("lifecycle-http-sessions", "counter");
    const one = await t.signIn(member);
    const two = await t.signIn(member);
    expect((await act(adminClient, member, "end-sessions")).status).toBe(303);
    expect((await one.request("/offices")).status).toBe(303);
    expect((await two.request("/offices")).status).toBe(303);
    await t.signIn(member);
    expect((await audit("staff.end-sessions")).find((e) => e.targetId === member.id)?.detail).toMatchObject({
      sessionsEnded: 2,
    });
  });
});

async function postTotp(client: Client, code: string): Promise<Response> {
  const csrf = await client.csrf("/signin/totp");
  return client.postForm("/signin/totp", { code }, { csrf });
}

describe("recovery codes", () => {
  it("are offered after enrolment, shown once, and each signs in once instead of a TOTP code", async () => {
    const { staff: member } = await addStaff(t.database.db, {
      municipalityId: "kumamoto",
      username: "lifecycle-http-recovery",
      displayName: "x",
      role: "supervisor",
      officeCode: "chuo",
      password: TEST_PASSWORD,
    });
    const client = t.anonymous();
    await client.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    const setup = await (await client.request("/signin/totp")).text();
    const secret = /<code data-totp-secret[^>]*>([A-Z2-7]{32})<\/code>/.exec(setup)?.[1] as string;
    const enrol = await postTotp(client, currentTotp(secret));
    expect(enrol.status).toBe(303);
    expect(enrol.headers.get("location")).toBe("/account/recovery-codes?enrolled=1&next=%2F");
    const offer = await client.request(enrol.headers.get("location") as string);
    expect(await offer.text()).toContain("リカバリーコードを作成してください");

    const csrf = await client.csrf("/account/recovery-codes");
    const made = await client.postForm("/account/recovery-codes?next=%2F", {}, { csrf });
    expect(made.status).toBe(200);
    const codes = [...(await made.text()).matchAll(/<code data-recovery-code[^>]*>([^<]+)<\/code>/g)].map(
      (m) => m[1],
    );
    expect(codes).toHaveLength(10);
    // Shown once: the page never shows them again.
    expect(await (await client.request("/account/recovery-codes")).text()).not.toContain(codes[0] as string);

    const next = t.anonymous();
    await next.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    expect((await postTotp(next, codes[0] as string)).status).toBe(303);
    expect((await next.request("/")).status).toBe(200);

    const replay = t.anonymous();
    await replay.postForm("/signin", { username: member.username, password: TEST_PASSWORD });
    expect((await postTotp(replay, codes[0] as string)).status).toBe(401);
    expect((await audit("auth.recovery-code")).filter((e) => e.actorStaffId === member.id)).toHaveLength(1);
    expect((await audit("auth.recovery-codes.create")).some((e) => e.targetId === member.id)).toBe(true);
  });

  it("are refused to counter staff, who have no second factor", async () => {
    const counter = await t.signIn(await t.addUser("lifecycle-http-nocodes", "counter"));
    expect((await counter.request("/account/recovery-codes")).status).toBe(409);
  });
});
