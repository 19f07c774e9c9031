import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRepository } from "../../src/auth/audit.repository";
import { japanTime } from "../../src/queue/calendar";
import { queueRepository } from "../../src/queue/queue.repository";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queueOffices, queuePurposes } from "../../src/queue/queue.table";
import { offices } from "../../src/tenancy/tenancy.table";
import { type Client, createTestApp, type TestApp } from "../support/app";

// The administrators' queue settings screen through HTTP: the form as a browser submits it (read back
// from the page itself), the rules refused with nothing changed, the kiosk following a saved change,
// roles, tenants, CSRF and the audit log. Offices start open around the clock.
let t: TestApp;
let chuo: string;
let higashi: string;
let nishi: string;
let yatsushiroOffice: string;
let admin: Client;
let adminId: string;

const formType = { "content-type": "application/x-www-form-urlencoded" };
const settingsPath = (officeId: string) => `/queue/offices/${officeId}/settings`;

const unescapeHtml = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** The fields a browser would submit from the page's settings form, in order. */
function formFields(html: string): Array<[string, string]> {
  const form = html.slice(html.indexOf('<form method="post" action="/queue/offices/'));
  const body = form.slice(0, form.indexOf("</form>"));
  const fields: Array<[string, string]> = [];
  for (const m of body.matchAll(/<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? m[2] ?? "").matchAll(/([\w-]+)(?:="([^"]*)")?/g))
      attrs[a[1] ?? ""] = unescapeHtml(a[2] ?? "");
    if (!attrs.name) continue;
    if (m[3] !== undefined) fields.push([attrs.name, unescapeHtml(m[3])]);
    else if (attrs.type === "checkbox") {
      if ("checked" in attrs) fields.push([attrs.name, attrs.value ?? "on"]);
    } else fields.push([attrs.name, attrs.value ?? ""]);
  }
  return fields;
}

/** The form with some fields replaced (a list replaces every value of a repeated field). */
function change(fields: Array<[string, string]>, changes: Record<string, string | string[]>) {
  const out = fields.filter(([name]) => !(name in changes));
  for (const [name, value] of Object.entries(changes))
    for (const v of Array.isArray(value) ? value : [value]) out.push([name, v]);
  return out;
}

async function openSettings(client: Client, officeId: string) {
  const res = await client.request(settingsPath(officeId));
  expect(res.status).toBe(200);
  return formFields(await res.text());
}

async function save(client: Client, officeId: string, fields: Array<[string, string]>) {
  return client.request(settingsPath(officeId), {
    method: "POST",
    headers: formType,
    body: new URLSearchParams(fields),
  });
}

/** Opens the page, changes some fields and submits it, as an administrator would. */
async function edit(client: Client, officeId: string, changes: Record<string, string | string[]>) {
  return save(client, officeId, change(await openSettings(client, officeId), changes));
}

async function kioskIssue(officeId: string, code: string) {
  const client = t.anonymous();
  await client.request(`/queue/offices/${officeId}/kiosk`);
  const [purpose] = await t.database.db
    .select()
    .from(queuePurposes)
    .where(and(eq(queuePurposes.officeId, officeId), eq(queuePurposes.code, code)));
  return client.request(`/queue/offices/${officeId}/kiosk`, {
    method: "POST",
    headers: formType,
    body: new URLSearchParams({ _csrf: client.cookies.get("mg_csrf") ?? "", purposeId: purpose?.id ?? "" }),
  });
}

/** Everything the settings screen writes, to prove a refusal changed nothing. */
async function snapshot(officeId: string) {
  const repo = queueRepository(t.database.db);
  const office = await repo.findOffice("kumamoto", officeId);
  const purposes = await repo.listPurposes("kumamoto", officeId, true);
  return { office: { ...office, eventSeq: 0 }, purposes };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const open = { ...kumamotoQueueSeed, hours: alwaysOpen };
  await seedQueue(db, "kumamoto", { seed: open });
  await seedQueue(db, "yatsushiro", { seed: open });
  const rows = await db.select().from(offices);
  const byCode = (code: string) => rows.find((o) => o.municipalityId === "kumamoto" && o.code === code)?.id;
  chuo = byCode("chuo") ?? "";
  higashi = byCode("higashi") ?? "";
  nishi = byCode("nishi") ?? "";
  yatsushiroOffice = rows.find((o) => o.municipalityId === "yatsushiro")?.id ?? "";
  const user = await t.addUser("qs-admin", "admin");
  adminId = user.id;
  admin = await t.signIn(user);
});

afterAll(async () => {
  await t?.close();
});

