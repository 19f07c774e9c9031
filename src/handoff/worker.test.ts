import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { yatsushiroSeed } from "../../test/support/app";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import {
  capturingLogger,
  rowsOf,
  seedApplications,
  TEST_SECRET,
  testCatalog,
} from "../../test/support/handoff";
import { AppError } from "../shared/errors";
import { kumamotoSeed } from "../tenancy/kumamoto.seed";
import { seedMunicipality } from "../tenancy/municipality-seed";
import type { DestinationCatalog } from "./destination.schema";
import { useDestinationCatalog } from "./destination-catalog";
import { buildDestinations } from "./destinations";
import { handoffRepository } from "./handoff.repository";
import { createReferenceReceiver, type ReferenceReceiver } from "./reference-receiver";
import { retryDelivery } from "./retry-delivery";
import type { RetryPolicy } from "./retry-policy";
import { createHandoffWorker, type HandoffWorkerOptions } from "./worker";

let database: TestDatabase;
let receiver: ReferenceReceiver;
let url = "";
let dir = "";
let catalog: DestinationCatalog;
const appliedCount = new Map<string, number>();
const fast: RetryPolicy = { minDelayMs: 1_000, maxDelayMs: 10_000, factor: 2, jitter: 0.2, maxAttempts: 3 };
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedMunicipality(database.db, kumamotoSeed);
  await seedMunicipality(database.db, yatsushiroSeed);
  dir = mkdtempSync(join(tmpdir(), "mg-worker-"));
  receiver = createReferenceReceiver({
    secrets: [TEST_SECRET],
    keysFile: join(dir, "keys.txt"),
    onApply: (_r, key) => appliedCount.set(key, (appliedCount.get(key) ?? 0) + 1),
    faults: {},
  });
  url = (await receiver.listen()).url;
  catalog = testCatalog(url);
  useDestinationCatalog(catalog);
});
afterAll(async () => {
  await receiver.close();
  await database.destroy();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  offset = 0;
  await database.db.execute(sql`update handoff_deliveries set state = 'done', lease_token = null`);
});

function worker(options: Partial<HandoffWorkerOptions> = {}, destinations = catalog) {
  const { logger, lines } = capturingLogger();
  const w = createHandoffWorker({
    database,
    destinations: buildDestinations(destinations, {
      dropDir: join(dir, "drop"),
      secrets: { "kumamoto/core-api": TEST_SECRET },
      httpTimeoutMs: 2_000,
    }),
    logger,
    policy: fast,
    concurrency: 8,
    pollMs: 20,
    leaseMs: 5_000,
    now,
    random: () => 0.5,
    ...options,
  });
  return { w, lines };
}

const deliveriesOf = (ids: string[]) =>
  rowsOf<{
    id: string;
    application_id: string;
    destination: string;
    state: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
  }>(
    database.db,
    sql`select id, application_id, destination, state, attempts, last_error, next_attempt_at from handoff_deliveries
        where application_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) order by destination`,
  );

