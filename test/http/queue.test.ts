import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { japanTime } from "../../src/queue/calendar";
import type { DisplayPayload, PhonePayload } from "../../src/queue/queue.presenters";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queueOffices, queuePurposes, queueTicketEvents, queueTickets } from "../../src/queue/queue.table";
import { counters, offices } from "../../src/tenancy/tenancy.table";
import { assetUrl } from "../../src/web/static-assets";
import { type Client, createTestApp, type TestApp } from "../support/app";

// The queue through HTTP: kiosk, phone page, display and their SSE streams, and the counter page.
// Offices are open around the clock here, so the suite passes at any hour; the calendar rules have
// their own tests (src/queue/calendar.test.ts, src/queue/queue.test.ts).
let t: TestApp;
let chuo: string;
let yatsushiroOffice: string;
const counterIds: Record<number, string> = {};
let staff1: Client;
let staff11: Client;
let outsider: Client;

const form = { "content-type": "application/x-www-form-urlencoded" };

const unescapeHtml = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

async function chooseCounter(client: Client, number: number) {
  const res = await client.postForm("/session/counter", { counterId: counterIds[number] ?? "" });
  expect(res.status).toBe(303);
}

async function kioskIssue(client: Client, officeId: string, code: string, lang?: string) {
  await client.request(`/queue/offices/${officeId}/kiosk`);
  // The kiosk form's token is the anonymous CSRF cookie (double submit); a closed kiosk shows no form.
  const csrf = client.cookies.get("mg_csrf") ?? "";
  const [purpose] = await t.database.db
    .select()
    .from(queuePurposes)
    .where(and(eq(queuePurposes.officeId, officeId), eq(queuePurposes.code, code)));
  return client.request(`/queue/offices/${officeId}/kiosk`, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ _csrf: csrf, purposeId: purpose?.id ?? "", ...(lang ? { lang } : {}) }),
  });
}

async function issueAndRead(officeId: string, code: string, lang?: string) {
  const res = await kioskIssue(t.anonymous(), officeId, code, lang);
  expect(res.status).toBe(200);
  const html = await res.text();
  const number = Number(html.match(/data-testid="ticket-number">(\d+)</)?.[1]);
  const phonePath = html.match(/href="http:\/\/localhost(\/queue\/t\/[A-Za-z0-9_-]{32})"/)?.[1] ?? "";
  return { number, phonePath, html };
}

const call = async (client: Client) =>
  client.postForm("/queue/counter/call", {}, { csrf: await client.csrf("/queue/counter") });
const act = async (client: Client, ticketId: string, action: string, fields: Record<string, string> = {}) =>
  client.postForm(`/queue/tickets/${ticketId}/${action}`, fields, {
    csrf: await client.csrf("/queue/counter"),
  });
/** The id of the ticket the client's counter has called or is serving. */
const inHand = async (client: Client) =>
  (await (await client.request("/queue/counter")).text()).match(
    /\/queue\/tickets\/([0-9a-f-]{36})\/(?:start|finish)/,
  )?.[1] ?? "";

/** Calls and marks absent until the counter has nobody waiting. */
async function drain(client: Client) {
  for (let i = 0; i < 50; i++) {
    const res = await call(client);
    if (res.status === 409) {
      expect(await res.text()).toContain("この窓口でお待ちの方はいません。");
      return;
    }
    await act(client, await inHand(client), "absent");
  }
  throw new Error("the counter's queue did not drain");
}