describe("the settings page", () => {
  it("shows the office's hours, closing days and each purpose with its labels, band and counters", async () => {
    const res = await admin.request(settingsPath(chuo));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>番号札の設定</h1>");
    expect(html).toContain("<legend>発券する曜日</legend>");
    expect(html).toContain("ワンストップ（引越し）");
    expect(html).toContain("ひっこし の てつづき");
    expect(html).toContain("One-stop: moving house");
    const fields = formFields(html);
    const values = (name: string) => fields.filter(([n]) => n === name).map(([, v]) => v);
    expect(values("opensAt")).toEqual(["00:00"]);
    expect(values("openWeekdays").sort()).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
    expect(values("p0-bandStart")).toEqual(["100"]);
    expect(values("p0-bandEnd")).toEqual(["399"]);
    expect(values("p0-counters")).toHaveLength(3);
    // One name per language, each input marked with its language; Japanese first.
    expect(values("p0-label-vi")).toEqual(["Một cửa: chuyển nhà"]);
    expect(html).toMatch(/<label for="p0-label-ja">名称（日本語）<\/label>/);
    expect(html).toMatch(/<label for="p0-label-zh-Hans">名称（中国語）<\/label>/);
    expect(html).toMatch(/id="p0-label-ko"[^>]*lang="ko"/);
    // The display's captions: English by default, each language in its own name.
    expect(values("displayCaptions")).toEqual(["en"]);
    expect(html).toMatch(/<label for="displayCaptions-4" lang="vi">Tiếng Việt<\/label>/);
    // Four purposes and one empty row for adding another.
    expect(values("purposeRows")).toEqual(["5"]);
    expect(values("p4-id")).toEqual([""]);
  });

  it("is linked from the administrator's home page, which leads to their own office", async () => {
    expect(await (await admin.request("/")).text()).toContain('href="/queue/settings"');
    const res = await admin.request("/queue/settings");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(settingsPath(chuo));
  });
});

