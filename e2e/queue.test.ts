import { connect, createServer, type Server, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import jsQR from "jsqr";
import { PDFDocument } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { counters, offices } from "../src/tenancy/tenancy.table";
import { expectNoAxeViolations } from "./support/axe";
import {
  type ConsoleEntry,
  isCspViolation,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
} from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// The queue in a real browser: kiosks issuing, a counter calling, the display board and a phone page
// updating by SSE, each page checked with axe-core. Offices here are open around the clock.
let server: E2eServer;
let browser: Browser;
let chuo: string;
let higashi: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await seedQueue(server.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const rows = await server.database.db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
  higashi = rows.find((o) => o.code === "higashi")?.id ?? "";
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const noErrors = (errors: ConsoleEntry[]) => {
  expect(errors.filter(isCspViolation)).toEqual([]);
  expect(errors.filter((e) => e.kind === "pageerror")).toEqual([]);
};

/**
 * A TCP relay in front of the server, standing for the network between a TV and the server: `drop()`
 * cuts every connection and refuses new ones until `restore()`, as a network outage would.
 */
async function startRelay(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  const relay: Server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    drop() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

/** Takes a ticket at the kiosk as a resident would and returns its number and the phone page's address. */
async function takeTicket(
  page: Page,
  officeId: string,
  label: string,
): Promise<{ number: number; phone: string }> {
  await page.goto(`/queue/offices/${officeId}/kiosk`);
  await page.getByRole("button", { name: new RegExp(label) }).click();
  await page.getByTestId("ticket-number").waitFor();
  const number = Number(await page.getByTestId("ticket-number").textContent());
  const phone = (await page.getByTestId("phone-link").getAttribute("href")) ?? "";
  return { number, phone };
}

/** A counter staff member signed in with a counter of 中央区役所 chosen, on the counter page. */
async function staffAtCounter(username: string, counterLabel: string, officeCode = "chuo") {
  const user = await server.addUser(username, "counter", { officeCode });
  const staff = await openPage(browser, server.url);
  await signIn(staff.page, user);
  await staff.page.getByLabel("窓口", { exact: true }).selectOption({ label: counterLabel });
  await staff.page.getByRole("button", { name: "選択する" }).click();
  await staff.page.waitForURL(/\?counter=set/);
  await staff.page.goto("/queue/counter");
  return staff;
}

async function callNext(page: Page): Promise<void> {
  await page.getByRole("button", { name: "次の方を呼ぶ" }).click();
  await page.waitForURL(/done=called/);
}

describe("kiosk", () => {
  it("issues a ticket by touch, with a large button per language, a QR code and an 80 mm print layout", async () => {
    const { page, errors, close } = await openPage(browser, server.url, {
      viewport: { width: 1080, height: 1920 },
    });
    await page.goto(`/queue/offices/${chuo}/kiosk`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("番号札の発行");
    // Japanese at first, with a button for each of the six languages, each in its own name.
    const languages = page.getByRole("navigation", { name: "言語" }).getByRole("link");
    expect(await languages.allTextContents()).toEqual([
      "日本語",
      "やさしい日本語",
      "English",
      "中文",
      "한국어",
      "Tiếng Việt",
    ]);
    for (const box of await Promise.all((await languages.all()).map((b) => b.boundingBox()))) {
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
    }
    const button = page.getByRole("button", { name: /ワンストップ（引越し）/ });
    expect(await button.textContent()).not.toContain("One-stop: moving house");
    // Large touch targets: every purpose button is at least 80 px high.
    for (const box of await Promise.all(
      (await page.locator(".kiosk__purpose").all()).map((b) => b.boundingBox()),
    ))
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(80);
    // Choosing English, the kiosk reads in English alone; the start page is Japanese again.
    await languages.getByText("English").click();
    await page.waitForURL(/lang=en/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Take a number");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectNoAxeViolations(page, "kiosk in English");
    await page.goto(`/queue/offices/${chuo}/kiosk`);
    await expectNoAxeViolations(page, "kiosk");
    await screenshot(page, "queue-kiosk");

    await button.click();
    await page.getByTestId("ticket-number").waitFor();
    expect(Number(await page.getByTestId("ticket-number").textContent())).toBeGreaterThanOrEqual(100);
    expect(
      await page
        .getByRole("img", { name: /QRコード/ })
        .locator("svg")
        .count(),
    ).toBe(1);
    // The printed QR code reads back as the phone page's address (drawn on a canvas, decoded by jsQR).
    const pixels = await page.evaluate(async () => {
      const svg = document.querySelector(".receipt svg");
      if (!svg) return undefined;
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = 400;
      canvas.height = 400;
      const g = canvas.getContext("2d");
      if (!g) return undefined;
      g.fillStyle = "#fff";
      g.fillRect(0, 0, 400, 400);
      g.drawImage(image, 20, 20, 360, 360);
      return Array.from(g.getImageData(0, 0, 400, 400).data);
    });
    const read = jsQR(Uint8ClampedArray.from(pixels ?? []), 400, 400);
    expect(read?.data).toMatch(/^http:\/\/[^/]+\/queue\/t\/[A-Za-z0-9_-]{32}$/);
    expect(read?.data).toBe(await page.getByTestId("phone-link").getAttribute("href"));
    await expectNoAxeViolations(page, "receipt");
    await screenshot(page, "queue-receipt");

    await page.emulateMedia({ media: "print" });
    const width = await page.locator(".receipt").evaluate((el) => el.getBoundingClientRect().width);
    // 74 mm of printable width at 96 dpi is about 280 px; the kiosk's buttons are not printed.
    expect(width).toBeLessThanOrEqual(290);
    expect(await page.locator(".receipt__actions").isVisible()).toBe(false);
    // The number large on paper: 60 pt is 80 px.
    const numberPx = await page
      .getByTestId("ticket-number")
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(numberPx).toBeGreaterThanOrEqual(80);
    // Printed to PDF as Chromium's print does, at the page size the CSS asks for: 80 mm wide, one page.
    const pdf = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const [sheet] = pdf.getPages();
    expect(Math.round(((sheet?.getWidth() ?? 0) * 25.4) / 72)).toBe(80);
    expect(pdf.getPageCount()).toBe(1);
    await page.emulateMedia({ media: "screen" });

    // 320 CSS px (a phone, or 1280 px at 400 % zoom): nothing overflows sideways, purpose names are
    // whole, and the receipt's values keep their width.
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    const ddWidths = await page
      .locator(".receipt__facts dd")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    for (const w of ddWidths) expect(w).toBeGreaterThanOrEqual(128);
    await page.goto(`/queue/offices/${chuo}/kiosk`);
    expect(await overflow()).toBe(0);
    const cut = await page
      .locator(".kiosk__purpose")
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
    expect(cut).toBe(0);
    noErrors(errors);
    await close();
  });

  it("warns before the receipt returns to the start, and the resident can keep it longer", async () => {
    const { page, close } = await openPage(browser, server.url);
    await page.clock.install();
    await takeTicket(page, chuo, "証明書");
    const warning = page.getByRole("alert").filter({ hasText: "最初の画面に戻ります" });
    await page.clock.runFor(71_000);
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/あと\d+秒で最初の画面に戻ります/);
    await page.getByRole("button", { name: "この画面をもっと表示する" }).click();
    expect(await warning.isVisible()).toBe(false);
    await page.clock.runFor(60_000);
    expect(page.url()).toContain("/kiosk");
    expect(await page.getByTestId("ticket-number").isVisible()).toBe(true);
    await page.clock.runFor(40_000);
    await page.waitForURL(/\/kiosk$/);
    await close();
  });

  it("works without JavaScript", async () => {
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    const ticket = await takeTicket(page, higashi, "証明書");
    expect(ticket.number).toBe(700);
    await close();
  });
});

describe("display board and phone page", () => {
  it("the display shows a call within a second of the counter's call, chimes and speaks it in Japanese", async () => {
    const staff = await staffAtCounter("e2e.queue.caller", "ワンストップ窓口 2番");
    const kiosk = await openPage(browser, server.url);
    const ticket = await takeTicket(kiosk.page, chuo, "ワンストップ（引越し）");

    const relay = await startRelay(server.url);
    const display = await openPage(browser, relay.url, { viewport: { width: 1920, height: 1080 } });
    // Record what the page asks the speech synthesiser to say.
    await display.page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        if (u.text) spoken.push(`${u.lang}:${u.text}`);
      };
    });
    await display.page.goto(`/queue/offices/${chuo}/display`);
    // Where the browser allows sound without a gesture (kiosk flags), no button; else one touch.
    if ((await display.page.locator("[data-sound]").getAttribute("hidden")) === null)
      await display.page.getByRole("button", { name: /音声案内を有効にする/ }).click();
    expect(await display.page.getByText("音声案内は有効です").isVisible()).toBe(true);
    await expectNoAxeViolations(display.page, "display board");
    // The stream is connected before the call.
    await display.page.locator('[data-live="open"]').waitFor();

    // Call until our ticket comes up (earlier tests may have left others).
    let called = 0;
    let calledAt = 0;
    while (called !== ticket.number) {
      await callNext(staff.page);
      calledAt = performance.now();
      called = Number(await staff.page.getByTestId("in-hand-number").textContent());
      if (called !== ticket.number) {
        await staff.page.getByRole("button", { name: "不在にする" }).click();
        await staff.page.waitForURL(/done=absent/);
      }
    }
    const first = display.page.locator(".display__call").first();
    await first.getByText(String(ticket.number), { exact: true }).waitFor({ timeout: 1_000 });
    expect(performance.now() - calledAt).toBeLessThan(1_000);
    expect(await first.textContent()).toContain("ワンストップ窓口 2番");
    // Read at 5 m on 1920×1080: the latest number over 200 px, the waits table over 40 px, all on screen.
    const px = (selector: string) =>
      display.page
        .locator(selector)
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(await px(".display__call .display__number")).toBeGreaterThanOrEqual(200);
    expect(await px(".display__waits tbody th")).toBeGreaterThanOrEqual(40);
    expect(
      await display.page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight),
    ).toBe(true);
    await display.page.waitForFunction(
      (n) => (window as unknown as { spoken: string[] }).spoken.some((s) => s.includes(`${n}番`)),
      ticket.number,
      { timeout: 3_000 },
    );
    const spoken = await display.page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    expect(spoken).toContain(`ja-JP:受付番号 ${ticket.number}番の方、ワンストップ窓口 2番へお越しください。`);
    // Screen readers hear the call as sentences in Japanese and the caption language, not "100 → …".
    const live = display.page.locator("[data-display-live]");
    expect(await live.textContent()).toBe(
      `受付番号 ${ticket.number}番の方、ワンストップ窓口 2番へお越しください。 Number ${ticket.number}, please go to One-stop counter 2.`,
    );
    expect(await live.locator('[lang="en"]').textContent()).toBe(
      `Number ${ticket.number}, please go to One-stop counter 2.`,
    );
    await screenshot(display.page, "queue-display");
    await expectNoAxeViolations(display.page, "display board with a call");

    // The display loses its connection; a recall made meanwhile reaches it when it is back.
    relay.drop();
    await display.page.locator('[data-live="reconnecting"]').waitFor({ timeout: 5_000 });
    await staff.page.getByRole("button", { name: "もう一度呼ぶ" }).click();
    await staff.page.waitForURL(/done=recalled/);
    await display.page.waitForTimeout(1_500);
    relay.restore();
    await display.page.waitForFunction(
      (n) =>
        (window as unknown as { spoken: string[] }).spoken.filter((s) => s.includes(`${n}番`)).length >= 2,
      ticket.number,
      { timeout: 10_000 },
    );
    await display.page.locator('[data-live="open"]').waitFor();
    // The outage shows as failed reconnection attempts in the console; nothing else went wrong.
    noErrors(display.errors.filter((e) => !/net::ERR_|Failed to load resource/.test(e.text)));
    await expectNoAxeViolations(staff.page, "counter page with a ticket in hand");
    await screenshot(staff.page, "queue-counter");
    await staff.page.getByRole("button", { name: "不在にする" }).click();
    await Promise.all([staff.close(), kiosk.close(), display.close()]);
    await relay.close();
  });

  it("the phone page follows the ticket live: place, the 'nearly called' notice, then the call", async () => {
    const staff = await staffAtCounter("e2e.queue.certs", "区民課 11番", "higashi");
    // Counter 11 of 東区 calls move-out and certificates: first clear what earlier tests left for it.
    for (;;) {
      await staff.page.getByRole("button", { name: "次の方を呼ぶ" }).click();
      await staff.page.waitForLoadState("load");
      if (!staff.page.url().includes("done=called")) break;
      await staff.page.getByRole("button", { name: "不在にする" }).click();
      await staff.page.waitForURL(/done=absent/);
    }
    const kiosk = await openPage(browser, server.url);
    const others: number[] = [];
    for (let i = 0; i < 4; i++) others.push((await takeTicket(kiosk.page, higashi, "転出のみ")).number);
    const mine = await takeTicket(kiosk.page, higashi, "転出のみ");

    const phone = await openPage(browser, server.url, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await phone.page.goto(mine.phone);
    expect(await phone.page.getByTestId("phone-number").textContent()).toBe(String(mine.number));
    // The status shown now (the page holds one section per status, the others hidden).
    const status = phone.page.locator('[data-testid="phone-status"] [data-state]:not([hidden])');
    await status.getByText(/あなたの前に 4人/).waitFor();
    await expectNoAxeViolations(phone.page, "phone page");
    await screenshot(phone.page, "queue-phone");

    const serveNext = async () => {
      await callNext(staff.page);
      await staff.page.getByRole("button", { name: "対応を開始する" }).click();
      await staff.page.waitForURL(/done=started/);
      await staff.page.getByRole("button", { name: "対応を終了する" }).click();
      await staff.page.waitForURL(/done=finished/);
    };
    expect(await phone.page.getByText("順番が近づいています。窓口の近くでお待ちください。").isVisible()).toBe(
      false,
    );
    await serveNext();
    // Three ahead: nearly your turn.
    await phone.page
      .getByText("順番が近づいています。窓口の近くでお待ちください。")
      .waitFor({ timeout: 2_000 });
    expect(await status.textContent()).toContain("あなたの前に 3人");
    await expectNoAxeViolations(phone.page, "phone page, nearly called");
    for (let i = 0; i < 3; i++) await serveNext();
    await status.getByText(/あなたの前にお待ちの方はいません/).waitFor({ timeout: 2_000 });
    // Never "soon" beside a long range: the estimate is one honest sentence.
    expect(await status.textContent()).not.toMatch(/約0〜/);
    await callNext(staff.page);
    await phone.page.getByText("お呼びしています。区民課 11番へお越しください。").waitFor({ timeout: 2_000 });
    noErrors(phone.errors);
    expect(others).toHaveLength(4);
    await Promise.all([staff.close(), kiosk.close(), phone.close()]);
  });

  it("without JavaScript the display and phone pages reload themselves", async () => {
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    await page.goto(`/queue/offices/${chuo}/display`);
    // With script off, the browser reads the <noscript> refresh: the board reloads every 10 seconds.
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute("content")).toBe("10");
    expect(await page.getByRole("heading", { name: /お呼びしている番号/ }).isVisible()).toBe(true);
    const reloaded = page.waitForEvent("load", { timeout: 15_000 });
    expect(await reloaded).toBeTruthy();
    // The phone page, opened from a ticket, shows its place and reloads every 30 seconds.
    const ticket = await takeTicket(page, higashi, "証明書");
    await page.goto(ticket.phone);
    expect(await page.getByTestId("phone-number").textContent()).toBe(String(ticket.number));
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute("content")).toBe("30");
    await close();
  });
});

