import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStaff } from "../../src/auth/add-staff";
import { rareKanjiHouseholds, writeRows } from "../../src/registry/registry.test-support";
import { signedMoveInVisit } from "../../src/visits/visit.test-support";
import type { StaffScope } from "../../src/visits/visit-scope";
import { type Client, createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "../support/app";
import { rowsOf } from "../support/database";

// Issue 17, item 3: every read of personal data leaves one audit entry (who, when, what), and a visit of
// another office opens only by an explicit, audited choice.

let t: TestApp;
let chuo: TestUser;
let higashi: TestUser;
let client: Client;
let scope: StaffScope;

interface AuditRow {
  id: number;
  action: string;
  actor_staff_id: string | null;
  actor_username: string | null;
  office_id: string | null;
  target_id: string | null;
  reason: string | null;
  occurred_at: Date;
  detail: Record<string, unknown>;
}

const entries = (action: string, targetId?: string) =>
  rowsOf<AuditRow>(
    t.database.db,
    targetId === undefined
      ? sql`select * from audit_log where action = ${action} order by id`
      : sql`select * from audit_log where action = ${action} and target_id = ${targetId} order by id`,
  );

async function officeOf(staffId: string): Promise<string> {
  const [row] = await rowsOf<{ office_id: string }>(
    t.database.db,
    sql`select office_id from staff where id = ${staffId}`,
  );
  return row?.office_id ?? "";
}

async function userAt(username: string, officeCode: string): Promise<TestUser> {
  const { staff } = await addStaff(t.database.db, {
    municipalityId: "kumamoto",
    username,
    displayName: username,
    role: "counter",
    officeCode,
    password: TEST_PASSWORD,
  });
  return { id: staff.id, username, role: "counter", municipalityId: "kumamoto", totpSecret: null };
}

async function post(as: Client, path: string, fields: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: await as.csrf("/visits"), ...fields });
  return as.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";
const idOf = (res: Response) =>
  (res.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";

beforeAll(async () => {
  t = await createTestApp();
  chuo = await userAt("audit-chuo", "chuo");
  higashi = await userAt("audit-higashi", "higashi");
  client = await t.signIn(chuo);
  scope = { municipalityId: "kumamoto", staffId: chuo.id, officeId: await officeOf(chuo.id) };
  await writeRows(t.database.db, "kumamoto", rareKanjiHouseholds());
});
afterAll(() => t.close());

describe("reads of a visit", () => {
  it("records who opened a visit page, from which office, and which visit: one entry per request", async () => {
    const id = idOf(await post(client, "/visits", {}));
    const before = Date.now();
    expect((await client.request(`/visits/${id}`)).status).toBe(200);
    let rows = await entries("visit.read", id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_staff_id: chuo.id,
      actor_username: "audit-chuo",
      office_id: scope.officeId,
    });
    expect(new Date(rows[0]?.occurred_at ?? 0).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    await client.request(`/visits/${id}`);
    rows = await entries("visit.read", id);
    expect(rows).toHaveLength(2);
  });

  it("records the registry residents a household-step search showed by id, never the typed name or date", async () => {
    const id = idOf(await post(client, "/visits", {}));
    let html = await (await client.request(`/visits/${id}`)).text();
    await post(client, `/visits/${id}/move`, { version: versionOf(html), to: "identity" });
    html = await (await client.request(`/visits/${id}`)).text();
    const verified = await post(client, `/visits/${id}/identity`, {
      version: versionOf(html),
      documents: "drivers-licence",
    });
    expect(verified.status).toBe(303);
    const [r1] = await rowsOf<{ id: string; household_id: string }>(
      t.database.db,
      sql`select id, household_id from registry_residents where municipality_id = 'kumamoto' and resident_no = 'R1'`,
    );
    const res = await client.request(`/visits/${id}?q=${encodeURIComponent("タカハシ")}`);
    expect(await res.text()).toContain("髙橋");
    const rows = await entries("visit.read", id);
    const last = rows.at(-1);
    expect(last?.detail.residentIds).toContain(r1?.id);
    expect(last?.detail.householdIds).toContain(r1?.household_id);
    expect(JSON.stringify(last)).not.toMatch(/タカハシ|髙橋/);
  });

  it("records the forms PDF, each application's PDF and the resident's sheet as reads of the visit", async () => {
    const signed = await signedMoveInVisit(t.database.db, scope);
    expect((await client.request(`/visits/${signed.id}/forms.pdf`)).status).toBe(200);
    expect(await entries("visit.forms.read", signed.id)).toHaveLength(1);
    const accepted = await post(client, `/visits/${signed.id}/accept`, { version: String(signed.version) });
    expect(accepted.status).toBe(303);
    const [app] = await rowsOf<{ id: string }>(
      t.database.db,
      sql`select id from applications where visit_id = ${signed.id} limit 1`,
    );
    const pdf = await client.request(`/visits/${signed.id}/applications/${app?.id}/form.pdf`);
    expect(pdf.status).toBe(200);
    const reads = await entries("visit.application-form.read", signed.id);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.detail.applicationId).toBe(app?.id);
    expect((await client.request(`/visits/${signed.id}/sheet`)).status).toBe(200);
    const sheet = await entries("visit.sheet.read", signed.id);
    expect(sheet).toHaveLength(1);
    expect(sheet[0]).toMatchObject({ actor_staff_id: chuo.id, office_id: scope.officeId });
  });

  it("records the office's visit list with the visits it listed", async () => {
    const id = idOf(await post(client, "/visits", {}));
    expect((await client.request("/visits")).status).toBe(200);
    const last = (await entries("visit.list.read")).at(-1);
    expect(last).toMatchObject({ actor_staff_id: chuo.id, office_id: scope.officeId });
    expect(last?.detail.visitIds).toContain(id);
  });
});

