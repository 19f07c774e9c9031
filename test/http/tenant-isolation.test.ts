import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, staff } from "../../src/auth/auth.table";
import { hashToken } from "../../src/auth/session";
import { settingsForMunicipality } from "../../src/catalog/municipalities";
import { guideHousehold } from "../../src/guidance/guide";
import { handoffDeliveries } from "../../src/handoff/handoff.table";
import { importEntries } from "../../src/manual/import-entries";
import { defaultContentDir, loadEntriesFromDir } from "../../src/manual/load-entries";
import { shortCodeOf } from "../../src/preapply/pre-application";
import { submitPreApplication } from "../../src/preapply/submit-pre-application";
import { japanTime } from "../../src/queue/calendar";
import { kioskDevices } from "../../src/queue/kiosk-device.table";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queueTickets } from "../../src/queue/queue.table";
import { registryResidents } from "../../src/registry/registry.table";
import { registryRow, writeRows } from "../../src/registry/registry.test-support";
import { seedReservationRules } from "../../src/reservations/reservation.seed";
import { reservations } from "../../src/reservations/reservation.table";
import { defaultSlotRules } from "../../src/reservations/slot-rules";
import { addDaysIso } from "../../src/reservations/slots";
import { counters, offices } from "../../src/tenancy/tenancy.table";
import { applications, visits } from "../../src/visits/visits.table";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";
import { seedApplications } from "../support/handoff";

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

// ── Every route with an id, table-driven ─────────────────────────────────────────────────────────────
//
// The table below names every route of the app that has a `:param`. For each it says who may use it
// (the role matrix of docs/security.md) and whether its ids belong to a municipality. The test reads the
// app's own route list, so a new route with a parameter fails here until it is added to the table.

/** Who may use a route (docs/security.md, "Roles"). */
type Access = "staff" | "supervisor" | "admin" | "public";
/**
 * What the route's parameter is: `tenant` ids belong to one municipality (another's is 404);
 * `token` is a secret that is the only key (no staff session involved); `reference` is shared data.
 */
type Scope = "tenant" | "token" | "reference";

interface Ids {
  office: string;
  staff: string;
  visit: string;
  application: string;
  household: string;
  resident: string;
  ticket: string;
  delivery: string;
  device: string;
  purpose: string;
  phoneToken: string;
  /** A booked reservation of A: its id, its manage page's token and its 8-digit code. */
  reservation: string;
  reservationToken: string;
  reservationCode: string;
  /** A submitted pre-application of A: its resident's token and its counter code. */
  preApplicationToken: string;
  preApplicationCode: string;
  /** A published manual entry of A (version 1). */
  entry: string;
  /** Tomorrow in Japan, a day the booking pages offer. */
  date: string;
}

interface RouteCase {
  access: Access;
  scope: Scope;
  /** The concrete path with the ids given. */
  path: (ids: Ids) => string;
  /** The form a POST sends: harmless (refused by validation or state) where it could change data. */
  form?: (ids: Ids) => Record<string, string>;
  /** The key is made up (a token or pairing code nobody holds): everyone allowed gets its 404. */
  unknownKey?: true;
}

const none = () => ({});
const made = (length: number) => "x".repeat(length);
const visitSteps = ["move", "identity", "household", "decline", "answers", "sign", "sign-by-proxy", "accept"];

