import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashShortCode, hashToken, normalizeShortCode } from "../../src/preapply/pre-application";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

const family = JSON.parse(
  readFileSync(new URL("../fixtures/examples/move-in-young-family.json", import.meta.url), "utf8"),
) as { event: Record<string, unknown>; members: Array<Record<string, unknown>> };

let t: TestApp;
let counter: TestUser;
let yatsushiro: TestUser;
let staff: Client;
let otherStaff: Client;

beforeAll(async () => {
  t = await createTestApp();
  [counter, yatsushiro] = await Promise.all([
    t.addUser("pa-counter", "counter"),
    t.addUser("pa-yatsushiro", "counter", "yatsushiro"),
  ]);
  staff = await t.signIn(counter);
  otherStaff = await t.signIn(yatsushiro);
});
afterAll(async () => {
  await t?.close();
});

type Created = { code: string; expiresAt: string; url: string };
type ErrorBody = {
  error: { code: string; reason?: string; problems: Array<{ path: string; code: string; en: string }> };
};

const create = (body: unknown, headers: Record<string, string> = {}) =>
  t.anonymous().request("/api/v1/pre-applications", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", origin: "", ...headers },
  });

describe("POST /api/v1/pre-applications", () => {
  it("keeps a valid household without a session and answers its code, expiry and page, never cached", async () => {
    const res = await create({ municipality: "kumamoto", household: family });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Created;
    expect(body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(body.url).toMatch(/^http:\/\/localhost\/pre-apply\/t\/[A-Za-z0-9_-]{43}$/);
    // 14 days by default, to the end of that day in Japan.
    const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThanOrEqual(15);
    expect(body.expiresAt.endsWith("T14:59:59.000Z")).toBe(true);
    // Only hashes are kept: neither the token nor the code appears in the row.
    const token = body.url.split("/").pop() ?? "";
    const rows = await t.database.pool?.query("select 1"); // PostgreSQL only; the repository check below is for both
    void rows;
    const { preApplicationRepository } = await import("../../src/preapply/pre-application.repository");
    const row = await preApplicationRepository(t.database.db).findByTokenHash(hashToken(token));
    expect(row?.codeHash).toBe(hashShortCode(normalizeShortCode(body.code) ?? ""));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(body.code.replace("-", ""));
  });

  it("refuses an invalid household with 422 naming each field", async () => {
    const bad = {
      ...family,
      members: [
        { ...family.members[0], birthDate: "2026-13-40" },
        { ...family.members[1], relation: "stranger" },
      ],
    };
    const res = await create({ municipality: "kumamoto", household: bad });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    const paths = body.error.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(["household.members[0].birthDate", "household.members[1].relation"]),
    );
    for (const p of body.error.problems) expect(p.en.length).toBeGreaterThan(0);
  });

  it("refuses a 12-digit 個人番号 in any field", async () => {
    const withNumber = {
      ...family,
      members: [{ ...family.members[0], name: "熊本 太郎 123456789018" }, ...family.members.slice(1)],
    };
    const res = await create({ municipality: "kumamoto", household: withNumber });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.problems.map((p) => p.code)).toContain("common.myNumberRefused");
  });

  it("refuses an unknown municipality, malformed JSON and a body over the size limit", async () => {
    const unknown = await create({ municipality: "atlantis", household: family });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorBody).error.problems[0]?.path).toBe("municipality");
    expect((await create("{not json")).status).toBe(400);
    const huge = { ...family, answers: { note: "x".repeat(200_000) } };
    expect((await create({ municipality: "kumamoto", household: huge })).status).toBe(413);
  });
});