describe("a registry search", () => {
  it("records the ids of the residents it listed, in one entry, and not the typed name or date of birth", async () => {
    const before = (await entries("registry.search")).length;
    const res = await client.request(`/registry/search?name=${encodeURIComponent("タカハシ")}&match=prefix`);
    expect(res.status).toBe(200);
    const shown = await rowsOf<{ id: string }>(
      t.database.db,
      sql`select id from registry_residents where municipality_id = 'kumamoto' and kana like 'タカハシ%'`,
    );
    expect(shown.length).toBeGreaterThan(0);
    const rows = await entries("registry.search");
    expect(rows).toHaveLength(before + 1);
    const last = rows.at(-1);
    expect([...((last?.detail.residentIds as string[]) ?? [])].sort()).toEqual(shown.map((r) => r.id).sort());
    expect(JSON.stringify(last)).not.toMatch(/タカハシ|髙橋/);
  });
});

describe("a visit of another office", () => {
  it("is not shown by default: the page says whose office it is and offers to open it with a reason", async () => {
    const id = idOf(await post(client, "/visits", {}));
    const other = await t.signIn(higashi);
    const before = (await entries("visit.read", id)).length;
    const res = await other.request(`/visits/${id}`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("中央区役所");
    expect(html).toContain(`action="/visits/${id}/open-other-office"`);
    expect(html).not.toContain('name="version"');
    expect((await other.request(`/visits/${id}/sheet`)).status).toBe(403);
    expect(await entries("visit.read", id)).toHaveLength(before);
    // A step posted to it by address is refused as well.
    const moved = await post(other, `/visits/${id}/move`, { version: "1", to: "identity" });
    expect(moved.status).toBe(403);
  });

  it("opens after a reason is given, records the choice, and asks again in a new session", async () => {
    const id = idOf(await post(client, "/visits", {}));
    const other = await t.signIn(higashi);
    const empty = await post(other, `/visits/${id}/open-other-office`, { reason: "" });
    expect(empty.status).toBe(422);
    const myNumber = await post(other, `/visits/${id}/open-other-office`, { reason: "番号 123456789018" });
    expect(myNumber.status).toBe(422);
    expect(await entries("visit.open-other-office", id)).toHaveLength(0);

    const opened = await post(other, `/visits/${id}/open-other-office`, { reason: "中央区から引継ぎの依頼" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`/visits/${id}`);
    const choices = await entries("visit.open-other-office", id);
    expect(choices).toHaveLength(1);
    expect(choices[0]).toMatchObject({
      actor_staff_id: higashi.id,
      actor_username: "audit-higashi",
      office_id: await officeOf(higashi.id),
      reason: "中央区から引継ぎの依頼",
    });
    expect((await other.request(`/visits/${id}`)).status).toBe(200);
    expect((await entries("visit.read", id)).at(-1)?.actor_staff_id).toBe(higashi.id);

    const again = await t.signIn(higashi);
    expect((await again.request(`/visits/${id}`)).status).toBe(403);
  });

  it("of another municipality stays not found, also for the choice", async () => {
    const id = idOf(await post(client, "/visits", {}));
    const yatsushiro = await t.signIn(await t.addUser("audit-yatsushiro", "counter", "yatsushiro"));
    expect((await yatsushiro.request(`/visits/${id}`)).status).toBe(404);
    const chose = await post(yatsushiro, `/visits/${id}/open-other-office`, { reason: "見たい" });
    expect(chose.status).toBe(404);
    expect(await entries("visit.open-other-office", id)).toHaveLength(0);
  });
});