const routeTable: Record<string, RouteCase> = {
  "GET /static/js/:file": { access: "public", scope: "reference", path: () => "/static/js/queue-display.js" },
  "GET /static/:root/*": { access: "public", scope: "reference", path: () => "/static/app/app.css" },
  "GET /api/v1/offices/:id": { access: "staff", scope: "tenant", path: (i) => `/api/v1/offices/${i.office}` },
  "GET /offices/:id": { access: "staff", scope: "tenant", path: (i) => `/offices/${i.office}` },
  "GET /admin/staff/:id": { access: "admin", scope: "tenant", path: (i) => `/admin/staff/${i.staff}` },
  "POST /admin/staff/:id/:action": {
    access: "admin",
    scope: "tenant",
    path: (i) => `/admin/staff/${i.staff}/unlock`,
    form: none,
  },
  "GET /registry/households/:id/open": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/registry/households/${i.household}/open`,
  },
  "POST /registry/households/:id/open": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/registry/households/${i.household}/open`,
    form: () => ({ reason: "" }),
  },
  "GET /registry/households/:id": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/registry/households/${i.household}`,
  },
  "GET /registry/residents/:id/edit": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/registry/residents/${i.resident}/edit`,
  },
  "POST /registry/residents/:id/edit": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/registry/residents/${i.resident}/edit`,
    form: none,
  },
  "GET /api/v1/addresses/postal/:code": {
    access: "staff",
    scope: "reference",
    path: () => "/api/v1/addresses/postal/8600806",
  },
  "GET /api/v1/banks/:bank": { access: "staff", scope: "reference", path: () => "/api/v1/banks/0001" },
  "GET /api/v1/banks/:bank/branches/:branch": {
    access: "staff",
    scope: "reference",
    path: () => "/api/v1/banks/0001/branches/001",
  },
  "GET /visits/:id": { access: "staff", scope: "tenant", path: (i) => `/visits/${i.visit}` },
  "POST /visits/:id/open-other-office": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/open-other-office`,
    form: () => ({ reason: "" }),
  },
  "POST /visits/:id/registry-household": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/registry-household`,
    form: () => ({ version: "1" }),
  },
  ...Object.fromEntries(
    visitSteps.map((step): [string, RouteCase] => [
      `POST /visits/:id/${step}`,
      {
        access: "staff",
        scope: "tenant",
        path: (i) => `/visits/${i.visit}/${step}`,
        form: () => ({ version: "1", ...(step === "move" ? { to: "identity" } : {}) }),
      },
    ]),
  ),
  "GET /visits/:id/forms.pdf": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/forms.pdf`,
  },
  "GET /visits/:id/applications/:applicationId/form.pdf": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/applications/${i.application}/form.pdf`,
  },
  "GET /visits/:id/sheet": { access: "staff", scope: "tenant", path: (i) => `/visits/${i.visit}/sheet` },
  // The resident's kiosk and display are public by design (docs/security.md): an office id is no secret.
  "GET /queue/offices/:officeId/kiosk": {
    access: "public",
    scope: "reference",
    path: (i) => `/queue/offices/${i.office}/kiosk`,
  },
  "POST /queue/offices/:officeId/kiosk": {
    access: "public",
    scope: "reference",
    path: (i) => `/queue/offices/${i.office}/kiosk`,
    form: (i) => ({ purposeId: i.purpose }),
  },
  "GET /queue/offices/:officeId/display": {
    access: "public",
    scope: "reference",
    path: (i) => `/queue/offices/${i.office}/display`,
  },
  "GET /queue/offices/:officeId/display/events": {
    access: "public",
    scope: "reference",
    path: (i) => `/queue/offices/${i.office}/display/events`,
  },
  "GET /queue/t/:token": { access: "public", scope: "token", path: (i) => `/queue/t/${i.phoneToken}` },
  "GET /queue/t/:token/events": {
    access: "public",
    scope: "token",
    path: (i) => `/queue/t/${i.phoneToken}/events`,
  },
  "POST /queue/tickets/:ticketId/:action": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/queue/tickets/${i.ticket}/finish`,
    form: none,
  },
  // Kiosk devices: supervisors and administrators (not yet in docs/security.md's matrix).
  "GET /queue/offices/:officeId/kiosk-devices": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/queue/offices/${i.office}/kiosk-devices`,
  },
  "POST /queue/offices/:officeId/kiosk-devices": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/queue/offices/${i.office}/kiosk-devices`,
    form: () => ({ label: "" }),
  },
  "POST /queue/offices/:officeId/kiosk-devices/:deviceId/revoke": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/queue/offices/${i.office}/kiosk-devices/${i.device}/revoke`,
    form: none,
  },
  "POST /queue/offices/:officeId/kiosk-devices/requirement": {
    access: "admin",
    scope: "tenant",
    path: (i) => `/queue/offices/${i.office}/kiosk-devices/requirement`,
    form: () => ({ required: "maybe" }),
  },
  "GET /queue/kiosk-pair/:code": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/queue/kiosk-pair/${made(24)}`,
  },
  "POST /queue/kiosk-pair/:code": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/queue/kiosk-pair/${made(24)}`,
    form: none,
  },
  "GET /queue/offices/:officeId/settings": {
    access: "admin",
    scope: "tenant",
    path: (i) => `/queue/offices/${i.office}/settings`,
  },
  "POST /queue/offices/:officeId/settings": {
    access: "admin",
    scope: "tenant",
    path: (i) => `/queue/offices/${i.office}/settings`,
    form: none,
  },
  "POST /handoff/:id/retry": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/handoff/${i.delivery}/retry`,
    form: none,
  },
  "GET /survey/t/:token": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/survey/t/${made(32)}`,
  },
  "GET /survey/s/:token": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/survey/s/${made(32)}`,
  },
  "POST /survey/t/:token": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/survey/t/${made(32)}`,
    form: none,
  },
  "POST /survey/s/:token": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/survey/s/${made(32)}`,
    form: none,
  },
  "GET /survey/visit/:visitId": { access: "staff", scope: "tenant", path: (i) => `/survey/visit/${i.visit}` },
  "POST /survey/visit/:visitId": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/survey/visit/${i.visit}`,
    form: none,
  },
  // A visit's further events, its pre-application and its card reading: the visit routes' guard.
  "POST /visits/:id/events": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/events`,
    form: () => ({ version: "1" }),
  },
  "POST /visits/:id/events/remove": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/events/remove`,
    form: () => ({ version: "1", index: "1" }),
  },
  "POST /visits/:id/pre-application": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/pre-application`,
    form: () => ({ version: "1", preApplicationCode: "" }),
  },
  "POST /visits/:id/identity/card": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/visits/${i.visit}/identity/card`,
    // Well-formed attributes, so that the visit itself is what is looked up (its version is stale).
    form: () => ({
      version: "1",
      name: "八代 花子",
      address: "八代市松江城町1-25",
      birthDate: "1990-04-01",
      sex: "female",
    }),
  },
  // Pre-applications: the resident's form is public per municipality; its page's token is the only key;
  // the counter reads one by its code within its own municipality.
  "GET /pre-apply/:municipality": { access: "public", scope: "reference", path: () => "/pre-apply/kumamoto" },
  "GET /pre-apply/:municipality/household": {
    access: "public",
    scope: "reference",
    path: () => "/pre-apply/kumamoto/household?event=move-in",
  },
  "POST /pre-apply/:municipality/household": {
    access: "public",
    scope: "reference",
    path: () => "/pre-apply/kumamoto/household",
    form: none,
  },
  "POST /pre-apply/:municipality/submit": {
    access: "public",
    scope: "reference",
    path: () => "/pre-apply/kumamoto/submit",
    form: () => ({ household: "{}" }),
  },
  "GET /pre-apply/t/:token": {
    access: "public",
    scope: "token",
    path: (i) => `/pre-apply/t/${i.preApplicationToken}`,
  },
  "GET /pre-apply/t/:token/summary": {
    access: "public",
    scope: "token",
    path: (i) => `/pre-apply/t/${i.preApplicationToken}/summary`,
  },
  "GET /pre-apply/t/:token/qr.png": {
    access: "public",
    scope: "token",
    path: (i) => `/pre-apply/t/${i.preApplicationToken}/qr.png`,
  },
  "POST /pre-apply/t/:token/withdraw": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/pre-apply/t/${made(32)}/withdraw`,
    form: none,
  },
  "GET /api/v1/pre-applications/:code": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/api/v1/pre-applications/${i.preApplicationCode}`,
  },
  // Reservations: booking pages and the kiosk's check-in are public; a reservation's token or code is the key.
  "GET /reservations/book/:m": {
    access: "public",
    scope: "reference",
    path: () => "/reservations/book/kumamoto",
  },
  "GET /reservations/book/:m/:office": {
    access: "public",
    scope: "reference",
    path: () => "/reservations/book/kumamoto/chuo",
  },
  "GET /reservations/book/:m/:office/:purpose": {
    access: "public",
    scope: "reference",
    path: () => "/reservations/book/kumamoto/chuo/move",
  },
  "GET /reservations/book/:m/:office/:purpose/:date": {
    access: "public",
    scope: "reference",
    path: (i) => `/reservations/book/kumamoto/chuo/move/${i.date}`,
  },
  "POST /reservations/book/:m/:office/:purpose/:date": {
    access: "public",
    scope: "reference",
    path: (i) => `/reservations/book/kumamoto/chuo/move/${i.date}`,
    form: () => ({ start: "" }),
  },
  "GET /reservations/kiosk/:officeId": {
    access: "public",
    scope: "reference",
    path: (i) => `/reservations/kiosk/${i.office}`,
  },
  "POST /reservations/kiosk/:officeId": {
    access: "public",
    scope: "reference",
    // The office is public like the queue's kiosk; the reservation's code is the key, made up here.
    unknownKey: true,
    path: (i) => `/reservations/kiosk/${i.office}`,
    form: () => ({ code: "00000000" }),
  },
  "GET /reservations/r/:token": {
    access: "public",
    scope: "token",
    path: (i) => `/reservations/r/${i.reservationToken}`,
  },
  "GET /reservations/r/:token/calendar.ics": {
    access: "public",
    scope: "token",
    path: (i) => `/reservations/r/${i.reservationToken}/calendar.ics`,
  },
  "GET /reservations/r/:token/move": {
    access: "public",
    scope: "token",
    path: (i) => `/reservations/r/${i.reservationToken}/move`,
  },
  "GET /reservations/r/:token/move/:date": {
    access: "public",
    scope: "token",
    path: (i) => `/reservations/r/${i.reservationToken}/move/${i.date}`,
  },
  ...Object.fromEntries(
    ["confirm", "cancel", "move", "checkin"].map((action): [string, RouteCase] => [
      `POST /reservations/r/:token/${action}`,
      {
        access: "public",
        scope: "token",
        unknownKey: true,
        path: () => `/reservations/r/${made(32)}/${action}`,
        form: none,
      },
    ]),
  ),
  "GET /api/v1/reservations/:code/calendar.ics": {
    access: "public",
    scope: "token",
    path: (i) => `/api/v1/reservations/${i.reservationCode}/calendar.ics`,
  },
  "DELETE /api/v1/reservations/:code": {
    access: "public",
    scope: "token",
    unknownKey: true,
    path: () => `/api/v1/reservations/99999999?token=${made(32)}`,
  },
  "POST /reservations/staff/reminders/:id/done": {
    access: "staff",
    scope: "tenant",
    path: (i) => `/reservations/staff/reminders/${i.reservation}/done`,
    form: none,
  },
  "GET /reservations/staff/settings/:officeId/:purposeId": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/reservations/staff/settings/${i.office}/${i.purpose}`,
  },
  "POST /reservations/staff/settings/:officeId/:purposeId": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/reservations/staff/settings/${i.office}/${i.purpose}`,
    form: none,
  },
  // The manual: the residents' FAQ is public per municipality; the staff manual's entries belong to one.
  "GET /faq/:municipality": { access: "public", scope: "reference", path: () => "/faq/kumamoto" },
  "GET /faq/:municipality/:entry": {
    access: "public",
    scope: "reference",
    path: (i) => `/faq/kumamoto/${i.entry}`,
  },
  "GET /faq/:municipality/procedures/:procedureId": {
    access: "public",
    scope: "reference",
    path: () => "/faq/kumamoto/procedures/juki.move-in",
  },
  "POST /faq/:municipality/:entry/feedback": {
    access: "public",
    scope: "reference",
    path: (i) => `/faq/kumamoto/${i.entry}/feedback`,
    form: none,
  },
  "GET /manual/procedures/:procedureId": {
    access: "staff",
    scope: "reference",
    path: () => "/manual/procedures/juki.move-in",
  },
  "GET /manual/entries/:id": { access: "staff", scope: "tenant", path: (i) => `/manual/entries/${i.entry}` },
  "GET /manual/admin/entries/:id/edit": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/manual/admin/entries/${i.entry}/edit`,
  },
  "POST /manual/admin/entries/:id/edit": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/manual/admin/entries/${i.entry}/edit`,
    form: none,
  },
  "GET /manual/admin/entries/:id/versions": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/manual/admin/entries/${i.entry}/versions`,
  },
  "GET /manual/admin/entries/:id/versions/:version": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/manual/admin/entries/${i.entry}/versions/1`,
  },
  "POST /manual/admin/entries/:id/versions/:version/decide": {
    access: "supervisor",
    scope: "tenant",
    path: (i) => `/manual/admin/entries/${i.entry}/versions/1/decide`,
    // Version 1 is published already: a decision on it is refused by its state.
    form: () => ({ decision: "reject" }),
  },
};

/** The pages and API reads without an id, for the role matrix alone. */
const plainGets: Record<string, Access> = {
  "/": "staff",
  "/visits": "staff",
  "/guidance": "staff",
  "/registry": "staff",
  "/registry/search": "staff",
  "/registry/card": "staff",
  "/offices": "staff",
  "/queue": "staff",
  "/queue/counter": "staff",
  "/account/recovery-codes": "staff",
  "/api/v1/offices": "staff",
  "/api/v1/addresses/sources": "staff",
  "/kpi": "supervisor",
  "/kpi/export.csv": "supervisor",
  "/kpi/open-data.csv": "supervisor",
  // The dashboard's stylesheet is under /kpi/* like the dashboard.
  "/kpi/kpi.css": "supervisor",
  "/handoff": "supervisor",
  "/admin/audit": "supervisor",
  "/admin/staff": "admin",
  "/queue/settings": "admin",
  "/signin": "public",
  "/lang": "public",
  "/healthz": "public",
  "/api/openapi.json": "public",
  "/api/reference": "public",
  "/survey/survey.css": "public",
  "/pre-apply": "public",
  "/pre-apply/preapply.css": "public",
  "/api/v1/reservations/slots": "public",
  "/faq": "public",
  "/faq/manual.css": "public",
  "/manual": "staff",
  "/card/agent": "staff",
  "/reservations/staff": "staff",
  "/reservations/staff/settings": "supervisor",
  "/manual/admin": "supervisor",
  "/manual/admin/new": "supervisor",
};
for (const [path, access] of Object.entries(plainGets))
  routeTable[`GET ${path}`] = { access, scope: "reference", path: () => path };
// GET /reservations/book names no municipality: it is the booking pages' "not found" by design.
// GET /signin/totp is the second step of signing in: it answers whoever is half-way (not tested here).
// GET /metrics answers by network address, not by role: test/http/metrics.test.ts.

type StaffRoleName = "counter" | "supervisor" | "admin";
type Role = "anonymous" | StaffRoleName;
/** What a role gets: let through (`ok`), sent to sign in, refused (403), or not found (404). */
type Outcome = "ok" | "signin" | "403" | "404" | "500";

const allowedRoles: Record<Access, Role[]> = {
  public: ["anonymous", "counter", "supervisor", "admin"],
  staff: ["counter", "supervisor", "admin"],
  supervisor: ["supervisor", "admin"],
  admin: ["admin"],
};

function expectedOutcome({ access, unknownKey }: RouteCase, role: Role): Outcome {
  if (allowedRoles[access].includes(role)) return unknownKey ? "404" : "ok";
  return role === "anonymous" ? "signin" : "403";
}

function outcomeOf(res: Response): Outcome {
  if (res.status >= 500) return "500";
  if (res.status === 401) return "signin";
  if (res.status === 303 && (res.headers.get("location") ?? "").startsWith("/signin")) return "signin";
  if (res.status === 403) return "403";
  if (res.status === 404) return "404";
  return "ok";
}

/** The routes of the app, as "METHOD /path", but for middleware. */
function appRoutes(app: TestApp["app"]): string[] {
  return [
    ...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`)),
  ].sort();
}