/** Reads SSE frames from a streamed response. */
function sseReader(res: Response) {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 3_000): Promise<{ id: string; event: string; data: string }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split("\n")) {
            const i = line.indexOf(": ");
            if (line.startsWith(":") || i < 0) continue;
            fields[line.slice(0, i)] = line.slice(i + 2);
          }
          if (fields.event) return { id: fields.id ?? "", event: fields.event, data: fields.data ?? "" };
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no SSE frame in time");
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("no SSE frame in time")), left),
          ),
        ]);
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    /** Reads frames until one satisfies the predicate. */
    async until<T>(predicate: (data: T) => boolean, timeoutMs = 3_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const data = JSON.parse((await this.next(Math.max(1, deadline - Date.now()))).data) as T;
        if (predicate(data)) return data;
      }
    },
    close: () => reader.cancel(),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const open = { ...kumamotoQueueSeed, hours: alwaysOpen };
  await seedQueue(db, "kumamoto", { seed: open });
  await seedQueue(db, "yatsushiro", { seed: open });
  const officeRows = await db.select().from(offices);
  chuo = officeRows.find((o) => o.code === "chuo")?.id ?? "";
  yatsushiroOffice = officeRows.find((o) => o.municipalityId === "yatsushiro")?.id ?? "";
  for (const c of await db.select().from(counters).where(eq(counters.officeId, chuo)))
    counterIds[c.number] = c.id;
  staff1 = await t.signIn(await t.addUser("queue-counter-1", "counter"));
  staff11 = await t.signIn(await t.addUser("queue-counter-11", "counter"));
  outsider = await t.signIn(await t.addUser("queue-outsider", "counter", "yatsushiro"));
  await chooseCounter(staff1, 1);
  await chooseCounter(staff11, 11);
});

afterAll(async () => {
  await t?.close();
});