describe("GET /api/v1/pre-applications/{code}", () => {
  let code = "";
  beforeAll(async () => {
    code = ((await (await create({ municipality: "kumamoto", household: family })).json()) as Created).code;
  });

  it("is hidden without a staff session", async () => {
    const res = await t.anonymous().request(`/api/v1/pre-applications/${code}`);
    expect(res.status).toBe(401);
  });

  it("answers the household, marked as the resident's, to staff of the municipality, and audits the read", async () => {
    const res = await staff.request(`/api/v1/pre-applications/${code.toLowerCase()}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      state: string;
      memberCount: number;
      household: { members: unknown[] };
    };
    expect(body.state).toBe("submitted");
    expect(body).toMatchObject({ enteredBy: "resident", verified: false });
    expect(body.memberCount).toBe(3);
    expect(body.household.members).toHaveLength(3);
    const { auditRepository } = await import("../../src/auth/audit.repository");
    const entries = await auditRepository(t.database.db).list("kumamoto", { action: "preapply.read" });
    expect(entries.length).toBeGreaterThan(0);
  });

  it("answers another municipality's code as not found, like a code nobody has", async () => {
    const other = await otherStaff.request(`/api/v1/pre-applications/${code}`);
    const nobody = await otherStaff.request("/api/v1/pre-applications/00000-00000");
    expect(other.status).toBe(404);
    expect(nobody.status).toBe(404);
    const a = (await other.json()) as ErrorBody;
    const b = (await nobody.json()) as ErrorBody;
    expect(a.error.reason).toBe(b.error.reason);
    expect(a.error.problems).toEqual(b.error.problems);
  });

  it("answers 422 for text that is neither a code nor a token", async () => {
    const res = await staff.request("/api/v1/pre-applications/hello");
    expect(res.status).toBe(422);
  });
});

describe("the resident's pages", () => {
  it("walk from the event to the code: household form, plan with due dates, privacy notice, QR and withdraw", async () => {
    const resident = t.anonymous();
    const start = await resident.request("/pre-apply/kumamoto");
    expect(start.status).toBe(200);
    expect(await start.text()).toContain("個人情報の取扱い");
    const form = await resident.request("/pre-apply/kumamoto/household?event=move-in");
    expect(form.status).toBe(200);
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const fields: Record<string, string> = {
      _csrf: csrf,
      action: "plan",
      "event.type": "move-in",
      "event.date": "令和8年4月6日",
      "event.origin": "other-municipality",
      memberCount: "1",
      filer: "m1",
      "m0.name": "熊本 太郎",
      "m0.kana": "クマモト タロウ",
      "m0.relation": "head",
      "m0.birthDate": "1993-08-19",
      "m0.sex": "male",
      "m0.moving": "yes",
      "m0.insurance": "kokuho",
      "m0.pension": "cat1",
      "m0.nationality": "JP",
    };
    const check = await resident.request("/pre-apply/kumamoto/household", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const checkHtml = await check.text();
    expect(check.status, checkHtml.slice(0, 3000)).toBe(200);
    expect(checkHtml).toContain("転入届");
    const household = checkHtml.match(/name="household" value="([^"]+)"/)?.[1] ?? "";
    const submitted = await resident.request("/pre-apply/kumamoto/submit", {
      method: "POST",
      body: new URLSearchParams({
        _csrf: csrf,
        action: "submit",
        household: household.replaceAll("&quot;", '"').replaceAll("&amp;", "&"),
      }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(submitted.status).toBe(303);
    const where = submitted.headers.get("location") ?? "";
    expect(where).toMatch(/^\/pre-apply\/t\/[A-Za-z0-9_-]{43}\?new=1$/);
    const done = await resident.request(where);
    const doneHtml = await done.text();
    expect(done.status).toBe(200);
    expect(doneHtml).toMatch(/<svg/);
    const code = doneHtml.match(/data-testid="short-code">.*?<span aria-hidden="true">([^<]+)</s)?.[1] ?? "";
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const png = await resident.request(`${where.replace("?new=1", "")}/qr.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    const summary = await resident.request(`${where.replace("?new=1", "")}/summary`);
    expect(await summary.text()).toContain(code);
    const withdrawn = await resident.request(`${where.replace("?new=1", "")}/withdraw`, {
      method: "POST",
      body: new URLSearchParams({ _csrf: csrf }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(withdrawn.status).toBe(200);
    const after = await staff.request(`/api/v1/pre-applications/${code}`);
    expect(((await after.json()) as { state: string; household: unknown }).household).toBeNull();
  });
});

describe("the counter's reception step", () => {
  const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";
  const post = async (path: string, fields: Record<string, string>) => {
    const token = await staff.csrf("/visits");
    return staff.request(path, {
      method: "POST",
      body: new URLSearchParams({ _csrf: token, ...fields }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  };
  const newVisit = async () => {
    const res = await post("/visits", {});
    const id = (res.headers.get("location") ?? "").match(/\/visits\/([0-9a-f-]{36})/)?.[1] ?? "";
    const html = await (await staff.request(`/visits/${id}`)).text();
    return { id, version: versionOf(html), html };
  };

  it("opens the visit from the scanned URL with the household marked as the resident's, and uses the code up", async () => {
    const created = (await (await create({ municipality: "kumamoto", household: family })).json()) as Created;
    const visit = await newVisit();
    expect(visit.html).toContain('id="pre-application-code"');
    // A USB scanner in keyboard mode types the QR's content and Enter: a normal submit.
    const loaded = await post(`/visits/${visit.id}/pre-application`, {
      version: visit.version,
      preApplicationCode: created.url,
    });
    expect(loaded.status).toBe(303);
    const html = await (await staff.request(`/visits/${visit.id}`)).text();
    expect(html).toContain('data-testid="pre-application-loaded"');
    expect(html).toContain("熊本 太郎");
    const row = (await staff.request(`/api/v1/pre-applications/${created.code}`).then((r) => r.json())) as {
      state: string;
      household: unknown;
    };
    expect(row).toMatchObject({ state: "consumed", household: null });
    // Identity is still checked face to face; the household step then starts from the resident's entry.
    const idHtml = await (await staff.request(`/visits/${visit.id}`)).text();
    await post(`/visits/${visit.id}/move`, { version: versionOf(idHtml), to: "identity" });
    const atIdentity = await (await staff.request(`/visits/${visit.id}`)).text();
    const verified = await post(`/visits/${visit.id}/identity`, {
      version: versionOf(atIdentity),
      documents: "drivers-licence",
    });
    expect(verified.status).toBe(303);
    const household = await (await staff.request(`/visits/${visit.id}`)).text();
    expect(household).toContain('value="熊本 花子"');
    expect(household).toContain('value="クマモト ヒナタ"');
  });

  it("tells the clerk whether a code is used, unknown, withdrawn or unreadable", async () => {
    const created = (await (await create({ municipality: "kumamoto", household: family })).json()) as Created;
    const first = await newVisit();
    expect(
      (
        await post(`/visits/${first.id}/pre-application`, {
          version: first.version,
          preApplicationCode: created.code,
        })
      ).status,
    ).toBe(303);
    const second = await newVisit();
    const used = await post(`/visits/${second.id}/pre-application`, {
      version: second.version,
      preApplicationCode: created.code,
    });
    expect(used.status).toBe(409);
    expect(await used.text()).toContain("すでに窓口で使われています");
    const unknown = await post(`/visits/${second.id}/pre-application`, {
      version: second.version,
      preApplicationCode: "00000-00000",
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("この受付コードの事前入力はありません");
    const unreadable = await post(`/visits/${second.id}/pre-application`, {
      version: second.version,
      preApplicationCode: "こんにちは",
    });
    expect(unreadable.status).toBe(422);
    const withdrawnUrl = (
      (await (await create({ municipality: "kumamoto", household: family })).json()) as Created
    ).url;
    const token = withdrawnUrl.split("/").pop() ?? "";
    const { withdrawPreApplication } = await import("../../src/preapply/withdraw-pre-application");
    await withdrawPreApplication(t.database.db, { token, now: new Date() });
    const withdrawn = await post(`/visits/${second.id}/pre-application`, {
      version: second.version,
      preApplicationCode: withdrawnUrl,
    });
    expect(withdrawn.status).toBe(409);
    expect(await withdrawn.text()).toContain("住民が取り消しています");
  });

  it("offers a camera reader beside the code field, hidden until its script runs, with the camera allowed for this site only", async () => {
    const visit = await newVisit();
    const res = await staff.request(`/visits/${visit.id}`);
    expect(res.headers.get("permissions-policy")).toContain("camera=(self)");
    expect(res.headers.get("permissions-policy")).not.toMatch(/camera=\*|camera=\([^)]*"/);
    const html = await res.text();
    const form = html.match(/<form[^>]*pre-application-code[\s\S]*?<\/form>/)?.[0] ?? "";
    expect(form).toMatch(/<div class="code-scan" data-code-scan[^>]*hidden/);
    expect(form).toContain("カメラで読み取る");
    expect(form).toMatch(/<script type="module" src="\/static\/[^"]*code-scan[^"]*\.js"/);
    const script = form.match(/src="(\/static\/[^"]*code-scan[^"]*\.js)"/)?.[1] ?? "";
    const js = await staff.request(script);
    expect(js.status).toBe(200);
    expect(await js.text()).toContain("getUserMedia");
    await staff.request("/lang?to=en");
    const english = await (await staff.request(`/visits/${visit.id}`)).text();
    await staff.request("/lang?to=ja");
    expect(english).toContain("Read with the camera");
  });

  it("shows where the resident's entry and the opened registry household differ, saying the registry's is used", async () => {
    const { writeRows, registryRow } = await import("../../src/registry/registry.test-support");
    const { rowsOf } = await import("../support/database");
    const { sql } = await import("drizzle-orm");
    await writeRows(t.database.db, "kumamoto", [
      registryRow({
        residentNo: "PA-R1",
        householdNo: "PA-H1",
        name: "熊本\u3000太郎",
        kana: "クマモト\u3000タロー",
        birthDate: "1993-08-19",
        sex: "male",
      }),
    ]);
    const [h] = await rowsOf<{ householdId: string; residentId: string }>(
      t.database.db,
      sql`select h.id as "householdId", r.id as "residentId" from registry_households h
          join registry_residents r on r.household_id = h.id
          where h.municipality_id = 'kumamoto' and h.household_no = 'PA-H1'`,
    );
    const created = (await (await create({ municipality: "kumamoto", household: family })).json()) as Created;
    const visit = await newVisit();
    await post(`/visits/${visit.id}/pre-application`, {
      version: visit.version,
      preApplicationCode: created.code,
    });
    await post(`/visits/${visit.id}/move`, {
      version: versionOf(await (await staff.request(`/visits/${visit.id}`)).text()),
      to: "identity",
    });
    await post(`/visits/${visit.id}/identity`, {
      version: versionOf(await (await staff.request(`/visits/${visit.id}`)).text()),
      documents: "drivers-licence",
    });
    const before = await (await staff.request(`/visits/${visit.id}`)).text();
    expect(before).not.toContain('data-testid="resident-differences"');
    const opened = await post(`/visits/${visit.id}/registry-household`, {
      version: versionOf(before),
      householdId: h?.householdId ?? "",
      residentId: h?.residentId ?? "",
      reason: "move-within",
    });
    expect(opened.status).toBe(303);
    const html = await (await staff.request(opened.headers.get("location") ?? "")).text();
    const panel = html.match(/<section[^>]*data-testid="resident-differences"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(panel).toContain("住民記録の内容を使っています");
    // One row: the kana, as the resident typed it and as registered; the name matched, so it is not listed.
    const rows = [...panel.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("フリガナ");
    expect(rows[0]).toContain("熊本\u3000太郎");
    expect(rows[0]).toMatch(/クマモト タロウ[\s\S]*クマモト\u3000タロー/);
    // The form itself uses the registry's fact.
    expect(html.replace(panel, "")).toContain("クマモト\u3000タロー");
    expect(html.replace(panel, "")).not.toContain("クマモト タロウ");
  });

  it("refuses another municipality's code as unknown", async () => {
    const created = (await (
      await create({ municipality: "yatsushiro", household: family })
    ).json()) as Created;
    const visit = await newVisit();
    const res = await post(`/visits/${visit.id}/pre-application`, {
      version: visit.version,
      preApplicationCode: created.code,
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("この受付コードの事前入力はありません");
  });
});

describe("the purge", () => {
  it("expires entries past their day and clears the household and hashes of expired and withdrawn ones", async () => {
    const { purgePreApplications } = await import("../../src/preapply/purge-pre-applications");
    const { preApplicationRepository } = await import("../../src/preapply/pre-application.repository");
    const created = (await (await create({ municipality: "kumamoto", household: family })).json()) as Created;
    const token = created.url.split("/").pop() ?? "";
    const later = new Date(Date.parse(created.expiresAt) + 1000);
    const counts = await purgePreApplications(t.database.db, later);
    expect(counts.expired).toBeGreaterThanOrEqual(1);
    expect(counts.purged).toBeGreaterThanOrEqual(counts.expired);
    expect(await preApplicationRepository(t.database.db).findByTokenHash(hashToken(token))).toBeUndefined();
    const kept = await preApplicationRepository(t.database.db).counts("kumamoto", new Date(0), later, later);
    expect(kept.expired).toBeGreaterThanOrEqual(1);
    expect(kept.consumed).toBeGreaterThanOrEqual(2);
    expect(kept.fieldsSaved).toBeGreaterThan(0);
    // A second run finds nothing left to do.
    expect(await purgePreApplications(t.database.db, later)).toEqual({ expired: 0, purged: 0 });
  });
});

describe("the KPI dashboard", () => {
  it("shows pre-applications created, used at the counter and the fields saved per visit", async () => {
    expect((await create({ municipality: "kumamoto", household: family })).status).toBe(201);
    const supervisor = await t.signIn(await t.addUser("pa-supervisor", "supervisor"));
    const res = await supervisor.request("/kpi");
    expect(res.status).toBe(200);
    const html = await res.text();
    const panel = html.slice(html.indexOf('data-testid="kpi-pre-applications"'));
    expect(panel).toContain("事前入力");
    expect(panel).toContain("窓口で利用");
    expect(panel).toMatch(/<dt>作成<\/dt><dd>\d+<\/dd>/);
  });
});

describe("hostile input on the resident's pages", () => {
  it.each([
    '{"members":[null,1,"x",[]],"event":5,"filer":"m9","previousAddress":7,"answers":[]}',
    '{"members":[{"name":{"ja":1},"birthDate":[],"flags":"x"}],"event":{"type":7,"date":{}}}',
    "[]",
    '"text"',
    "null",
  ])("answers a carried household of %s with the form, never a 500", async (household) => {
    const resident = t.anonymous();
    const html = await (await resident.request("/pre-apply/kumamoto/household?event=death")).text();
    const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    for (const path of ["/pre-apply/kumamoto/household", "/pre-apply/kumamoto/submit"]) {
      const res = await resident.request(path, {
        method: "POST",
        body: new URLSearchParams({ _csrf: csrf, action: "edit", household }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect([200, 422], `${path} ${household}`).toContain(res.status);
    }
  });
});

describe("the creation limit", () => {
  it("answers 429 with Retry-After once a client address has created its budget for the hour", async () => {
    let res: Response | undefined;
    for (let i = 0; i < 25; i++) {
      res = await create({ municipality: "kumamoto", household: family });
      if (res.status === 429) break;
      expect(res.status).toBe(201);
    }
    expect(res?.status).toBe(429);
    expect(Number(res?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