describe("every route with an id, by role and by municipality", () => {
  let idsA: Ids;
  /** Kiosk devices of A, one for each role that revokes one (revoking one twice is "not found"). */
  const devices: Partial<Record<Role, string>> = {};
  const idsOf = (role: Role): Ids => ({ ...idsA, device: devices[role] ?? idsA.device });
  const clients = {} as Record<Role, Client>;
  let counterBRoutes: Client;
  let supervisorB: Client;
  let anonymousToken = "";

  beforeAll(async () => {
    const db = t.database.db;
    await seedQueue(db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
    await seedQueue(db, "yatsushiro", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
    clients.counter = await t.signIn(await t.addUser("rt-counter-a", "counter"));
    clients.supervisor = await t.signIn(await t.addUser("rt-supervisor-a", "supervisor"));
    clients.admin = await t.signIn(await t.addUser("rt-admin-a", "admin"));
    clients.anonymous = t.anonymous();
    anonymousToken = await clients.anonymous.csrf("/signin");
    counterBRoutes = await t.signIn(await t.addUser("rt-counter-b", "counter", "yatsushiro"));
    supervisorB = await t.signIn(await t.addUser("rt-supervisor-b", "supervisor", "yatsushiro"));
    const target = await t.addUser("rt-target-a", "counter");
    const chuo = a.offices.find((o) => o.code === "chuo")?.id ?? "";

    // An accepted visit with one application and its delivery, and the visit's plan for its sheet.
    const [applicationId = ""] = await seedApplications(db, { count: 1, procedures: ["juki.move-in"] });
    const [application] = await db.select().from(applications).where(eq(applications.id, applicationId));
    const [delivery] = await db
      .select()
      .from(handoffDeliveries)
      .where(eq(handoffDeliveries.applicationId, applicationId));
    const [visitRow] = await db
      .select()
      .from(visits)
      .where(eq(visits.id, application?.visitId ?? ""));
    const guided = guideHousehold(visitRow?.household, settingsForMunicipality("kumamoto"));
    if (!guided.ok) throw new Error(JSON.stringify(guided.error));
    await db
      .update(visits)
      .set({ plan: guided.plan })
      .where(eq(visits.id, visitRow?.id ?? ""));

    // A registry household.
    await writeRows(db, "kumamoto", [registryRow()]);
    const [resident] = await db
      .select()
      .from(registryResidents)
      .where(eq(registryResidents.municipalityId, "kumamoto"));

    // A ticket waiting at A's office, issued at its kiosk, with its phone page's token.
    const kiosk = t.anonymous();
    const kioskPage = await (await kiosk.request(`/queue/offices/${chuo}/kiosk`)).text();
    const purposeId = kioskPage.match(/name="purposeId" value="([0-9a-f-]{36})"/)?.[1] ?? "";
    const issued = await kiosk.request(`/queue/offices/${chuo}/kiosk`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: kiosk.cookies.get("mg_csrf") ?? "", purposeId }),
    });
    expect(issued.status).toBe(200);
    const phoneToken = (await issued.text()).match(/\/queue\/t\/([A-Za-z0-9_-]{32})/)?.[1] ?? "";
    const [ticket] = await db.select().from(queueTickets).where(eq(queueTickets.officeId, chuo));

    for (const role of ["counter", "supervisor", "admin"] as const) {
      const label = `受付前 ${role}`;
      const registered = await clients.supervisor.postForm(`/queue/offices/${chuo}/kiosk-devices`, { label });
      expect(registered.status).toBe(200);
      devices[role] = (await db.select().from(kioskDevices).where(eq(kioskDevices.label, label)))[0]?.id;
    }

    // A reservation of A booked through its API (around the clock for a day: a slot tomorrow is free).
    await seedReservationRules(db, "kumamoto", {
      move: {
        ...defaultSlotRules,
        startMinute: 0,
        endMinute: 24 * 60,
        capacityByWeekday: [2, 2, 2, 2, 2, 2, 2],
      },
    });
    const date = addDaysIso(japanTime(new Date()).date, 1);
    const slotsRes = await kiosk.request(
      `/api/v1/reservations/slots?municipality=kumamoto&office=chuo&purpose=move&from=${date}&days=1`,
    );
    expect(slotsRes.status).toBe(200);
    const [slot] = ((await slotsRes.json()) as { slots: Array<{ start: string }> }).slots;
    const booked = await kiosk.request("/api/v1/reservations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        municipality: "kumamoto",
        office: "chuo",
        purpose: "move",
        start: slot?.start,
        name: "熊本 太郎",
        email: "taro@example.jp",
      }),
    });
    expect(booked.status).toBe(201);
    const reservation = (await booked.json()) as { code: string; cancelToken: string };
    const [reservationRow] = await db
      .select()
      .from(reservations)
      .where(eq(reservations.code, reservation.code));

    // A pre-application of A, as a resident's phone would leave it.
    const family = JSON.parse(
      readFileSync(new URL("../fixtures/examples/move-in-young-family.json", import.meta.url), "utf8"),
    );
    const pre = await submitPreApplication(db, {
      municipalityId: "kumamoto",
      household: family,
      lang: "ja",
      now: new Date(),
    });

    // One manual entry of A, published as version 1.
    const { entries } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
    const entry = entries.find((e) => e.id === "proc-juki-move-in");
    if (!entry) throw new Error("the Kumamoto manual has no proc-juki-move-in entry");
    await importEntries(db, {
      municipalityId: "kumamoto",
      entries: [entry],
      origin: "test",
      now: new Date(),
    });

    idsA = {
      reservation: reservationRow?.id ?? "",
      reservationToken: reservation.cancelToken,
      reservationCode: reservation.code,
      preApplicationToken: pre.token,
      preApplicationCode: pre.code,
      entry: entry.id,
      date,
      office: chuo,
      staff: target.id,
      visit: application?.visitId ?? "",
      application: applicationId,
      household: resident?.householdId ?? "",
      resident: resident?.id ?? "",
      ticket: ticket?.id ?? "",
      delivery: delivery?.id ?? "",
      device: devices.counter ?? "",
      purpose: purposeId,
      phoneToken,
    };
    const shapes: Partial<Record<keyof Ids, RegExp>> = {
      phoneToken: /^[A-Za-z0-9_-]{32}$/,
      reservationToken: /^[A-Za-z0-9_-]{32,}$/,
      reservationCode: /^\d{8}$/,
      preApplicationToken: /^[A-Za-z0-9_-]{32,}$/,
      preApplicationCode: /^[0-9A-Z]{10}$/,
      entry: /^proc-juki-move-in$/,
      date: /^\d{4}-\d{2}-\d{2}$/,
    };
    for (const [name, id] of Object.entries(idsA))
      expect(id, name).toMatch(shapes[name as keyof Ids] ?? /^[0-9a-f-]{36}$/);
  });

  /** A DELETE as a program sends it: a staff session names its token in X-CSRF-Token. */
  const deleteWith = async (client: Client, path: string, anonymous: boolean) => {
    const headers: Record<string, string> = anonymous ? {} : { "x-csrf-token": await client.csrf("/") };
    return client.request(path, { method: "DELETE", headers });
  };

  const send = (client: Client, route: string, c: RouteCase, ids: Ids, anonymous = false) => {
    const path = c.path(ids);
    if (route.startsWith("GET ")) return client.request(path);
    if (route.startsWith("DELETE ")) return deleteWith(client, path, anonymous);
    return client.postForm(path, c.form?.(ids) ?? {}, anonymous ? { csrf: anonymousToken } : {});
  };

  it("has every route with a path parameter in the table, and nothing the app does not have", () => {
    // A GET page without an id is listed for the role matrix; every route with one must be.
    const routes = appRoutes(t.app);
    const missing = routes.filter((r) => /[:*]/.test(r) && !(r in routeTable));
    expect(
      missing,
      "routes with a :param missing from routeTable: add each with its access and scope",
    ).toEqual([]);
    expect(Object.keys(routeTable).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it("gives each role of A exactly what the role matrix says, on A's own ids", async () => {
    const expected: Record<string, Record<Role, Outcome>> = {};
    const actual: Record<string, Record<Role, Outcome>> = {};
    for (const [route, c] of Object.entries(routeTable)) {
      const want = {} as Record<Role, Outcome>;
      const got = {} as Record<Role, Outcome>;
      for (const role of ["anonymous", "counter", "supervisor", "admin"] as const) {
        want[role] = expectedOutcome(c, role);
        const res = await send(clients[role], route, c, idsOf(role), role === "anonymous");
        await res.body?.cancel();
        got[role] = outcomeOf(res);
      }
      expected[route] = want;
      actual[route] = got;
    }
    expect(actual).toEqual(expected);
  });

  it("answers B's staff with 404 for every id of A, exactly as for an id that does not exist", async () => {
    const missingIds = {
      ...Object.fromEntries(Object.keys(idsA).map((k) => [k, randomUUID()])),
      // A code of the right shape, so that only its absence answers.
      preApplicationCode: shortCodeOf(randomUUID()),
    } as unknown as Ids;
    const failures: string[] = [];
    for (const [route, c] of Object.entries(routeTable)) {
      if (c.scope !== "tenant") continue;
      const clientsB: Array<[string, Client]> = [["admin B", adminB]];
      if (c.access === "staff") clientsB.push(["counter B", counterBRoutes]);
      if (c.access === "supervisor") clientsB.push(["supervisor B", supervisorB]);
      for (const [who, client] of clientsB) {
        const res = await send(client, route, c, idsA);
        const body = await res.text();
        if (res.status !== 404) failures.push(`${who} ${route}: ${res.status}`);
        const leaked = secretsOfA().filter((s) => body.includes(s) && !c.path(idsA).includes(s));
        if (leaked.length > 0) failures.push(`${who} ${route}: shows ${leaked.join(", ")}`);
        const missing = await send(client, route, c, missingIds);
        await missing.body?.cancel();
        if (missing.status !== res.status)
          failures.push(`${who} ${route}: ${res.status} for A's id, ${missing.status} for none`);
      }
    }
    expect(failures).toEqual([]);
  });
});
