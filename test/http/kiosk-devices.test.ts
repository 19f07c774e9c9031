import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRepository } from "../../src/auth/audit.repository";
import { kioskDevices } from "../../src/queue/kiosk-device.table";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queueOffices, queuePurposes } from "../../src/queue/queue.table";
import { offices } from "../../src/tenancy/tenancy.table";
import { type Client, createTestApp, type TestApp } from "../support/app";

// Kiosk devices: a supervisor registers one, its browser pairs once through the address shown once,
// and an office that requires registered devices issues tickets from the kiosk page only on them.
let t: TestApp;
let chuo: string;
let purposeId: string;
let admin: Client;
let supervisor: Client;

const form = { "content-type": "application/x-www-form-urlencoded" };
const devicesPath = () => `/queue/offices/${chuo}/kiosk-devices`;

/** The kiosk's "issue" button, from a browser that has opened the kiosk page (for its CSRF cookie). */
async function issue(kiosk: Client) {
  await kiosk.request(`/queue/offices/${chuo}/kiosk`);
  return kiosk.request(`/queue/offices/${chuo}/kiosk`, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ _csrf: kiosk.cookies.get("mg_csrf") ?? "", purposeId }),
  });
}

/** Registers a device and returns the pairing path shown on the page. */
async function register(client: Client, label: string) {
  const res = await client.postForm(devicesPath(), { label });
  expect(res.status).toBe(200);
  const html = await res.text();
  const url = html.match(
    /data-testid="pairing-url">http:\/\/localhost(\/queue\/kiosk-pair\/[A-Za-z0-9_-]{43})</,
  )?.[1];
  if (!url) throw new Error("no pairing address on the page");
  return { url, html };
}

/** Opens the pairing address in a fresh browser and presses the button; returns that browser. */
async function pair(url: string) {
  const kiosk = t.anonymous();
  const page = await kiosk.request(url);
  expect(page.status).toBe(200);
  const res = await kiosk.request(url, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ _csrf: kiosk.cookies.get("mg_csrf") ?? "" }),
  });
  return { kiosk, res };
}

async function setRequired(client: Client, required: boolean) {
  return client.postForm(`${devicesPath()}/requirement`, { required: String(required) });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedQueue(db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const [office] = await db.select().from(offices).where(eq(offices.code, "chuo"));
  chuo = office?.id ?? "";
  const [purpose] = await db.select().from(queuePurposes).where(eq(queuePurposes.officeId, chuo));
  purposeId = purpose?.id ?? "";
  admin = await t.signIn(await t.addUser("kd-admin", "admin"));
  supervisor = await t.signIn(await t.addUser("kd-supervisor", "supervisor"));
});

afterAll(async () => {
  await t?.close();
});

