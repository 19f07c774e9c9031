import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DestinationCatalog } from "../../src/handoff/destination.schema";
import { useDestinationCatalog } from "../../src/handoff/destination-catalog";
import { buildDestinations, destinationSettings } from "../../src/handoff/destinations";
import { defaultRetryPolicy } from "../../src/handoff/retry-policy";
import { createHandoffWorker } from "../../src/handoff/worker";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";
import { capturingLogger, rowsOf, TEST_SECRET } from "../support/handoff";
import { signatureDataUrl } from "../support/png";

// A visit accepted through the pages, its deliveries on the visit page and on the supervisors' page,
// a core system that refuses (a permanent 4xx): dead after one attempt, visible, and sent again by a
// supervisor's "retry now" (audited, CSRF-protected, own municipality only).

let t: TestApp;
let counter: TestUser;
let client: Client;
let supervisor: Client;
let dropDir = "";
let core: Server;
let coreAccepts = false;
const coreKeys: string[] = [];

function sampleAnswer(key: string): string {
  if (/pensionNumber/i.test(key)) return "1234567890";
  if (/postal/i.test(key)) return "8600001";
  if (/phone/i.test(key)) return "0963281111";
  if (/date/i.test(key)) return "2026-04-01";
  if (/honseki/i.test(key)) return "熊本県熊本市中央区手取本町1番";
  if (/hittousha|head/i.test(key)) return "𠮷田 太郎";
  if (/kana/i.test(key)) return "クマモト";
  if (/account/i.test(key)) return "1234567";
  if (/bank/i.test(key)) return "0001";
  if (/branch/i.test(key)) return "001";
  return "熊本市中央区手取本町1-1";
}

const household = {
  memberCount: "2",
  "event.type": "move-in",
  "event.date": "2026-04-06",
  "event.origin": "other-municipality",
  "m0.name": "𠮷田 太郎",
  "m0.kana": "ヨシダ タロウ",
  "m0.relation": "head",
  "m0.birthDate": "1990-05-01",
  "m0.sex": "male",
  "m0.insurance": "kokuho",
  "m0.pension": "cat1",
  "m0.moving": "on",
  "m1.name": "𠮷田 花",
  "m1.kana": "ヨシダ ハナ",
  "m1.relation": "child",
  "m1.birthDate": "2019-06-01",
  "m1.sex": "female",
  "m1.insurance": "kokuho",
  "m1.moving": "on",
};

const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";