describe("kiosk", () => {
  it("starts in Japanese with a large button for each language, each purpose a large button with its wait", async () => {
    const res = await t.anonymous().request(`/queue/offices/${chuo}/kiosk`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("番号札の発行");
    for (const text of ["ワンストップ（引越し）", "転出のみ", "証明書"]) expect(html).toContain(text);
    // Once a language is chosen the kiosk reads in it alone: no side-by-side translations.
    expect(html).not.toContain("One-stop: moving house");
    expect(html.match(/class="kiosk__purpose"/g)).toHaveLength(4);
    expect(html).toMatch(/人待ち/);
    for (const [code, name] of [
      ["ja-x-easy", "やさしい日本語"],
      ["en", "English"],
      ["zh-Hans", "中文"],
      ["ko", "한국어"],
      ["vi", "Tiếng Việt"],
    ])
      expect(html).toContain(
        `<a href="/queue/offices/${chuo}/kiosk?lang=${encodeURIComponent(code ?? "")}" lang="${code}" hreflang="${code}" class="kiosk-langs__button">${name}</a>`,
      );
    expect(html).toContain(
      `<a href="/queue/offices/${chuo}/kiosk?lang=ja" lang="ja" hreflang="ja" class="kiosk-langs__button kiosk-langs__button--current" aria-current="true">日本語</a>`,
    );
    // CSP: no inline script or style on the page.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("reads in the chosen language, and the ticket and its phone page follow it", async () => {
    const easy = await (await t.anonymous().request(`/queue/offices/${chuo}/kiosk?lang=ja-x-easy`)).text();
    expect(easy).toContain('<html lang="ja-x-easy">');
    expect(easy).toContain("ようけん を えらんで、ばんごう の かみ を とって ください。");
    expect(easy).toContain("ひっこし の てつづき");
    expect(easy).toContain('<input type="hidden" name="lang" value="ja-x-easy"/>');
    const vi = await (await t.anonymous().request(`/queue/offices/${chuo}/kiosk?lang=vi`)).text();
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain("Lấy số thứ tự");
    expect(vi).toContain("Giấy chứng nhận (phiếu cư trú, v.v.)");
    // The office's name in Vietnamese, with nothing left unmarked in Japanese.
    expect(vi).toMatch(/<p class="kiosk__office">[^<]*Chuo[^<]*<\/p>/);
    // The language switch's cookie (never set on a kiosk by the kiosk itself) is followed too.
    expect(
      await (
        await t.anonymous().request(`/queue/offices/${chuo}/kiosk`, { headers: { cookie: "mg_lang=ko" } })
      ).text(),
    ).toContain('<html lang="ko">');
    // An unknown language reads in Japanese.
    expect(await (await t.anonymous().request(`/queue/offices/${chuo}/kiosk?lang=xx`)).text()).toContain(
      '<html lang="ja">',
    );

    const ticket = await issueAndRead(chuo, "certificate", "vi");
    expect(ticket.html).toContain('<html lang="vi">');
    expect(ticket.html).toContain("Số của bạn");
    expect(ticket.html).toContain("Giấy chứng nhận (phiếu cư trú, v.v.)");
    const [row] = await t.database.db
      .select()
      .from(queueTickets)
      .where(and(eq(queueTickets.officeId, chuo), eq(queueTickets.number, ticket.number)));
    expect(row?.lang).toBe("vi");
    const phone = await (await t.anonymous().request(ticket.phonePath)).text();
    expect(phone).toContain('<html lang="vi">');
    expect(phone).toContain("Thứ tự của bạn");
    // Six languages offered with large targets; the reader's choice (the cookie) wins over the ticket's.
    expect(phone).toContain('class="lang-switch lang-switch--large no-print"');
    expect(phone.match(/hreflang="/g)).toHaveLength(5);
    const switched = await (
      await t.anonymous().request(ticket.phonePath, { headers: { cookie: "mg_lang=ko" } })
    ).text();
    expect(switched).toContain('<html lang="ko">');
    expect(switched).toContain("순서 안내");
  });

  it("issues a ticket: number, purpose, time, people ahead, estimate and a QR code to the phone page", async () => {
    const first = await issueAndRead(chuo, "moveout");
    const second = await issueAndRead(chuo, "moveout");
    expect(second.number).toBe(first.number + 1);
    expect(second.html).toContain("転出のみ");
    expect(second.html).toContain("あなたの前に 1人");
    // An honest estimate: a range from measured times, "within", "soon", or why there is none; never a
    // range starting at 0 minutes.
    expect(second.html).toMatch(
      /data-testid="estimate">(約\d+〜\d+分|約\d+分以内|空いている窓口があり|まだ目安を出せません|受付中の窓口がないため)/,
    );
    expect(second.html).not.toMatch(/約0〜\d+分/);
    expect(second.html).toMatch(/<svg[^>]*viewBox/);
    expect(second.html).toContain("data-print");
    expect(second.phonePath).toMatch(/^\/queue\/t\//);
    // The kiosk returns to its start page after a quiet while, warning first with a button to stay
    // (WCAG 2.2.1; a client island; the link works without it).
    expect(second.html).toContain(`data-return-url="/queue/offices/${chuo}/kiosk"`);
    expect(second.html).toContain('data-return-seconds="90"');
    expect(second.html).toContain("data-return-extend");
    expect(second.html).toContain("この画面をもっと表示する");
    expect(second.html).not.toContain("data-auto-print");
    expect(second.html).toContain(`<script type="module" src="${assetUrl("js/queue-kiosk.js")}"></script>`);
  });

  it("a kiosk with a printer (printer=1 in its start URL) prints each ticket as it is issued", async () => {
    const kiosk = t.anonymous();
    const page = await (await kiosk.request(`/queue/offices/${chuo}/kiosk?printer=1`)).text();
    expect(page).toContain('<input type="hidden" name="printer" value="1"/>');
    // The language buttons keep the printer.
    expect(unescapeHtml(page)).toContain(`/queue/offices/${chuo}/kiosk?lang=en&printer=1`);
    const [purpose] = await t.database.db
      .select()
      .from(queuePurposes)
      .where(and(eq(queuePurposes.officeId, chuo), eq(queuePurposes.code, "certificate")));
    const res = await kiosk.request(`/queue/offices/${chuo}/kiosk`, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({
        _csrf: kiosk.cookies.get("mg_csrf") ?? "",
        purposeId: purpose?.id ?? "",
        printer: "1",
      }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("data-auto-print");
    expect(html).toContain(`data-return-url="/queue/offices/${chuo}/kiosk?printer=1"`);
  });

  it("refuses a kiosk form without the page's CSRF token", async () => {
    const res = await t.anonymous().request(`/queue/offices/${chuo}/kiosk`, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ purposeId: "x" }),
    });
    expect(res.status).toBe(403);
  });

  it("on a closed day the kiosk says so, and issuing is refused without any change", async () => {
    const today = japanTime(new Date()).date;
    await t.database.db
      .update(queueOffices)
      .set({ closedDates: [today] })
      .where(eq(queueOffices.officeId, chuo));
    try {
      const page = await (await t.anonymous().request(`/queue/offices/${chuo}/kiosk`)).text();
      expect(page).toContain("本日は臨時の閉庁日のため、番号札の発行はお休みしています。");
      expect(page).not.toContain('class="kiosk__purpose"');
      const before = await t.database.db.select().from(queueTickets);
      const res = await kioskIssue(t.anonymous(), chuo, "move");
      expect(res.status).toBe(409);
      expect((await res.text()).match(/本日は臨時の閉庁日のため/g)).toHaveLength(1);
      // Refused in the language the resident chose, said once.
      const english = await kioskIssue(t.anonymous(), chuo, "move", "en");
      expect(english.status).toBe(409);
      const refused = await english.text();
      expect(refused.match(/No tickets are issued today: a special closing day\./g)).toHaveLength(1);
      expect(await t.database.db.select().from(queueTickets)).toHaveLength(before.length);
    } finally {
      await t.database.db
        .update(queueOffices)
        .set({ closedDates: [] })
        .where(eq(queueOffices.officeId, chuo));
    }
  });

  it("outside opening hours issuing is refused with the hours", async () => {
    const minute = japanTime(new Date()).minute;
    // A one-minute window that is not now.
    const window =
      minute < 1439
        ? { opensAtMinute: minute + 1, closesAtMinute: 1440 }
        : { opensAtMinute: 0, closesAtMinute: 1 };
    await t.database.db.update(queueOffices).set(window).where(eq(queueOffices.officeId, chuo));
    try {
      const res = await kioskIssue(t.anonymous(), chuo, "move");
      expect(res.status).toBe(409);
      expect(await res.text()).toMatch(/番号札の発行時間は \d\d:\d\d〜\d\d:\d\d です。/);
    } finally {
      await t.database.db
        .update(queueOffices)
        .set({ opensAtMinute: 0, closesAtMinute: 1440 })
        .where(eq(queueOffices.officeId, chuo));
    }
  });

  it("an unknown office, or a purpose of another office, is not found", async () => {
    expect((await t.anonymous().request("/queue/offices/not-an-office/kiosk")).status).toBe(404);
    const page = await (await t.anonymous().request(`/queue/offices/${chuo}/kiosk`)).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const [otherPurpose] = await t.database.db
      .select()
      .from(queuePurposes)
      .where(eq(queuePurposes.officeId, yatsushiroOffice));
    const client = t.anonymous();
    await client.request(`/queue/offices/${chuo}/kiosk`);
    const res = await client.request(`/queue/offices/${chuo}/kiosk`, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({
        _csrf: client.cookies.get("mg_csrf") ?? csrf,
        purposeId: otherPurpose?.id ?? "",
      }),
    });
    expect(res.status).toBe(404);
  });
});

describe("phone page", () => {
  it("shows the number, the people ahead and the estimate, with nothing personal and no caching", async () => {
    const ticket = await issueAndRead(chuo, "certificate");
    const res = await t.anonymous().request(ticket.phonePath);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain(`data-testid="phone-number">${ticket.number}<`);
    expect(html).toContain("証明書");
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="30"/></noscript>');
    // Once the ticket is done, the page offers the satisfaction survey under the same token.
    const token = ticket.phonePath.slice("/queue/t/".length);
    expect(html).toContain(`href="/survey/t/${token}?lang=ja" data-testid="phone-survey"`);
  });

  it("a forged or malformed token gets a clear message, not a ticket", async () => {
    for (const path of [
      "/queue/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "/queue/t/short",
      "/queue/t/%3Cscript%3E",
    ]) {
      const res = await t.anonymous().request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain(
        "この番号札は見つかりません。番号札のQRコードをもう一度読み取ってください。",
      );
    }
    expect((await t.anonymous().request("/queue/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/events")).status).toBe(
      404,
    );
  });

  it("a ticket of an earlier day has expired", async () => {
    const ticket = await issueAndRead(chuo, "certificate");
    await t.database.db
      .update(queueTickets)
      .set({ serviceDate: "2020-01-06" })
      .where(and(eq(queueTickets.officeId, chuo), eq(queueTickets.number, ticket.number)));
    const res = await t.anonymous().request(ticket.phonePath);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("この番号札は有効期限が切れています。");
    expect((await t.anonymous().request(`${ticket.phonePath}/events`)).status).toBe(404);
  });

  it("updates live by SSE: the place moves up as others are called, and the call itself is shown", async () => {
    // Counter 11 calls move-out tickets: empty its queue, then take a fresh run of three.
    await drain(staff11);
    const a = await issueAndRead(chuo, "moveout");
    const b = await issueAndRead(chuo, "moveout");
    const c = await issueAndRead(chuo, "moveout");
    const stream = sseReader(await t.anonymous().request(`${c.phonePath}/events`));
    const first = JSON.parse((await stream.next()).data) as PhonePayload;
    expect(first).toMatchObject({ status: "waiting", number: c.number, ahead: 2, nearly: true });

    const serve = async () => {
      expect((await call(staff11)).status).toBe(303);
      const id = await inHand(staff11);
      await act(staff11, id, "start");
      await act(staff11, id, "finish");
    };
    await serve(); // a
    expect((await stream.until<PhonePayload>((p) => p.ahead !== 2)).ahead).toBe(1);
    await serve(); // b
    expect((await stream.until<PhonePayload>((p) => p.ahead !== 1)).ahead).toBe(0);
    await call(staff11); // c
    const frame = await stream.until<PhonePayload>((p) => p.status !== "waiting");
    expect(frame).toMatchObject({
      status: "called",
      number: c.number,
      counterNumber: 11,
      counterJa: "区民課 11番",
    });
    // Nothing personal travels: the number, the place and the counter only.
    expect(Object.keys(frame).sort()).toEqual(
      [
        "ahead",
        "counterEn",
        "counterJa",
        "counterLabels",
        "counterNumber",
        "nearly",
        "number",
        "seq",
        "status",
        "wait",
      ].sort(),
    );
    await act(staff11, await inHand(staff11), "absent");
    expect((await stream.until<PhonePayload>((p) => p.status !== "called")).status).toBe("absent");
    await stream.close();
    expect([a.number, b.number]).toEqual([c.number - 2, c.number - 1]);
  });
});

describe("display board", () => {
  it("renders the board for a TV, with a reload every few seconds when script is off", async () => {
    const res = await t.anonymous().request(`/queue/offices/${chuo}/display`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="10"/></noscript>');
    expect(html).toContain(`data-events="/queue/offices/${chuo}/display/events"`);
    expect(html).toContain(`<script type="module" src="${assetUrl("js/queue-display.js")}"></script>`);
    expect(html).toContain("現在の待ち状況");
    // Japanese, with the office's captions (English by default) marked with their language.
    expect(html).toContain('<span lang="en" class="display__caption">Current waits</span>');
    expect(html).toContain('data-captions="en"');
    expect(html).not.toContain('lang="vi"');
  });

  it("shows the captions the office sets, and gives its script the call as a sentence in each", async () => {
    await t.database.db
      .update(queueOffices)
      .set({ displayCaptions: ["en", "vi"] })
      .where(eq(queueOffices.officeId, chuo));
    try {
      const html = await (await t.anonymous().request(`/queue/offices/${chuo}/display`)).text();
      expect(html).toContain('data-captions="en vi"');
      expect(html).toContain('<span lang="vi" class="display__caption">Tình trạng chờ hiện tại</span>');
      expect(html).toContain('<span lang="vi" class="display__caption">Một cửa: chuyển nhà</span>');
      const texts = JSON.parse(unescapeHtml(html.match(/data-texts="([^"]+)"/)?.[1] ?? "{}")) as Record<
        string,
        { call: string }
      >;
      expect(texts.ja?.call).toBe("受付番号 {number}番の方、{counter}へお越しください。");
      expect(texts.en?.call).toBe("Number {number}, please go to {counter}.");
      expect(texts.vi?.call).toBe("Số {number}, xin mời đến {counter}.");
      // The live region is empty until a call: the script fills it with sentences, never with an arrow.
      expect(html).toContain(
        '<div class="visually-hidden" aria-live="polite" data-display-live="true"></div>',
      );
    } finally {
      await t.database.db
        .update(queueOffices)
        .set({ displayCaptions: ["en"] })
        .where(eq(queueOffices.officeId, chuo));
    }
  });

  it("streams a call within a second, announced once, and a reconnect with Last-Event-ID gets what it missed", async () => {
    await drain(staff1);
    await issueAndRead(chuo, "move");
    const stream = sseReader(await t.anonymous().request(`/queue/offices/${chuo}/display/events`));
    const first = await stream.next();
    const initial = JSON.parse(first.data) as DisplayPayload;
    expect(initial.announce).toEqual([]);
    const started = performance.now();
    const res = await staff1.postForm(
      "/queue/counter/call",
      {},
      { csrf: await staff1.csrf("/queue/counter") },
    );
    expect(res.status).toBe(303);
    const called = Number(res.headers.get("location")?.match(/n=(\d+)/)?.[1]);
    const frame = await stream.next(1_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    const board = JSON.parse(frame.data) as DisplayPayload;
    expect(Number(frame.id)).toBe(board.seq);
    expect(board.calls[0]).toMatchObject({
      number: called,
      counterNumber: 1,
      counterJa: "ワンストップ窓口 1番",
      active: true,
    });
    expect(board.announce).toEqual([
      {
        number: called,
        counterJa: "ワンストップ窓口 1番",
        counterEn: "One-stop counter 1",
        counterLabels: expect.objectContaining({ ja: "ワンストップ窓口 1番", vi: "Quầy một cửa số 1" }),
        textJa: `受付番号 ${called}番の方、ワンストップ窓口 1番へお越しください。`,
      },
    ]);
    await stream.close();

    // Disconnected, the display misses a recall; reconnecting with its last id, it is told.
    const held = await inHand(staff1);
    expect((await act(staff1, held, "recall")).status).toBe(303);
    const again = sseReader(
      await t
        .anonymous()
        .request(`/queue/offices/${chuo}/display/events`, { headers: { "last-event-id": frame.id } }),
    );
    const resumed = JSON.parse((await again.next()).data) as DisplayPayload;
    expect(resumed.seq).toBeGreaterThan(board.seq);
    expect(resumed.announce.map((a) => a.number)).toEqual([called]);
    await again.close();
    // Without a last id (a fresh page load), nothing is announced twice.
    const fresh = sseReader(await t.anonymous().request(`/queue/offices/${chuo}/display/events`));
    expect((JSON.parse((await fresh.next()).data) as DisplayPayload).announce).toEqual([]);
    await fresh.close();
    await act(staff1, held, "absent");
  });
});

describe("counter page", () => {
  it("calls, serves, pauses, resumes, transfers keeping the number, and finishes, with a notice each time", async () => {
    await drain(staff1);
    const ticket = await issueAndRead(chuo, "move");
    const res = await call(staff1);
    expect(res.headers.get("location")).toBe(`/queue/counter?done=called&n=${ticket.number}`);
    let page = await (await staff1.request(res.headers.get("location") ?? "")).text();
    expect(page).toContain(`${ticket.number}番を呼び出しました。`);
    expect(page).toContain(`data-testid="in-hand-number">${ticket.number}<`);
    const id = await inHand(staff1);
    // A call to the one-stop counter opened the ticket's visit; the card leads to it.
    const visitPath = page.match(
      /href="(\/visits\/[0-9a-f-]{36})" class="button" data-testid="in-hand-visit"/,
    )?.[1];
    expect(visitPath).toBeDefined();
    expect(page).toContain(`${ticket.number}番の受付（聞き取り）を開く`);
    expect((await staff1.request(visitPath ?? "")).status).toBe(200);
    const step = async (action: string, fields: Record<string, string> = {}) => {
      const r = await act(staff1, id, action, fields);
      return { status: r.status, location: r.headers.get("location") ?? "" };
    };
    expect(await step("start")).toEqual({
      status: 303,
      location: `/queue/counter?done=started&n=${ticket.number}`,
    });
    expect((await step("pause", { reason: "書類の確認" })).status).toBe(303);
    page = await (await staff1.request("/queue/counter")).text();
    expect(page).toContain("中断中の番号札");
    expect(page).toContain("書類の確認");
    expect((await step("resume")).status).toBe(303);
    const welfare = page.match(/value="(department:[0-9a-f-]{36})">福祉課</)?.[1] ?? "";
    expect(await step("transfer", { to: welfare })).toEqual({
      status: 303,
      location: `/queue/counter?done=transferred&n=${ticket.number}`,
    });
    const [row] = await t.database.db.select().from(queueTickets).where(eq(queueTickets.id, id));
    expect(row).toMatchObject({
      number: ticket.number,
      status: "waiting",
      targetDepartmentId: welfare.slice("department:".length),
    });
    const kinds = (
      await t.database.db.select().from(queueTicketEvents).where(eq(queueTicketEvents.ticketId, id))
    ).map((e) => e.kind);
    expect(kinds).toEqual(["issued", "called", "served", "paused", "resumed", "transferred"]);
    // A bad transfer target is refused on the page, with nothing changed.
    const again = await issueAndRead(chuo, "move");
    await call(staff1);
    const bad = await act(staff1, await inHand(staff1), "transfer", { to: "department:nonsense" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("転送先を選んでください。");
    await act(staff1, await inHand(staff1), "absent");
    expect(again.number).toBe(ticket.number + 1);
  });

  it("calling with nothing waiting shows a clear message and changes nothing", async () => {
    const staff21 = await t.signIn(await t.addUser("queue-counter-21", "counter"));
    await chooseCounter(staff21, 21);
    // The ticket transferred to 福祉課 above is the only one for counter 21.
    expect((await call(staff21)).status).toBe(303);
    const id = await inHand(staff21);
    await act(staff21, id, "start");
    await act(staff21, id, "finish");
    const before = await t.database.db.select().from(queueTicketEvents);
    let res = await call(staff21);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("この窓口でお待ちの方はいません。");
    // Acting again on the finished ticket: refused, nothing changes.
    res = await act(staff21, id, "finish");
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/\d+番の対応はすでに終了しています。/);
    expect(await t.database.db.select().from(queueTicketEvents)).toHaveLength(before.length);
  });

  it("a clerk chooses the counter on the counter page, opens it with one button, and calls the next", async () => {
    const clerk = await t.signIn(await t.addUser("queue-no-counter", "counter"));
    // No 409 and no trip home: the counter page asks for the counter itself.
    let res = await clerk.request("/queue/counter");
    expect(res.status).toBe(200);
    let html = await res.text();
    expect(html).toContain("担当する窓口を選んでください");
    expect(html).toContain(`<option value="${counterIds[3]}"`);
    res = await clerk.postForm(
      "/queue/counter/choose",
      { counterId: counterIds[3] ?? "" },
      { csrf: await clerk.csrf("/queue/counter") },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/queue/counter");
    // One state and one control: not opened yet today, and one button that opens the counter and calls.
    html = await (await clerk.request("/queue/counter")).text();
    expect(html).toContain("本日はまだ受付を開始していません");
    expect(html.match(/<button[^>]*>[^<]*<\/button>/g)?.filter((b) => /受付|呼ぶ/.test(b))).toEqual([
      expect.stringContaining("受付を開始して次の方を呼ぶ"),
    ]);
    expect(html).not.toContain("受付を再開する");
    // Nobody waiting for counter 3: the counter opens all the same, and says so.
    await drain(clerk);
    await clerk.postForm(
      "/queue/counter/state",
      { open: "0", reason: "休憩" },
      { csrf: await clerk.csrf("/queue/counter") },
    );
    res = await clerk.postForm("/queue/counter/start", {}, { csrf: await clerk.csrf("/queue/counter") });
    expect(res.headers.get("location")).toBe("/queue/counter?done=opened");
    html = await (await clerk.request("/queue/counter")).text();
    expect(html).toContain('data-testid="counter-state">受付中');
    expect(html.match(/次の方を呼ぶ<\/button>/g)).toHaveLength(1);
    expect(html.match(/受付を休止する<\/button>/g)).toHaveLength(1);
    // Calling works: a moving ticket is called to this one-stop counter.
    const issued = await issueAndRead(chuo, "move");
    res = await call(clerk);
    expect(res.headers.get("location")).toBe(`/queue/counter?done=called&n=${issued.number}`);
    await act(clerk, await inHand(clerk), "absent");
    // Another office's counter, or nonsense, is not found.
    const other = await clerk.postForm(
      "/queue/counter/choose",
      { counterId: "not-a-counter" },
      { csrf: await clerk.csrf("/queue/counter") },
    );
    expect(other.status).toBe(404);
  });

  it("another municipality's staff get 'not found' for this municipality's tickets", async () => {
    const [ticket] = await t.database.db.select().from(queueTickets).where(eq(queueTickets.officeId, chuo));
    const [theirCounter] = await t.database.db
      .select()
      .from(counters)
      .where(eq(counters.officeId, yatsushiroOffice));
    const before = await t.database.db.select().from(queueTicketEvents);
    for (const action of ["recall", "start", "finish", "absent", "transfer"]) {
      const res = await outsider.postForm(
        `/queue/tickets/${ticket?.id}/${action}`,
        {},
        { csrf: await outsider.csrf("/") },
      );
      expect(res.status).toBe(404);
      // With a counter of their own chosen, still not found.
      if (action === "recall") {
        const chosen = await outsider.postForm("/session/counter", { counterId: theirCounter?.id ?? "" });
        expect(chosen.status).toBe(303);
      }
    }
    expect(await t.database.db.select().from(queueTicketEvents)).toHaveLength(before.length);
    // Their own counter page never lists this municipality's tickets.
    expect(await (await outsider.request("/queue/counter")).text()).not.toContain(String(ticket?.number));
  });

  it("staff issue priority tickets, called before normal ones; the overview lists the purposes and waits", async () => {
    const overview = await staff11.request("/queue");
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain("700–899");
    const certificate = html.match(/<option value="([0-9a-f-]{36})"[^>]*>証明書</)?.[1] ?? "";
    await drain(staff11);
    await issueAndRead(chuo, "certificate");
    const res = await staff11.postForm(
      "/queue/tickets",
      { purposeId: certificate, kind: "priority" },
      { csrf: await staff11.csrf("/queue") },
    );
    expect(res.status).toBe(200);
    const priority = Number((await res.text()).match(/data-testid="ticket-number">(\d+)</)?.[1]);
    expect((await call(staff11)).headers.get("location")).toBe(`/queue/counter?done=called&n=${priority}`);
  });

  it("unknown actions and anonymous staff pages are refused", async () => {
    expect(
      (await staff1.postForm("/queue/tickets/x/explode", {}, { csrf: await staff1.csrf("/") })).status,
    ).toBe(404);
    const anon = await t.anonymous().request("/queue/counter");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toContain("/signin");
  });

  it("the staff home links to the queue pages", async () => {
    const html = await (await staff1.request("/")).text();
    expect(html).toContain('href="/queue"');
    expect(html).toContain('href="/queue/counter"');
  });
});

describe("rate limits on public endpoints", () => {
  it("a client issuing too fast is told to wait, with Retry-After", async () => {
    const app = await createTestApp();
    try {
      await seedQueue(app.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
      const [office] = await app.database.db.select().from(offices).where(eq(offices.code, "chuo"));
      const client = app.anonymous();
      const page = await (await client.request(`/queue/offices/${office?.id}/kiosk`)).text();
      const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        const res = await client.request(`/queue/offices/${office?.id}/kiosk`, {
          method: "POST",
          headers: form,
          body: new URLSearchParams({ _csrf: csrf, purposeId: "00000000-0000-4000-8000-000000000000" }),
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
          expect(await res.text()).toContain("アクセスが集中しています。");
        }
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});
