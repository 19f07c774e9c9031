import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { addressMatcher, isAddressOrRange } from "../../src/shared/address-range";
import { offices } from "../../src/tenancy/tenancy.table";
import { applications } from "../../src/visits/visits.table";
import { createTestApp, type TestApp } from "../support/app";
import { seedApplications } from "../support/handoff";

// GET /metrics: Prometheus text for the monitoring network only, labels made of route patterns and
// codes, never of ids.
let t: TestApp;
let visitId: string;
let chuo: string;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A request as if it came from this socket address (the node server puts the socket in env). */
const from = (address: string, path = "/metrics") =>
  t.app.request(
    `http://localhost${path}`,
    { headers: { host: "localhost" } },
    {
      incoming: { socket: { remoteAddress: address } },
    },
  );

const scrape = async () => {
  const res = await from("127.0.0.1");
  expect(res.status).toBe(200);
  return res.text();
};

/** The value of one sample, by its name and labels as printed. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

beforeAll(async () => {
  t = await createTestApp({ METRICS_ALLOW: ["127.0.0.1", "::1", "10.20.0.0/16"] });
  const db = t.database.db;
  await seedQueue(db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  chuo = (await db.select().from(offices).where(eq(offices.code, "chuo")))[0]?.id ?? "";
  const [applicationId] = await seedApplications(db, { count: 3, procedures: ["juki.tennyu"] });
  visitId =
    (
      await db
        .select()
        .from(applications)
        .where(eq(applications.id, applicationId ?? ""))
    )[0]?.visitId ?? "";
  // One delivery enqueued two hours ago: the oldest undelivered one.
  await db.execute(
    sql`update handoff_deliveries set created_at = now() - interval '2 hours'
        where id = (select id from handoff_deliveries order by created_at limit 1)`,
  );
});
afterAll(async () => {
  await t?.close();
});

describe("who may read /metrics", () => {
  it("answers this machine and the configured ranges in the Prometheus text format", async () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.20.3.4"]) {
      const res = await from(address);
      expect(res.status, address).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers any other address, or an unknown one, with the same 404 as a path that does not exist", async () => {
    for (const address of ["192.0.2.10", "10.21.0.1", "2001:db8::1", "::ffff:192.0.2.10"]) {
      const res = await from(address);
      expect(res.status, address).toBe(404);
      expect(await res.text()).not.toContain("madoguchi_");
    }
    // app.request without a socket: no address at all.
    expect((await t.anonymous().request("/metrics")).status).toBe(404);
  });

  it("reads METRICS_ALLOW as a list of addresses and CIDR ranges, refusing anything else", () => {
    const ok = parseConfig({ METRICS_ALLOW: " 10.0.0.0/8, fd00::/8 ,192.0.2.1" });
    expect(ok.ok && ok.config.METRICS_ALLOW).toEqual(["10.0.0.0/8", "fd00::/8", "192.0.2.1"]);
    const fallback = parseConfig({});
    expect(fallback.ok && fallback.config.METRICS_ALLOW).toEqual(["127.0.0.1", "::1"]);
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.1/8/2", "::1/129", "*"]) {
      expect(isAddressOrRange(bad), bad).toBe(false);
      const result = parseConfig({ METRICS_ALLOW: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.problems.join("\n")).toContain("METRICS_ALLOW");
    }
    const allowed = addressMatcher(["10.0.0.0/8", "::1"]);
    expect([allowed("10.255.0.1"), allowed("11.0.0.1"), allowed("::1"), allowed(null), allowed("x")]).toEqual(
      [true, false, true, false, false],
    );
  });
});

describe("what /metrics reports", () => {
  it("names every metric the operations guide documents", async () => {
    const text = await scrape();
    for (const name of [
      "madoguchi_http_requests_total",
      "madoguchi_http_request_duration_seconds",
      "madoguchi_sse_streams_open",
      "madoguchi_queue_tickets_waiting",
      "madoguchi_handoff_backlog",
      "madoguchi_handoff_oldest_undelivered_seconds",
      "madoguchi_db_pool_connections",
      "madoguchi_database_up",
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, "madoguchi_database_up")).toBe(1);
    const engine = t.database.kind;
    if (engine === "pglite") {
      expect(sample(text, 'madoguchi_db_pool_connections{engine="pglite",state="in_use"}')).toBe(1);
      expect(sample(text, 'madoguchi_db_pool_connections{engine="pglite",state="max"}')).toBe(1);
    } else {
      expect(sample(text, 'madoguchi_db_pool_connections{engine="postgres",state="max"}')).toBe(5);
    }
  });

  it("counts requests under the route pattern, and no label anywhere holds a visit id", async () => {
    const staff = await t.signIn(await t.addUser("metrics-counter", "counter"));
    // Whatever the page answers (a visit whose applications are accepted may refuse), it is counted.
    const page = await staff.request(`/visits/${visitId}`);
    await staff.request(`/visits/${visitId}/sheet`);
    await t.anonymous().request(`/queue/offices/${chuo}/kiosk`);
    const text = await scrape();
    expect(
      sample(text, `madoguchi_http_requests_total{method="GET",route="/visits/:id",status="${page.status}"}`),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain('route="/visits/:id/sheet"');
    expect(text).toContain('route="/queue/offices/:officeId/kiosk"');
    expect(text).not.toContain(visitId);
    expect(text).not.toContain(chuo);
    expect(text.match(UUID)).toBeNull();
  });

  it("counts each delivery not done by destination and state, and the age of the oldest", async () => {
    const text = await scrape();
    expect(
      sample(text, 'madoguchi_handoff_backlog{municipality="kumamoto",destination="juki",state="pending"}'),
    ).toBe(3);
    const oldest = sample(
      text,
      'madoguchi_handoff_oldest_undelivered_seconds{municipality="kumamoto",destination="juki"}',
    );
    expect(oldest).toBeGreaterThanOrEqual(7_190);
    expect(oldest).toBeLessThan(7_500);
  });

  it("counts the tickets waiting today per office, and each open stream until it closes", async () => {
    const waiting = 'madoguchi_queue_tickets_waiting{municipality="kumamoto",office="chuo"}';
    const before = sample(await scrape(), waiting);
    expect(before).toBe(0);
    const kiosk = t.anonymous();
    await kiosk.request(`/queue/offices/${chuo}/kiosk`);
    const purposeId = (await kiosk.request(`/queue/offices/${chuo}/kiosk`).then((r) => r.text())).match(
      /name="purposeId" value="([0-9a-f-]{36})"/,
    )?.[1];
    const issued = await kiosk.request(`/queue/offices/${chuo}/kiosk`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: kiosk.cookies.get("mg_csrf") ?? "", purposeId: purposeId ?? "" }),
    });
    expect(issued.status).toBe(200);
    expect(sample(await scrape(), waiting)).toBe(1);

    const open = 'madoguchi_sse_streams_open{kind="display"}';
    expect(sample(await scrape(), open)).toBe(0);
    const stream = await t.anonymous().request(`/queue/offices/${chuo}/display/events`);
    expect(stream.status).toBe(200);
    expect(sample(await scrape(), open)).toBe(1);
    await stream.body?.cancel();
    expect(sample(await scrape(), open)).toBe(0);
  });
});
