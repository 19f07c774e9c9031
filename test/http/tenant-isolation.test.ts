import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, staff } from "../../src/auth/auth.table";
import { hashToken } from "../../src/auth/session";
import { counters, offices } from "../../src/tenancy/tenancy.table";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

// Municipality A is Kumamoto, B is Yatsushiro. Every id of A is tried from B's side, and every try
// must look exactly like an id that does not exist: 404, never 403, never A's data.
let t: TestApp;
let userCounterA: TestUser;
let adminA: Client;
let adminB: Client;
let counterB: Client;
let a: {
  offices: (typeof offices.$inferSelect)[];
  counters: (typeof counters.$inferSelect)[];
  staff: (typeof staff.$inferSelect)[];
};

beforeAll(async () => {
  t = await createTestApp();
  const userAdminA = await t.addUser("iso-admin-a", "admin", "kumamoto");
  userCounterA = await t.addUser("iso-counter-a", "counter", "kumamoto");
  await t.addUser("iso-supervisor-a", "supervisor", "kumamoto");
  const userAdminB = await t.addUser("iso-admin-b", "admin", "yatsushiro");
  const userCounterB = await t.addUser("iso-counter-b", "counter", "yatsushiro");
  adminA = await t.signIn(userAdminA);
  adminB = await t.signIn(userAdminB);
  counterB = await t.signIn(userCounterB);
  const db = t.database.db;
  a = {
    offices: await db.select().from(offices).where(eq(offices.municipalityId, "kumamoto")),
    counters: await db.select().from(counters).where(eq(counters.municipalityId, "kumamoto")),
    staff: await db.select().from(staff).where(eq(staff.municipalityId, "kumamoto")),
  };
});
afterAll(async () => {
  await t?.close();
});

/** An office's name in every language it has (Kumamoto's offices also read in Chinese, Korean, Vietnamese). */
const namesOf = (o: { names: Record<string, string | undefined> }): string[] =>
  Object.values(o.names).filter((n): n is string => Boolean(n));

/** Every name and id of A that must never appear in a response to B. */
function secretsOfA(): string[] {
  return [
    ...a.offices.flatMap((o) => [o.id, ...namesOf(o)]),
    ...a.counters.map((c) => c.id),
    ...a.staff.flatMap((s) => [s.id, s.username]),
    "熊本市",
    "Kumamoto",
  ];
}

function expectNoneOf(body: string, secrets: string[], where: string) {
  const leaked = secrets.filter((s) => body.includes(s));
  expect(leaked, where).toEqual([]);
}

const withoutRequestId = (body: unknown) => {
  const copy = structuredClone(body) as { error?: { requestId?: string } };
  if (copy.error) copy.error.requestId = "";
  return copy;
};