describe("saving", () => {
  it("changes the hours and a closed date, and the kiosk then refuses on that date and at that hour", async () => {
    const today = japanTime(new Date()).date;
    const saved = await edit(admin, higashi, { closedDates: `${today}\n2099-01-05` });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${settingsPath(higashi)}?saved=1`);
    const page = await (await admin.request(`${settingsPath(higashi)}?saved=1`)).text();
    expect(page).toContain("設定を保存しました。");
    const [row] = await t.database.db.select().from(queueOffices).where(eq(queueOffices.officeId, higashi));
    expect(row?.closedDates).toEqual([today, "2099-01-05"]);
    const closed = await kioskIssue(higashi, "move");
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("本日は臨時の閉庁日のため、番号札の発行はお休みしています。");

    // Hours that leave out the present minute, in Japan: before 01:00 the window is late at night.
    const minute = japanTime(new Date()).minute;
    const [opens, closes] = minute >= 60 ? ["00:00", "00:30"] : ["23:00", "23:30"];
    expect((await edit(admin, higashi, { closedDates: "", opensAt: opens, closesAt: closes })).status).toBe(
      303,
    );
    const late = await kioskIssue(higashi, "move");
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(`番号札の発行時間は ${opens}〜${closes} です。`);

    // Open again (full-width digits are read as ASCII): the kiosk issues.
    expect((await edit(admin, higashi, { opensAt: "００:００", closesAt: "２３:５９" })).status).toBe(303);
    expect((await kioskIssue(higashi, "move")).status).toBe(200);
  });

  it("saves labels, service minutes, counters and the nearly-called threshold, and writes an audit entry", async () => {
    const fields = await openSettings(admin, nishi);
    const counters = fields.filter(([n]) => n === "p0-counters").map(([, v]) => v);
    const res = await save(
      admin,
      nishi,
      change(fields, {
        "p3-label-ja": "各種証明書",
        "p3-label-en": "Certificates of all kinds",
        "p3-label-vi": "Các loại giấy chứng nhận",
        displayCaptions: ["en", "zh-Hans", "vi"],
        "p3-defaultServiceMinutes": "７",
        "p3-counters": counters.slice(0, 1),
        nearlyCalledAhead: "5",
        openWeekdays: ["1", "2", "3"],
      }),
    );
    expect(res.status).toBe(303);
    const repo = queueRepository(t.database.db);
    const office = await repo.findOffice("kumamoto", nishi);
    expect(office?.nearlyCalledAhead).toBe(5);
    expect(office?.openWeekdays).toEqual([1, 2, 3]);
    expect(office?.displayCaptions).toEqual(["en", "zh-Hans", "vi"]);
    const cert = (await repo.listPurposes("kumamoto", nishi)).find((p) => p.code === "certificate");
    expect(cert).toMatchObject({
      labels: {
        ja: "各種証明書",
        "ja-x-easy": "しょうめいしょ（じゅうみんひょう など）",
        en: "Certificates of all kinds",
        "zh-Hans": "证明书（住民票等）",
        ko: "증명서(주민표 등)",
        vi: "Các loại giấy chứng nhận",
      },
      defaultServiceMinutes: 7,
      counterIds: counters.slice(0, 1),
    });
    const [entry] = await auditRepository(t.database.db).list("kumamoto", {
      action: "queue.settings.update",
    });
    expect(entry).toMatchObject({
      action: "queue.settings.update",
      outcome: "success",
      actorStaffId: adminId,
      targetType: "queue_office",
      targetId: nishi,
    });
    const detail = entry?.detail as { office: Record<string, unknown>; purposes: Record<string, unknown> };
    expect(detail.office.nearlyCalledAhead).toEqual([3, 5]);
    expect(Object.keys(detail.purposes)).toEqual([cert?.id]);
    expect(detail.office.displayCaptions).toEqual([["en"], ["en", "zh-Hans", "vi"]]);
  });

  it("adds a purpose from the empty row, and the kiosk offers it", async () => {
    const fields = await openSettings(admin, nishi);
    const counter = fields.find(([n]) => n === "p0-counters")?.[1] ?? "";
    const res = await save(
      admin,
      nishi,
      change(fields, {
        "p4-label-ja": "マイナンバーカード",
        "p4-label-ja-x-easy": "マイナンバーカード の てつづき",
        "p4-label-en": "My Number Card",
        "p4-bandStart": "900",
        "p4-bandEnd": "999",
        "p4-defaultServiceMinutes": "15",
        "p4-counters": counter,
        // Open every day again (the test before left weekdays only), so the kiosk shows its purposes.
        openWeekdays: ["0", "1", "2", "3", "4", "5", "6"],
      }),
    );
    expect(res.status).toBe(303);
    const purposes = await queueRepository(t.database.db).listPurposes("kumamoto", nishi);
    expect(purposes.at(-1)).toMatchObject({
      labels: {
        ja: "マイナンバーカード",
        "ja-x-easy": "マイナンバーカード の てつづき",
        en: "My Number Card",
      },
      bandStart: 900,
      bandEnd: 999,
    });
    // Languages left empty are not stored: those pages show the Japanese name.
    expect(Object.keys(purposes.at(-1)?.labels ?? {}).sort()).toEqual(["en", "ja", "ja-x-easy"]);
    const again = formFields(await (await admin.request(settingsPath(nishi))).text());
    expect(again.find(([n]) => n === "purposeRows")?.[1]).toBe("6");
    const kiosk = await (await t.anonymous().request(`/queue/offices/${nishi}/kiosk?lang=ja-x-easy`)).text();
    expect(kiosk).toContain("マイナンバーカード の てつづき");
    const vi = await (await t.anonymous().request(`/queue/offices/${nishi}/kiosk?lang=vi`)).text();
    expect(vi).toContain('<span lang="ja">マイナンバーカード</span>');
    // The display shows the captions chosen in the test before, with the names saved there.
    const display = await (await t.anonymous().request(`/queue/offices/${nishi}/display`)).text();
    expect(display).toContain('data-captions="en zh-Hans vi"');
    expect(display).toContain('<span lang="vi" class="display__caption">Các loại giấy chứng nhận</span>');
  });
});

describe("refusals", () => {
  it("refuses overlapping bands and every other broken rule at once, changing nothing", async () => {
    const before = await snapshot(chuo);
    const res = await edit(admin, chuo, {
      opensAt: "17:00",
      closesAt: "08:30",
      openWeekdays: [],
      closedDates: "2026-02-30\n2026-05-07\n2026-05-07",
      "p1-bandStart": "350",
      "p2-counters": [],
      "p3-label-ja": " ",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    for (const [anchor, text] of [
      ["closesAt", "発券終了時刻は、発券開始時刻より後にしてください。"],
      ["openWeekdays", "発券する曜日を1つ以上選んでください。"],
      ["closedDates", "臨時の閉庁日の「2026-02-30」は正しい日付ではありません。"],
      ["closedDates", "臨時の閉庁日に「2026-05-07」が2回以上入力されています。"],
      ["p1-bandStart", "用件 2: 番号帯が「ワンストップ（引越し）」の番号帯と重なっています。"],
      ["p2-counters", "用件 3: 呼び出す窓口を1つ以上選んでください。"],
      ["p3-label-ja", "用件 4: 名称（日本語）を入力してください。"],
    ]) {
      expect(html).toContain(`<a href="#${anchor}">${text}`);
      expect(html).toContain(`id="${anchor}-error"`);
    }
    // An English-reading administrator reads the same problems in English, each field named.
    admin.cookies.set("mg_lang", "en");
    try {
      const english = await (
        await edit(admin, chuo, { opensAt: "25:00", "p1-bandStart": "350", "p3-label-ja": " " })
      ).text();
      expect(english).toContain(
        '<a href="#opensAt">Enter Tickets from as a time from 00:00 to 23:59, such as 08:30.',
      );
      expect(english).toContain(
        '<a href="#p1-bandStart">Purpose 2: The band overlaps the band of “One-stop: moving house”.',
      );
      expect(english).toContain('<a href="#p3-label-ja">Purpose 4: Enter Name (Japanese).');
    } finally {
      admin.cookies.delete("mg_lang");
    }
    // The form comes back as typed.
    expect(html).toMatch(/id="p1-bandStart" name="p1-bandStart" type="text" value="350"/);
    expect(await snapshot(chuo)).toEqual(before);
  });

  it("refuses a band change for a purpose that issued a ticket today, and keeps other changes unsaved", async () => {
    expect((await kioskIssue(chuo, "move")).status).toBe(200);
    const page = await (await admin.request(settingsPath(chuo))).text();
    expect(page).toContain("本日すでに番号札を発行しているため、番号帯は明日以降に変更できます。");
    const before = await snapshot(chuo);
    const res = await edit(admin, chuo, { "p0-bandEnd": "349", "p0-label-en": "Moving house" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(
      "「ワンストップ（引越し）」は本日すでに番号札を発行しているため、番号帯は変えられません。",
    );
    expect(html).toContain('<a href="#p0-bandStart">');
    expect(await snapshot(chuo)).toEqual(before);
    // Its labels may change; so may the band of a purpose with no ticket today.
    expect((await edit(admin, chuo, { "p0-label-en": "Moving house", "p3-bandEnd": "950" })).status).toBe(
      303,
    );
    const purposes = await queueRepository(t.database.db).listPurposes("kumamoto", chuo);
    expect(purposes[0]).toMatchObject({ labels: { en: "Moving house" }, bandStart: 100, bandEnd: 399 });
    expect(purposes[3]).toMatchObject({ bandEnd: 950 });
  });

  it("lets only administrators in: counter staff and supervisors are refused", async () => {
    for (const role of ["counter", "supervisor"] as const) {
      const client = await t.signIn(await t.addUser(`qs-${role}`, role));
      expect((await client.request(settingsPath(chuo))).status).toBe(403);
      const token = await client.csrf("/");
      const res = await client.request(settingsPath(chuo), {
        method: "POST",
        headers: formType,
        body: new URLSearchParams({ _csrf: token, opensAt: "09:00" }),
      });
      expect(res.status).toBe(403);
      expect((await client.request("/queue/settings")).status).toBe(403);
      expect(await (await client.request("/")).text()).not.toContain('href="/queue/settings"');
    }
    const denied = await auditRepository(t.database.db).list("kumamoto", { action: "authz.denied" });
    expect(denied.some((e) => e.targetId === `GET ${settingsPath(chuo)}`)).toBe(true);
  });

  it("shows another municipality's office as not found, to read or to change", async () => {
    const other = await t.signIn(await t.addUser("qs-yatsushiro-admin", "admin", "yatsushiro"));
    expect((await other.request(settingsPath(chuo))).status).toBe(404);
    const before = await snapshot(chuo);
    const res = await save(
      other,
      chuo,
      change(await openSettings(admin, chuo), { _csrf: await other.csrf("/") }),
    );
    expect(res.status).toBe(404);
    expect(await snapshot(chuo)).toEqual(before);
    expect((await admin.request(settingsPath(yatsushiroOffice))).status).toBe(404);
    expect((await admin.request(settingsPath("not-a-uuid"))).status).toBe(404);
    // Its own office is its to change.
    expect((await other.request(settingsPath(yatsushiroOffice))).status).toBe(200);
  });

  it("refuses a form without the page's CSRF token", async () => {
    const before = await snapshot(chuo);
    const fields = change(await openSettings(admin, chuo), { closesAt: "12:00" });
    const res = await save(
      admin,
      chuo,
      fields.filter(([name]) => name !== "_csrf"),
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("フォームの有効期限が切れました");
    expect(await snapshot(chuo)).toEqual(before);
  });
});