async function post(who: Client, path: string, fields: Record<string, string | string[]>) {
  const token = await who.csrf("/");
  const body = new URLSearchParams({ _csrf: token });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return who.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
const page = async (who: Client, path: string) => {
  const res = await who.request(path);
  return { status: res.status, html: await res.text() };
};

/** Drives a move-in visit through every step to "accepted", as the counter pages do. */
async function acceptedVisit(): Promise<string> {
  const res = await post(client, "/visits", {});
  const id = (res.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
  let v = await page(client, `/visits/${id}`);
  await post(client, `/visits/${id}/move`, { version: versionOf(v.html), to: "identity" });
  v = await page(client, `/visits/${id}`);
  await post(client, `/visits/${id}/identity`, { version: versionOf(v.html), documents: ["mynumber-card"] });
  v = await page(client, `/visits/${id}`);
  await post(client, `/visits/${id}/household`, { ...household, version: versionOf(v.html), action: "plan" });
  v = await page(client, `/visits/${id}`);
  await post(client, `/visits/${id}/move`, { version: versionOf(v.html), to: "interview" });
  v = await page(client, `/visits/${id}`);
  const answers: Record<string, string> = {};
  // Every interview field (named a.<key> or a.<key>.<member>), whatever attributes come before its name.
  for (const m of v.html.matchAll(/<(input|select)\b[^>]*\sname="(a\.[^"]+)"/g)) {
    const name = m[2] as string;
    const select = v.html.match(
      new RegExp(
        `<select [^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>\\s*<option value="">[^<]*</option>\\s*<option value="([^"]+)"`,
      ),
    );
    answers[name] = select?.[1] ?? sampleAnswer(name.split(".")[1] ?? "");
  }
  expect(
    (await post(client, `/visits/${id}/answers`, { version: versionOf(v.html), ...answers, proceed: "yes" }))
      .status,
  ).toBe(303);
  v = await page(client, `/visits/${id}`);
  expect(
    (await post(client, `/visits/${id}/sign`, { version: versionOf(v.html), signature: signatureDataUrl() }))
      .status,
  ).toBe(303);
  v = await page(client, `/visits/${id}`);
  expect((await post(client, `/visits/${id}/accept`, { version: versionOf(v.html) })).status).toBe(303);
  return id;
}

let catalog: DestinationCatalog;

beforeAll(async () => {
  core = createServer(async (req, res) => {
    for await (const _ of req) {
    }
    coreKeys.push(String(req.headers["idempotency-key"]));
    if (coreAccepts) {
      res.writeHead(201, { "content-type": "application/json" });
      res.end('{"status":"applied"}');
    } else {
      res.writeHead(422, { "content-type": "application/json" });
      res.end('{"error":"unknown municipality code"}');
    }
  });
  await new Promise<void>((resolve) => core.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(core.address() as AddressInfo).port}/in`;
  catalog = {
    municipalities: {
      kumamoto: {
        destinations: [
          {
            id: "core-api",
            kind: "http",
            label: { ja: "住民記録API", en: "Resident API" },
            url,
            procedures: ["juki.*"],
          },
          {
            id: "archive",
            kind: "file",
            label: { ja: "連携ファイル", en: "Linkage files" },
            folder: "archive",
            encoding: "shift_jis",
            layout: "standard",
            procedures: ["*"],
          },
        ],
      },
    },
  };
  useDestinationCatalog(catalog);
  dropDir = mkdtempSync(join(tmpdir(), "mg-handoff-http-"));
  t = await createTestApp({
    HANDOFF_DROP_DIR: dropDir,
    HANDOFF_SECRETS: { "kumamoto/core-api": TEST_SECRET },
  });
  counter = await t.addUser("handoff-counter", "counter");
  client = await t.signIn(counter);
  supervisor = await t.signIn(await t.addUser("handoff-supervisor", "supervisor"));
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => core.close(() => resolve()));
  rmSync(dropDir, { recursive: true, force: true });
});

function worker() {
  const { logger, lines } = capturingLogger();
  const w = createHandoffWorker({
    database: t.database,
    destinations: buildDestinations(catalog, destinationSettings(t.deps.config)),
    logger,
    policy: defaultRetryPolicy,
    concurrency: 8,
    pollMs: 50,
    leaseMs: 10_000,
  });
  return { w, lines };
}

describe("the hand-off of an accepted visit", () => {
  let visitId = "";
  let deadId = "";

  it("enqueues one delivery per application and destination in the accept, shown on the visit page", async () => {
    visitId = await acceptedVisit();
    const rows = await rowsOf<{ destination: string; procedure_id: string; state: string }>(
      t.database.db,
      sql`select d.destination, a.procedure_id, d.state from handoff_deliveries d
          join applications a on a.id = d.application_id where a.visit_id = ${visitId}`,
    );
    const apps = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from applications where visit_id = ${visitId}`,
    );
    expect(rows.filter((r) => r.destination === "archive")).toHaveLength(Number(apps[0]?.n));
    expect(rows.filter((r) => r.destination === "core-api").map((r) => r.procedure_id)).toEqual([
      "juki.move-in",
    ]);
    expect(rows.every((r) => r.state === "pending")).toBe(true);
    const v = await page(client, `/visits/${visitId}`);
    expect(v.html).toContain("基幹システムへの連携");
    expect(v.html).toContain('data-destination="core-api" data-state="pending"');
    expect(v.html).toContain("住民記録API: ");
  });

  it("makes a permanent refusal dead after one attempt, with an alert, and delivers the files", async () => {
    const { w, lines } = worker();
    await w.runOnce();
    const rows = await rowsOf<{
      id: string;
      destination: string;
      state: string;
      attempts: number;
      last_error: string;
    }>(
      t.database.db,
      sql`select d.id, d.destination, d.state, d.attempts, d.last_error from handoff_deliveries d
          join applications a on a.id = d.application_id where a.visit_id = ${visitId}`,
    );
    const dead = rows.find((r) => r.destination === "core-api");
    expect(dead).toMatchObject({
      state: "dead",
      attempts: 1,
      last_error: 'HTTP 422: {"error":"unknown municipality code"}',
    });
    deadId = dead?.id ?? "";
    expect(rows.filter((r) => r.destination === "archive").every((r) => r.state === "done")).toBe(true);
    expect(readdirSync(join(dropDir, "archive")).filter((n) => n.endsWith(".csv")).length).toBe(
      rows.length - 1,
    );
    expect(lines.find((l) => l.alert === "handoff.dead")).toMatchObject({
      level: 50,
      destination: "kumamoto/core-api",
    });
    expect(coreKeys).toHaveLength(1);
    const v = await page(client, `/visits/${visitId}`);
    expect(v.html).toContain('data-destination="core-api" data-state="dead"');
    expect(v.html).toContain("停止（要対応）");
    expect(v.html).toContain("連携停止");
    expect(v.html).toContain('data-destination="archive" data-state="done"');
  });

  it("shows the supervisors the counts per destination and office, the dead delivery and its error", async () => {
    const p = await page(supervisor, "/handoff");
    expect(p.status).toBe(200);
    expect(p.html).toContain("基幹システムへの連携");
    expect(p.html).toMatch(/data-destination="core-api">[\s\S]*?中央区役所[\s\S]*?data-count="dead">1</);
    expect(p.html).toContain(`data-delivery="${deadId}"`);
    expect(p.html).toContain("HTTP 422: {&quot;error&quot;:&quot;unknown municipality code&quot;}");
    expect(p.html).toContain(`action="/handoff/${deadId}/retry"`);
    expect(p.html).toMatch(/data-destination="core-api" data-health="ok"/);
    const filtered = await page(supervisor, "/handoff?state=dead&office=chuo&destination=core-api");
    expect(filtered.html.match(/data-delivery="/g)).toHaveLength(1);
    supervisor.cookies.set("mg_lang", "en");
    const en = await page(supervisor, "/handoff");
    supervisor.cookies.delete("mg_lang");
    expect(en.html).toContain("<h1>Hand-off to the core systems</h1>");
    expect(en.html).toContain("Stopped (needs action)");
  });

  it("lets only supervisors of the same municipality retry, with the form's token", async () => {
    const noToken = await supervisor.request(`/handoff/${deadId}/retry`, {
      method: "POST",
      body: new URLSearchParams({}),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(noToken.status).toBe(403);
    expect((await post(client, `/handoff/${deadId}/retry`, {})).status).toBe(403);
    expect((await client.request("/handoff")).status).toBe(403);
    const outsider = await t.signIn(await t.addUser("yatsushiro-supervisor", "supervisor", "yatsushiro"));
    expect((await post(outsider, `/handoff/${deadId}/retry`, {})).status).toBe(404);
    const [still] = await rowsOf<{ state: string }>(
      t.database.db,
      sql`select state from handoff_deliveries where id = ${deadId}`,
    );
    expect(still?.state).toBe("dead");
  });

  it("sends a dead delivery again on a supervisor's retry now, audited, until it is done", async () => {
    const res = await post(supervisor, `/handoff/${deadId}/retry`, {});
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/handoff\?retried=/);
    expect((await page(supervisor, location)).html).toContain("今すぐ配信するよう戻しました");
    const [audit] = await rowsOf<{ actor_username: string; detail: Record<string, unknown> }>(
      t.database.db,
      sql`select actor_username, detail from audit_log where action = 'handoff.retry' and target_id = ${deadId}`,
    );
    expect(audit).toMatchObject({
      actor_username: "handoff-supervisor",
      detail: { previousState: "dead", destination: "core-api" },
    });
    // A second click finds nothing to retry.
    expect((await post(supervisor, `/handoff/${deadId}/retry`, {})).status).toBe(409);
    coreAccepts = true;
    const { w } = worker();
    await w.runOnce();
    const [row] = await rowsOf<{ state: string; attempts: number }>(
      t.database.db,
      sql`select state, attempts from handoff_deliveries where id = ${deadId}`,
    );
    expect(row).toEqual({ state: "done", attempts: 1 });
    expect(coreKeys).toHaveLength(2);
    expect(new Set(coreKeys).size).toBe(1);
    const v = await page(client, `/visits/${visitId}`);
    expect(v.html).toContain('data-destination="core-api" data-state="done"');
    expect(v.html).toContain("連携済み");
    expect(v.html).not.toContain("連携停止");
  });

  it("answers 404 to another municipality's supervisor on the page: its deliveries are not listed", async () => {
    const outsider = await t.signIn(await t.addUser("yatsushiro-supervisor-2", "supervisor", "yatsushiro"));
    const p = await page(outsider, "/handoff");
    expect(p.status).toBe(200);
    expect(p.html).not.toContain(deadId);
    expect((await outsider.request(`/visits/${visitId}`)).status).toBe(404);
  });
});