describe("municipality A's data seen from municipality B", () => {
  it("has something to hide: A has 13 offices, their counters and its staff", () => {
    expect(a.offices).toHaveLength(13);
    expect(a.counters.length).toBeGreaterThanOrEqual(13);
    expect(a.staff.length).toBeGreaterThanOrEqual(3);
  });

  it("answers every office page of A with 404 to B, while A itself sees each one", async () => {
    for (const office of a.offices) {
      const own = await adminA.request(`/offices/${office.id}`);
      expect(own.status, office.code).toBe(200);
      expect(await own.text()).toContain(office.names.ja);
      for (const [who, client] of [
        ["admin B", adminB],
        ["counter B", counterB],
      ] as const) {
        const res = await client.request(`/offices/${office.id}`);
        expect(res.status, `${who} ${office.code}`).toBe(404);
        const html = await res.text();
        expect(html).toContain("ページが見つかりません");
        // The id itself is echoed in the page's own links (the language switch); the names must not be.
        expectNoneOf(html, namesOf(office), `${who} /offices/${office.code}`);
      }
    }
  });

  it("answers every office of A in the API with the same 404 as an id that does not exist", async () => {
    const missing = await adminB.request(`/api/v1/offices/${randomUUID()}`);
    expect(missing.status).toBe(404);
    const missingBody = withoutRequestId(await missing.json());
    expect(missingBody).toMatchObject({ error: { code: "NOT_FOUND" } });
    for (const office of a.offices) {
      expect((await adminA.request(`/api/v1/offices/${office.id}`)).status, office.code).toBe(200);
      for (const client of [adminB, counterB]) {
        const res = await client.request(`/api/v1/offices/${office.id}`);
        expect(res.status, office.code).toBe(404);
        const text = await res.text();
        expectNoneOf(text, namesOf(office), office.code);
        expect(withoutRequestId(JSON.parse(text))).toEqual(missingBody);
      }
    }
  });

  it("answers every staff page of A with 404 to an admin of B, while A's admin sees each one", async () => {
    for (const member of a.staff) {
      const own = await adminA.request(`/admin/staff/${member.id}`);
      expect(own.status, member.username).toBe(200);
      const res = await adminB.request(`/admin/staff/${member.id}`);
      expect(res.status, member.username).toBe(404);
      expectNoneOf(await res.text(), [member.username, member.displayName], member.username);
    }
  });

  it("refuses to seat B's staff at any counter of A with 404, leaving B's counter unchanged", async () => {
    const token = await counterB.csrf("/");
    const sessionRow = async () =>
      (
        await t.database.db
          .select()
          .from(sessions)
          .where(eq(sessions.idHash, hashToken(counterB.cookies.get("mg_session") ?? "")))
      )[0];
    for (const counter of a.counters) {
      const res = await counterB.postForm("/session/counter", { counterId: counter.id }, { csrf: token });
      expect(res.status, counter.labels.ja).toBe(404);
      expectNoneOf(await res.text(), [counter.labels.ja, counter.id], counter.labels.ja);
    }
    expect((await sessionRow())?.counterId).toBeNull();
    // B's own counter is accepted, so the refusals above were about A's ids and nothing else.
    const own = await t.database.db.select().from(counters).where(eq(counters.municipalityId, "yatsushiro"));
    const accepted = await counterB.postForm(
      "/session/counter",
      { counterId: own[0]?.id as string },
      { csrf: token },
    );
    expect(accepted.status).toBe(303);
    expect((await sessionRow())?.counterId).toBe(own[0]?.id);
  });
});

describe("listings seen from municipality B", () => {
  it("the office list shows B's offices and nothing of A's", async () => {
    const res = await adminB.request("/offices");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("八代市役所本庁");
    expectNoneOf(html, secretsOfA(), "/offices");
  });

  it("the office API lists exactly B's offices", async () => {
    const res = await counterB.request("/api/v1/offices");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { offices: Array<{ id: string; code: string }> };
    const own = await t.database.db.select().from(offices).where(eq(offices.municipalityId, "yatsushiro"));
    expect(body.offices.map((o) => o.id).sort()).toEqual(own.map((o) => o.id).sort());
    expectNoneOf(JSON.stringify(body), secretsOfA(), "/api/v1/offices");
  });

  it("the staff list shows B's staff and nothing of A's", async () => {
    const res = await adminB.request("/admin/staff");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("iso-admin-b");
    expect(html).toContain("iso-counter-b");
    expectNoneOf(html, secretsOfA(), "/admin/staff");
  });

  it("the audit log shows B's events and nothing of A's", async () => {
    // A has events of its own to leak: sign-ins and an authorization failure.
    expect((await (await t.signIn(userCounterA)).request("/admin/audit")).status).toBe(403);
    const res = await adminB.request("/admin/audit");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("iso-admin-b");
    expectNoneOf(html, secretsOfA(), "/admin/audit");
    const ownA = await (await adminA.request("/admin/audit")).text();
    expect(ownA).toContain("iso-counter-a");
  });

  it("the home page offers B's counters only", async () => {
    const html = await (await counterB.request("/")).text();
    expect(html).toContain("八代市役所本庁");
    expectNoneOf(html, secretsOfA(), "/");
  });
});