describe("kiosk devices", () => {
  it("lets any browser issue while the office does not require a device (the demo default)", async () => {
    const [row] = await t.database.db.select().from(queueOffices).where(eq(queueOffices.officeId, chuo));
    expect(row?.kioskRequiresDevice).toBe(false);
    expect((await issue(t.anonymous())).status).toBe(200);
  });

  it("registers a device with a pairing address shown once and stored only as a hash", async () => {
    const { url, html } = await register(supervisor, "1階入口");
    expect(html).toContain("ペアリング用アドレス");
    const code = url.split("/").pop() ?? "";
    const rows = await t.database.db.select().from(kioskDevices).where(eq(kioskDevices.label, "1階入口"));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0]?.pairingHash).toMatch(/^[0-9a-f]{64}$/);
    // The list shows it waiting, and never the address again.
    const list = await (await supervisor.request(devicesPath())).text();
    expect(list).toContain("1階入口");
    expect(list).toContain("ペアリング待ち");
    expect(list).not.toContain(code);
    const audit = await auditRepository(t.database.db).list("kumamoto", {
      action: "queue.kiosk-device.register",
    });
    expect(audit.some((e) => e.targetId === rows[0]?.id && e.actorUsername === "kd-supervisor")).toBe(true);
  });

  it("pairs a browser once: the cookie holds a new token, and the address cannot be used again", async () => {
    const { url } = await register(supervisor, "2階");
    const { kiosk, res } = await pair(url);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/queue/offices/${chuo}/kiosk`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("mg_kiosk="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=34560000/);
    const token = kiosk.cookies.get("mg_kiosk") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.database.db.select().from(kioskDevices).where(eq(kioskDevices.label, "2階"));
    expect(row?.pairedAt).not.toBeNull();
    expect(row?.pairingHash).toBeNull();
    expect(JSON.stringify(row)).not.toContain(token);
    // The same address a second time, from another browser: neither the page nor the button works.
    const late = t.anonymous();
    const page = await late.request(url);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("このアドレスは使えません。");
    const post = await late.request(url, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ _csrf: late.cookies.get("mg_csrf") ?? "" }),
    });
    expect(post.status).toBe(404);
    expect(late.cookies.has("mg_kiosk")).toBe(false);
  });

  it("requires a registered device once an administrator says so, and refuses others with 403", async () => {
    const { url } = await register(supervisor, "3階");
    const { kiosk } = await pair(url);
    // Supervisors see the requirement but do not change it.
    expect((await setRequired(supervisor, true)).status).toBe(403);
    expect((await setRequired(admin, true)).status).toBe(303);
    expect(await (await admin.request(devicesPath())).text()).toContain(
      "登録した端末からだけ番号札を発券します",
    );

    const stranger = t.anonymous();
    const refused = await issue(stranger);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      "この端末は発券機として登録されていません。お近くの職員にお声がけください。",
    );
    expect((await stranger.request(`/queue/offices/${chuo}/kiosk`)).status).toBe(403);
    // In the resident's language.
    const english = await stranger.request(`/queue/offices/${chuo}/kiosk?lang=en`);
    expect(await english.text()).toContain("This device is not registered as a ticket kiosk.");
    // A program asking for JSON gets the refusal's code.
    const json = await stranger.request(`/queue/offices/${chuo}/kiosk`, {
      method: "POST",
      headers: { ...form, accept: "application/json" },
      body: new URLSearchParams({ _csrf: stranger.cookies.get("mg_csrf") ?? "", purposeId }),
    });
    expect(json.status).toBe(403);
    expect(((await json.json()) as { error: { reason?: string } }).error.reason).toBe(
      "queue.kioskDeviceRequired",
    );
    // A forged token is no device.
    stranger.cookies.set("mg_kiosk", "A".repeat(43));
    expect((await issue(stranger)).status).toBe(403);

    expect((await kiosk.request(`/queue/offices/${chuo}/kiosk`)).status).toBe(200);
    const issued = await issue(kiosk);
    expect(issued.status).toBe(200);
    expect(await issued.text()).toContain('data-testid="ticket-number"');
    const [row] = await t.database.db.select().from(kioskDevices).where(eq(kioskDevices.label, "3階"));
    expect(row?.lastUsedAt).not.toBeNull();
    const audit = await auditRepository(t.database.db).list("kumamoto", {
      action: "queue.kiosk-device.requirement",
    });
    expect(audit[0]?.detail).toMatchObject({ kioskRequiresDevice: true });
  });

  it("stops a revoked device at once", async () => {
    const { url } = await register(supervisor, "4階");
    const { kiosk } = await pair(url);
    expect((await issue(kiosk)).status).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(kioskDevices)
      .where(and(eq(kioskDevices.label, "4階"), eq(kioskDevices.officeId, chuo)));
    const res = await supervisor.postForm(`${devicesPath()}/${row?.id}/revoke`, {});
    expect(res.status).toBe(303);
    expect((await issue(kiosk)).status).toBe(403);
    const list = await (await supervisor.request(devicesPath())).text();
    expect(list).toContain("取り消し済み");
    // Revoking twice, or an unknown device, is "not found".
    expect((await supervisor.postForm(`${devicesPath()}/${row?.id}/revoke`, {})).status).toBe(404);
    expect((await supervisor.postForm(`${devicesPath()}/not-a-uuid/revoke`, {})).status).toBe(404);
  });

  it("is for supervisors and administrators of the office's municipality only", async () => {
    const counter = await t.signIn(await t.addUser("kd-counter", "counter"));
    expect((await counter.request(devicesPath())).status).toBe(403);
    expect((await counter.postForm(devicesPath(), { label: "x" })).status).toBe(403);
    const other = await t.signIn(await t.addUser("kd-yatsushiro", "admin", "yatsushiro"));
    expect((await other.request(devicesPath())).status).toBe(404);
    expect((await other.postForm(devicesPath(), { label: "x" })).status).toBe(404);
    expect((await t.anonymous().request(devicesPath())).status).toBe(303);
    // The queue overview links to the page for those who may use it.
    expect(await (await supervisor.request("/queue")).text()).toContain(`href="${devicesPath()}"`);
    expect(await (await counter.request("/queue")).text()).not.toContain("kiosk-devices");
  });

  it("asks for a name, and refuses a pairing address that is not one", async () => {
    const res = await supervisor.postForm(devicesPath(), { label: "  " });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("端末の名前を60文字以内で入力してください。");
    expect((await supervisor.postForm(devicesPath(), { label: "x".repeat(61) })).status).toBe(422);
    for (const path of ["/queue/kiosk-pair/short", `/queue/kiosk-pair/${"B".repeat(43)}`])
      expect((await t.anonymous().request(path)).status).toBe(404);
  });

  it("turns the requirement off again for the demo", async () => {
    expect((await setRequired(admin, false)).status).toBe(303);
    expect((await issue(t.anonymous())).status).toBe(200);
    expect((await admin.postForm(`${devicesPath()}/requirement`, { required: "maybe" })).status).toBe(422);
  });
});
