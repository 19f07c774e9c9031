import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { staff as staffTable } from "../../src/auth/auth.table";
import { getMunicipalitySettings } from "../../src/catalog/municipalities";
import { dogFamilyMoveIn } from "../../src/forms/fixtures/households";
import { guideHousehold } from "../../src/guidance/guide";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queuePurposes } from "../../src/queue/queue.table";
import { offices } from "../../src/tenancy/tenancy.table";
import { visits } from "../../src/visits/visits.table";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

// What every QR code and link a resident takes home is built from: PUBLIC_URL, never the request's
// Host header (any client can send "Host: evil.example" and would otherwise be put into the QR).
// The texts handed to the QR encoder are recorded, so the test reads what the code itself encodes.
const encoded = vi.hoisted(() => [] as string[]);
vi.mock("qrcode", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import("qrcode") }).default;
  return {
    default: {
      ...real,
      toString: (text: string | Array<{ data: string | Uint8Array }>, options: never) => {
        // A text, or segments (the receipt's one byte segment): what the code encodes either way.
        encoded.push(
          typeof text === "string" ? text : text.map((s) => Buffer.from(s.data).toString("utf8")).join(""),
        );
        return real.toString(text as never, options);
      },
    },
  };
});

const PUBLIC_URL = "https://madoguchi.city.example";
const evil = { host: "evil.example", origin: "http://evil.example" };

let t: TestApp;
let staff: TestUser;
let client: Client;
let chuo = "";
let nishi = "";

/** A request as a client that names another host would send it, with the client's cookies. */
const asEvilHost = (path: string, from: Client, init: RequestInit = {}) =>
  t.app.request(`http://evil.example${path}`, {
    ...init,
    headers: {
      ...evil,
      ...(init.headers as Record<string, string> | undefined),
      cookie: [...from.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    },
  });

/** A family moving in with a dog, its visit accepted at the 西区役所 one-stop counter. */
async function acceptedVisit(): Promise<string> {
  const household = dogFamilyMoveIn();
  const guided = guideHousehold(household, getMunicipalitySettings("kumamoto"));
  if (!guided.ok) throw new Error("the household did not plan");
  const [row] = await t.database.db
    .insert(visits)
    .values({
      municipalityId: "kumamoto",
      officeId: nishi,
      state: "accepted",
      source: "entered",
      household,
      plan: guided.plan,
      createdBy: staff.id,
      acceptedAt: new Date(),
    })
    .returning({ id: visits.id });
  return row?.id ?? "";
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  const db = t.database.db;
  await seedQueue(db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const rows = await db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
  nishi = rows.find((o) => o.code === "nishi")?.id ?? "";
  staff = await t.addUser("public-url-counter", "counter");
  // The visit is at 西区役所: a clerk of that office opens it without the other-office step.
  await db.update(staffTable).set({ officeId: nishi }).where(eq(staffTable.id, staff.id));
  client = await t.signIn(staff);
});
afterAll(() => t.close());

describe("the links a resident takes home", () => {
  it("put PUBLIC_URL, not the request's Host, into the guidance sheet's survey QR and link", async () => {
    const id = await acceptedVisit();
    encoded.length = 0;
    const res = await asEvilHost(`/visits/${id}/sheet`, client);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("evil.example");
    expect(html).toMatch(
      /<p class="sheet-survey-url">https:\/\/madoguchi\.city\.example\/survey\/s\/[\w-]{22}<\/p>/,
    );
    expect(encoded).toHaveLength(1);
    expect(encoded[0]).toMatch(/^https:\/\/madoguchi\.city\.example\/survey\/s\/[\w-]{22}$/);
  });

  it("open the survey in the sheet's language when staff print it in another", async () => {
    const id = await acceptedVisit();
    encoded.length = 0;
    const html = await (await asEvilHost(`/visits/${id}/sheet?lang=vi`, client)).text();
    expect(html).toContain('<article class="sheet" aria-labelledby="sheet-title" lang="vi">');
    expect(encoded[0]).toMatch(/^https:\/\/madoguchi\.city\.example\/survey\/s\/[\w-]{22}\?lang=vi$/);
    // The English sheet names the procedures in English, the staff page around it stays Japanese.
    const en = await (await client.request(`/visits/${id}/sheet?lang=en`)).text();
    expect(en).toContain('<html lang="ja">');
    expect(en).toContain('<span class="sheet-done__name">Notification of moving in</span>');
    expect(en).not.toContain('<span lang="ja">転入届</span>');
  });

  it("put PUBLIC_URL, not the request's Host, into the ticket's phone-page QR and link", async () => {
    const kiosk = t.anonymous();
    await kiosk.request(`/queue/offices/${chuo}/kiosk`);
    const [purpose] = await t.database.db
      .select()
      .from(queuePurposes)
      .where(and(eq(queuePurposes.officeId, chuo), eq(queuePurposes.code, "certificate")));
    encoded.length = 0;
    const res = await asEvilHost(`/queue/offices/${chuo}/kiosk`, kiosk, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: kiosk.cookies.get("mg_csrf") ?? "", purposeId: purpose?.id ?? "" }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("evil.example");
    expect(html).toMatch(/href="https:\/\/madoguchi\.city\.example\/queue\/t\/[\w-]{32}"/);
    expect(encoded).toHaveLength(1);
    expect(encoded[0]).toMatch(/^https:\/\/madoguchi\.city\.example\/queue\/t\/[\w-]{32}$/);
  });
});