describe("staff pages", () => {
  it("the queue overview and the counter page pass axe, and a refusal is shown on the page", async () => {
    const staff = await staffAtCounter("e2e.queue.welfare", "福祉課 21番");
    await expectNoAxeViolations(staff.page, "counter page, empty");
    // One control on a counter not yet open: it opens the counter (and would call, had anyone waited).
    await staff.page.getByRole("button", { name: "受付を開始して次の方を呼ぶ" }).click();
    await staff.page.waitForURL(/done=opened/);
    expect(await staff.page.getByTestId("counter-state").textContent()).toBe("受付中");
    await staff.page.getByRole("button", { name: "次の方を呼ぶ", exact: true }).click();
    await staff.page.waitForLoadState("load");
    expect(await staff.page.getByRole("alert").textContent()).toContain("この窓口でお待ちの方はいません。");
    await expectNoAxeViolations(staff.page, "counter page with a refusal");
    await staff.page.goto("/queue");
    expect(await staff.page.getByRole("heading", { level: 1 }).textContent()).toBe("番号札と呼び出し");
    await expectNoAxeViolations(staff.page, "queue overview");
    const [c21] = await server.database.db.select().from(counters).where(eq(counters.number, 21));
    expect(c21).toBeDefined();
    await staff.close();
  });

  it("a clerk who opens the counter page with no counter chosen chooses it there, and the page passes axe", async () => {
    const user = await server.addUser("e2e.queue.chooser", "counter", { officeCode: "chuo" });
    const staff = await openPage(browser, server.url);
    try {
      await signIn(staff.page, user);
      const answer = await staff.page.goto("/queue/counter");
      expect(answer?.status()).toBe(200);
      expect(await staff.page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "担当する窓口を選んでください",
      );
      await expectNoAxeViolations(staff.page, "counter chooser");
      await staff.page.getByLabel("窓口", { exact: true }).selectOption({ label: "保健子ども課 31番" });
      await staff.page.getByRole("button", { name: "この窓口で受付する" }).click();
      await staff.page.getByTestId("counter-state").waitFor();
      expect(staff.page.url()).toMatch(/\/queue\/counter$/);
      expect(await staff.page.locator("main").textContent()).toContain("保健子ども課 31番");
    } finally {
      await staff.close();
    }
  });
});
