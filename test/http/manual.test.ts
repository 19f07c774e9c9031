import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importEntries } from "../../src/manual/import-entries";
import { defaultContentDir, loadEntriesFromDir } from "../../src/manual/load-entries";
import { manualRepository } from "../../src/manual/manual.repository";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";

// The manual through HTTP: the residents' FAQ (search, entry, "was this helpful?"), the staff manual,
// and an edit that a second person approves, on the Kumamoto content of the repository.
let t: TestApp;
let counter: Client;
let admin: Client;
let supervisor: Client;
let adminUser: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  const { entries, problems } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
  expect(problems).toEqual([]);
  await importEntries(t.database.db, {
    municipalityId: "kumamoto",
    entries,
    origin: "test",
    now: new Date(),
  });
  counter = await t.signIn(await t.addUser("m-counter", "counter"));
  adminUser = await t.addUser("m-admin", "admin");
  admin = await t.signIn(adminUser);
  supervisor = await t.signIn(await t.addUser("m-supervisor", "supervisor"));
}, 60_000);
afterAll(() => t.close());

describe("the residents' FAQ", () => {
  it("sends /faq to the first municipality served", async () => {
    const res = await t.anonymous().request("/faq");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/faq/kumamoto");
  });

  it("finds a kanji entry from a kana query and marks the matched words", async () => {
    const res = await t.anonymous().request(`/faq/kumamoto?q=${encodeURIComponent("てんにゅう")}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<mark class="manual-hit">転入</mark>届');
    expect(html).toMatch(/href="\/faq\/kumamoto\/proc-juki-move-in\?from=\d+"/);
  });

  it("answers in the reader's language, and says so when an entry falls back to Japanese", async () => {
    const res = await t.anonymous().request(`/faq/kumamoto?q=${encodeURIComponent("moving in")}`, {
      headers: { cookie: "mg_lang=en" },
    });
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Notification of <mark");
  });

  it("counts the click of a result and logs the query without the number in it", async () => {
    const anon = t.anonymous();
    const res = await anon.request(`/faq/kumamoto?q=${encodeURIComponent("住民票 123456789012")}`);
    const html = await res.text();
    const href = /href="(\/faq\/kumamoto\/proc-juki-certificate\?from=\d+)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    expect((await anon.request(href as string)).status).toBe(200);
    const totals = await manualRepository(t.database.db).searchTotals("kumamoto", new Date(0));
    expect(totals.clicked).toBeGreaterThanOrEqual(1);
    const log = await manualRepository(t.database.db).searchInsights("kumamoto", new Date(0));
    expect(JSON.stringify(log)).not.toMatch(/\d{4}/);
  });

  it("shows an entry and records whether it helped", async () => {
    const anon = t.anonymous();
    const page = await anon.request("/faq/kumamoto/proc-juki-move-in");
    expect(page.status).toBe(200);
    const csrf = await anon.csrf("/faq/kumamoto/proc-juki-move-in");
    const res = await anon.postForm("/faq/kumamoto/proc-juki-move-in/feedback", { helpful: "yes" }, { csrf });
    expect(res.status).toBe(303);
    const thanks = await anon.request(res.headers.get("location") as string);
    expect(await thanks.text()).toContain("ご意見ありがとうございました");
    const feedback = await manualRepository(t.database.db).feedbackByEntry("kumamoto", new Date(0));
    expect(feedback).toContainEqual({ entryId: "proc-juki-move-in", yes: 1, no: 0 });
  });

  it("answers 404, never 500, for an unknown municipality or entry and odd input", async () => {
    const anon = t.anonymous();
    for (const path of [
      "/faq/nowhere",
      "/faq/kumamoto/no-such-entry",
      "/faq/kumamoto/..%2F..",
      "/faq/yatsushiro/proc-juki-move-in",
    ])
      expect((await anon.request(path)).status).toBe(404);
    expect((await anon.request(`/faq/kumamoto?q=${"あ".repeat(600)}`)).status).toBe(200);
  });
});

describe("the staff manual", () => {
  it("is for signed-in staff only", async () => {
    const res = await t.anonymous().request("/manual");
    expect([302, 303, 401]).toContain(res.status);
  });

  it("searches with the staff parts and shows an entry's processing steps", async () => {
    const res = await counter.request(`/manual?q=${encodeURIComponent("ｺｸﾎ ﾔﾒﾙ")}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/manual/entries/proc-kokuho-withdraw");
    const entry = await counter.request("/manual/entries/proc-kokuho-withdraw");
    expect(entry.status).toBe(200);
    expect(await entry.text()).toContain("職員向け：処理手順とチェック");
  });

  it("opens a procedure's entry from its catalogue id, as plan lines link to it", async () => {
    const res = await counter.request("/manual/procedures/kokuho.withdraw");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/manual/entries/proc-kokuho-withdraw");
    const pub = await t.anonymous().request("/faq/kumamoto/procedures/juki.move-in");
    expect(pub.headers.get("location")).toBe("/faq/kumamoto/proc-juki-move-in");
    expect((await counter.request("/manual/procedures/no.such")).status).toBe(404);
  });

  it("keeps the administration from counter staff", async () => {
    expect((await counter.request("/manual/admin")).status).toBe(403);
    expect((await counter.request("/manual/admin/new")).status).toBe(403);
    expect((await counter.request("/manual/admin/entries/proc-juki-move-in/edit")).status).toBe(403);
  });
});

describe("editing with the two-person rule", () => {
  it("previews, saves a pending version, refuses the author's approval and publishes on a second person's", async () => {
    const edit = await admin.request("/manual/admin/entries/gen-identity-documents/edit");
    expect(edit.status).toBe(200);
    const html = await edit.text();
    const source = /<textarea[^>]*name="source"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? "";
    const decoded = source
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
    expect(decoded).toContain("id: gen-identity-documents");
    const changed = decoded.replace("# public.ja\n", "# public.ja\n**確認用の追記です。**\n\n");
    const csrf = await admin.csrf("/manual/admin/entries/gen-identity-documents/edit");

    const preview = await admin.postForm("/manual/admin/entries/gen-identity-documents/edit", {
      source: changed,
      note: "",
      intent: "preview",
      _csrf: csrf,
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("<strong>確認用の追記です。</strong>");

    const broken = await admin.postForm("/manual/admin/entries/gen-identity-documents/edit", {
      source: changed.replace("kind: general", "kind: nonsense"),
      intent: "submit",
      _csrf: csrf,
    });
    expect(broken.status).toBe(422);

    const saved = await admin.postForm("/manual/admin/entries/gen-identity-documents/edit", {
      source: changed,
      note: "追記",
      intent: "submit",
      _csrf: csrf,
    });
    expect(saved.status).toBe(303);
    const versionPath = (saved.headers.get("location") as string).split("?")[0] as string;

    const own = await admin.request(versionPath);
    expect(await own.text()).toContain("承認も差戻しもできません");
    const ownDecision = await admin.postForm(`${versionPath}/decide`, {
      decision: "approve",
      _csrf: await admin.csrf(versionPath),
    });
    expect(ownDecision.status).toBe(403);

    const before = await t.anonymous().request("/faq/kumamoto/gen-identity-documents");
    expect(await before.text()).not.toContain("確認用の追記です。");
    const approved = await supervisor.postForm(`${versionPath}/decide`, {
      decision: "approve",
      _csrf: await supervisor.csrf(versionPath),
    });
    expect(approved.status).toBe(303);
    const after = await t.anonymous().request("/faq/kumamoto/gen-identity-documents");
    expect(await after.text()).toContain("確認用の追記です。");
    const versions = await manualRepository(t.database.db).versions("kumamoto", "gen-identity-documents");
    expect(versions.map((v) => v.status)).toEqual(["published", "archived"]);
    expect(versions[0]?.authorStaffId).toBe(adminUser.id);
  });

  it("lists overdue reviews, facts to confirm and searches that found nothing on the admin page", async () => {
    await t.anonymous().request(`/faq/kumamoto?q=${encodeURIComponent("宇宙旅行の許可")}`);
    const res = await supervisor.request("/manual/admin");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("宇宙旅行の許可");
    expect(html).toContain("市への確認が必要な案内");
  });

  it("puts searches and helpfulness on the KPI dashboard", async () => {
    const res = await supervisor.request("/kpi");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="kpi-manual"');
    expect(html).toContain("結果なしの割合");
  });
});