describe("the delivery worker", () => {
  it("delivers each due delivery once, marks it done and the application delivered", async () => {
    const ids = await seedApplications(database.db, {
      count: 6,
      procedures: ["juki.move-in", "kokuho.enroll"],
    });
    const rows = await deliveriesOf(ids);
    // juki.* goes to the API and the file drop, kokuho.* to the API only.
    expect(rows).toHaveLength(9);
    const { w } = worker();
    expect(await w.runOnce()).toBe(8);
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(0);
    expect((await deliveriesOf(ids)).every((r) => r.state === "done" && r.attempts === 1)).toBe(true);
    const apps = await rowsOf<{ status: string }>(
      database.db,
      sql`select status from applications where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    expect(apps.every((a) => a.status === "delivered")).toBe(true);
    for (const r of rows.filter((r) => r.destination === "core-api"))
      expect(appliedCount.get(`${r.application_id}:core-api`)).toBe(1);
  });

  it("retries a transient failure on the schedule and delivers when the system is back", async () => {
    const [id] = await seedApplications(database.db, { count: 1, procedures: ["kokuho.enroll"] });
    const faults = (receiver as unknown as { stats: unknown }) && { failBeforeApplyRate: 1 };
    const w = createReferenceReceiver({ secrets: [TEST_SECRET], keysFile: join(dir, "flaky.txt"), faults });
    const flakyUrl = (await w.listen()).url;
    const flaky = testCatalog(flakyUrl);
    const { w: worker1, lines } = worker({}, flaky);
    const before = now();
    await worker1.runOnce();
    let [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({
      state: "retrying",
      attempts: 1,
      last_error: 'HTTP 500: {"status":"fault-before-apply"}',
    });
    // The first interval of the schedule (random 0.5: no jitter).
    expect(new Date(row?.next_attempt_at as Date).getTime() - before.getTime()).toBeGreaterThanOrEqual(1_000);
    expect(new Date(row?.next_attempt_at as Date).getTime() - before.getTime()).toBeLessThan(1_500);
    expect(await worker1.runOnce()).toBe(0);
    expect(lines.some((l) => l.msg === "delivery failed; will retry")).toBe(true);
    faults.failBeforeApplyRate = 0;
    offset = 1_500;
    expect(await worker1.runOnce()).toBe(1);
    [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({ state: "done", attempts: 2 });
    await w.close();
  });

  it("makes a permanent refusal dead after one attempt, with an alert, until a supervisor retries it", async () => {
    const [id] = await seedApplications(database.db, { count: 1, procedures: ["kokuho.enroll"] });
    const refusing = createReferenceReceiver({
      secrets: ["another-secret-that-is-long-enough-0123456789"],
      keysFile: join(dir, "refusing.txt"),
    });
    const refusingUrl = (await refusing.listen()).url;
    const { w, lines } = worker({}, testCatalog(refusingUrl));
    await w.runOnce();
    let [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({
      state: "dead",
      attempts: 1,
      last_error: 'HTTP 401: {"status":"signature-mismatch"}',
    });
    const alert = lines.find((l) => l.alert === "handoff.dead");
    expect(alert).toMatchObject({ level: 50, key: `${id}:core-api`, destination: "kumamoto/core-api" });
    const [app] = await rowsOf<{ status: string }>(
      database.db,
      sql`select status from applications where id = ${id}`,
    );
    expect(app?.status).toBe("failed");
    expect(await w.runOnce()).toBe(0);
    await refusing.close();

    const [staffRow] = await rowsOf<{ id: string; office_id: string }>(
      database.db,
      sql`select id, office_id from staff where municipality_id = 'kumamoto' limit 1`,
    );
    const scope = {
      municipalityId: "kumamoto",
      staffId: staffRow?.id as string,
      username: "sup",
      officeId: staffRow?.office_id as string,
    };
    await expect(
      retryDelivery(database.db, {
        scope: { ...scope, municipalityId: "yatsushiro" },
        deliveryId: row?.id as string,
        now: now(),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await retryDelivery(database.db, { scope, deliveryId: row?.id as string, now: now() });
    [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({ state: "pending", attempts: 0 });
    const audit = await rowsOf<{ detail: Record<string, unknown> }>(
      database.db,
      sql`select detail from audit_log where action = 'handoff.retry' and target_id = ${row?.id}`,
    );
    expect(audit[0]?.detail).toMatchObject({ previousState: "dead", attempts: 1, destination: "core-api" });
    // A second "retry now" has nothing to retry.
    await expect(
      retryDelivery(database.db, { scope, deliveryId: row?.id as string, now: now() }),
    ).rejects.toBeInstanceOf(AppError);
    const { w: good } = worker();
    await good.runOnce();
    [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({ state: "done", attempts: 1 });
    const [after] = await rowsOf<{ status: string }>(
      database.db,
      sql`select status from applications where id = ${id}`,
    );
    expect(after?.status).toBe("delivered");
  });

  it("starts with misconfigured destinations, names each and why, and keeps their deliveries pending", async () => {
    const plainFile = join(dir, "plain-file");
    writeFileSync(plainFile, "x");
    const broken: DestinationCatalog = {
      municipalities: {
        kumamoto: {
          destinations: [
            {
              id: "juki-file",
              kind: "file",
              label: { ja: "x", en: "x" },
              folder: join(plainFile, "juki"),
              encoding: "utf-8",
              layout: "standard",
              procedures: ["juki.*"],
            },
            {
              id: "core-api",
              kind: "http",
              label: { ja: "x", en: "x" },
              url: "http://no-such-host.invalid/in",
              procedures: ["juki.*", "kokuho.*"],
            },
            { id: "nosecret", kind: "http", label: { ja: "x", en: "x" }, url: url, procedures: ["kokuho.*"] },
          ],
        },
      },
    };
    const ids = await seedApplications(database.db, {
      count: 2,
      procedures: ["juki.move-in", "kokuho.enroll"],
    });
    const { w, lines } = worker({}, broken);
    const health = await w.start();
    await w.stop();
    const problem = (name: string) => health.find((h) => h.name === name)?.problem ?? "";
    expect(problem("kumamoto/juki-file")).toMatch(/not writable \(ENOTDIR/);
    expect(problem("kumamoto/core-api")).toMatch(/unknown host no-such-host\.invalid/);
    expect(problem("kumamoto/nosecret")).toBe('no secret: set HANDOFF_SECRETS["kumamoto/nosecret"]');
    const logged = lines.filter((l) => l.msg?.toString().startsWith("handoff destination misconfigured"));
    expect(logged.map((l) => l.destination).sort()).toEqual([
      "kumamoto/core-api",
      "kumamoto/juki-file",
      "kumamoto/nosecret",
    ]);
    expect(await w.runOnce()).toBe(0);
    const rows = await deliveriesOf(ids);
    expect(
      rows
        .filter((r) => r.destination === "core-api")
        .every((r) => r.state === "pending" && r.attempts === 0),
    ).toBe(true);
    // Once fixed (here: the right configuration), the same deliveries go out.
    const { w: fixed } = worker();
    await fixed.runOnce();
    expect(
      (await deliveriesOf(ids)).filter((r) => r.destination !== "nosecret").every((r) => r.state === "done"),
    ).toBe(true);
  });

  it("refuses a secret that is too short", async () => {
    const destinations = buildDestinations(testCatalog(url), {
      dropDir: join(dir, "drop"),
      secrets: { "kumamoto/core-api": "short" },
      httpTimeoutMs: 1000,
    });
    expect(await destinations.find((d) => d.name === "kumamoto/core-api")?.check({ create: false })).toMatch(
      /shorter than 32/,
    );
  });

  it("gives a delivery claimed by a worker that died to another when the lease runs out", async () => {
    const [id] = await seedApplications(database.db, { count: 1, procedures: ["kokuho.enroll"] });
    const claimed = await handoffRepository(database.db).claim({
      now: now(),
      leaseUntil: new Date(now().getTime() + 5_000),
      limit: 10,
      enabled: ["kumamoto/core-api"],
      workerId: "dead-worker",
    });
    expect(claimed.map((c) => c.applicationId)).toEqual([id]);
    const { w } = worker();
    expect(await w.runOnce()).toBe(0);
    offset = 5_100;
    expect(await w.runOnce()).toBe(1);
    const [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({ state: "done", attempts: 2 });
  });

  it("makes a delivery dead when its worker died during the last allowed attempt", async () => {
    const [id] = await seedApplications(database.db, { count: 1, procedures: ["kokuho.enroll"] });
    const repo = handoffRepository(database.db);
    for (let i = 0; i < fast.maxAttempts; i++) {
      offset = i * 6_000;
      await repo.claim({
        now: now(),
        leaseUntil: new Date(now().getTime() + 5_000),
        limit: 10,
        enabled: ["kumamoto/core-api"],
        workerId: "crashing",
      });
    }
    offset = fast.maxAttempts * 6_000;
    const { w, lines } = worker();
    expect(await w.runOnce()).toBe(1);
    const [row] = await deliveriesOf([id as string]);
    expect(row).toMatchObject({
      state: "dead",
      last_error: "the worker stopped during the last allowed attempt",
    });
    expect(lines.some((l) => l.alert === "handoff.dead")).toBe(true);
    expect(appliedCount.get(`${id}:core-api`)).toBeUndefined();
  });

  it("does not claim deliveries for another worker's lease, nor lose a result recorded after the lease moved on", async () => {
    const [id] = await seedApplications(database.db, { count: 1, procedures: ["kokuho.enroll"] });
    const repo = handoffRepository(database.db);
    const at = now();
    const [first] = await repo.claim({
      now: at,
      leaseUntil: new Date(at.getTime() + 1_000),
      limit: 1,
      enabled: ["kumamoto/core-api"],
      workerId: "a",
    });
    expect(
      await repo.claim({
        now: at,
        leaseUntil: new Date(at.getTime() + 1_000),
        limit: 1,
        enabled: ["kumamoto/core-api"],
        workerId: "b",
      }),
    ).toEqual([]);
    const later = new Date(at.getTime() + 2_000);
    const [second] = await repo.claim({
      now: later,
      leaseUntil: new Date(later.getTime() + 1_000),
      limit: 1,
      enabled: ["kumamoto/core-api"],
      workerId: "b",
    });
    expect(second?.applicationId).toBe(id);
    // The first worker's late result does not count: its lease was taken over.
    const late = await database.db.transaction((tx) =>
      handoffRepository(tx).complete({
        deliveryId: first?.deliveryId as string,
        applicationId: id as string,
        leaseToken: first?.leaseToken as string,
        state: "done",
        now: later,
      }),
    );
    expect(late).toBe(false);
    const current = await database.db.transaction((tx) =>
      handoffRepository(tx).complete({
        deliveryId: second?.deliveryId as string,
        applicationId: id as string,
        leaseToken: second?.leaseToken as string,
        state: "done",
        now: later,
      }),
    );
    expect(current).toBe(true);
  });
});
