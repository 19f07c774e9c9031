import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { offices } from "../src/tenancy/tenancy.table";
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

// A resident who reads Vietnamese, and one who reads やさしい日本語, take a ticket at the kiosk in their
// language and follow it on their phone: the ticket and the phone page speak the language chosen at
// the kiosk, every page passes axe-core, and Japanese that has no translation (a counter's name) is
// marked lang="ja" so a screen reader voices it as Japanese. (The survey step is added by the survey.)
let server: E2eServer;
let browser: Browser;
let chuo: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await seedQueue(server.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const rows = await server.database.db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const noErrors = (errors: ConsoleEntry[]) => {
  expect(errors.filter(isCspViolation)).toEqual([]);
  expect(errors.filter((e) => e.kind === "pageerror")).toEqual([]);
};

/** Japanese (CJK) text left in the page's own language, not marked with its own. */
function unmarkedJapanese(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const japanese = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest("script,style,noscript,[hidden]")) continue;
      const lang = el.closest("[lang]")?.getAttribute("lang") ?? "";
      if (japanese.test(node.textContent ?? "") && lang === document.documentElement.lang)
        found.push((node.textContent ?? "").trim());
    }
    return found;
  });
}

/** Every link of the phone page's language switch is a large target (WCAG 2.5.5: 44 × 44 px). */
async function expectLargeLanguageTargets(page: Page) {
  const links = page.locator(".lang-switch--large a, .lang-switch--large [aria-current]");
  expect(await links.count()).toBe(6);
  for (const box of await Promise.all((await links.all()).map((l) => l.boundingBox()))) {
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
}

/** At the kiosk: choose the language by its own name, then the purpose; returns the ticket's page. */
async function takeTicket(page: Page, language: string, purpose: string) {
  await page.goto(`/queue/offices/${chuo}/kiosk`);
  await page.getByRole("navigation", { name: "言語" }).getByRole("link", { name: language }).click();
  await page.waitForURL(/lang=/);
  await page.getByRole("button", { name: new RegExp(purpose) }).click();
  await page.getByTestId("ticket-number").waitFor();
  return {
    number: Number(await page.getByTestId("ticket-number").textContent()),
    phone: (await page.getByTestId("phone-link").getAttribute("href")) ?? "",
  };
}

/** A counter staff member at 区民課 11番 (it calls certificates), on the counter page. */
async function staffAtCounter11() {
  const user = await server.addUser("e2e.languages.counter", "counter", { officeCode: "chuo" });
  const staff = await openPage(browser, server.url);
  await signIn(staff.page, user);
  await staff.page.getByLabel("窓口", { exact: true }).selectOption({ label: "区民課 11番" });
  await staff.page.getByRole("button", { name: "選択する" }).click();
  await staff.page.waitForURL(/\?counter=set/);
  await staff.page.goto("/queue/counter");
  return staff;
}

describe("a resident's own language from the kiosk to the phone", () => {
  it("in Vietnamese: kiosk, ticket and phone page read in Vietnamese, the untranslated counter marked as Japanese", async () => {
    const kiosk = await openPage(browser, server.url, { viewport: { width: 1080, height: 1920 } });
    await kiosk.page.goto(`/queue/offices/${chuo}/kiosk`);
    await kiosk.page.getByRole("link", { name: "Tiếng Việt" }).click();
    await kiosk.page.waitForURL(/lang=vi/);
    expect(await kiosk.page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await kiosk.page.getByRole("heading", { level: 1 }).textContent()).toBe("Lấy số thứ tự");
    expect(await kiosk.page.getByText("Hãy chọn việc bạn cần làm và lấy số thứ tự.").isVisible()).toBe(true);
    expect(await unmarkedJapanese(kiosk.page)).toEqual([]);
    await expectNoAxeViolations(kiosk.page, "kiosk in Vietnamese");
    await screenshot(kiosk.page, "languages-kiosk-vi");

    const ticket = await takeTicket(kiosk.page, "Tiếng Việt", "Giấy chứng nhận");
    expect(await kiosk.page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await kiosk.page.getByRole("heading", { level: 1 }).textContent()).toBe("Số của bạn");
    expect(await kiosk.page.locator(".receipt__purpose").textContent()).toBe(
      "Giấy chứng nhận (phiếu cư trú, v.v.)",
    );
    expect(await unmarkedJapanese(kiosk.page)).toEqual([]);
    await expectNoAxeViolations(kiosk.page, "ticket in Vietnamese");
    await screenshot(kiosk.page, "languages-ticket-vi");

    // The resident's own phone has never been here: the page opens in the ticket's language.
    const phone = await openPage(browser, server.url, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await phone.page.goto(ticket.phone);
    expect(await phone.page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await phone.page.getByRole("heading", { level: 1 }).textContent()).toBe("Thứ tự của bạn");
    expect(await phone.page.getByTestId("phone-number").textContent()).toBe(String(ticket.number));
    const status = phone.page.locator('[data-testid="phone-status"] [data-state]:not([hidden])');
    // Nobody ahead is said as such, not as "0 people ahead".
    await status.getByText(/Còn \d+ người trước bạn|không có ai đứng trước bạn/).waitFor();
    await expectLargeLanguageTargets(phone.page);
    expect(await unmarkedJapanese(phone.page)).toEqual([]);
    await expectNoAxeViolations(phone.page, "phone page in Vietnamese");
    await screenshot(phone.page, "languages-phone-vi");

    // Called to 区民課 11番, which has no Vietnamese name: the sentence is Vietnamese, the name marked Japanese.
    const staff = await staffAtCounter11();
    let called = 0;
    while (called !== ticket.number) {
      await staff.page.getByRole("button", { name: "次の方を呼ぶ" }).click();
      await staff.page.waitForURL(/done=called/);
      called = Number(await staff.page.getByTestId("in-hand-number").textContent());
      if (called !== ticket.number) {
        await staff.page.getByRole("button", { name: "不在にする" }).click();
        await staff.page.waitForURL(/done=absent/);
      }
    }
    const calledText = phone.page.locator('[data-state="called"] .phone__called');
    await calledText.getByText(/Số của bạn đang được gọi/).waitFor({ timeout: 3_000 });
    expect(await calledText.textContent()).toBe("Số của bạn đang được gọi. Xin mời đến 区民課 11番.");
    expect(await calledText.locator('span[lang="ja"]').textContent()).toBe("区民課 11番");
    expect(await unmarkedJapanese(phone.page)).toEqual([]);
    await expectNoAxeViolations(phone.page, "phone page in Vietnamese, called");

    // Served and finished: thanks in Vietnamese, and the way to the survey.
    await staff.page.getByRole("button", { name: "対応を開始する" }).click();
    await staff.page.waitForURL(/done=started/);
    await staff.page.getByRole("button", { name: "対応を終了する" }).click();
    await staff.page.waitForURL(/done=finished/);
    await phone.page.getByText("Cảm ơn bạn đã đến.").waitFor({ timeout: 3_000 });
    expect(await phone.page.getByTestId("phone-survey").isVisible()).toBe(true);
    await expectNoAxeViolations(phone.page, "phone page in Vietnamese, done");

    // The survey, from the phone page, in Vietnamese: one question, answered once.
    const phoneAddress = phone.page.url();
    await phone.page.getByTestId("phone-survey").click();
    await phone.page.waitForURL(/\/survey\/t\//);
    expect(await phone.page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await phone.page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Khảo sát về quầy tiếp nhận",
    );
    expect(await unmarkedJapanese(phone.page)).toEqual([]);
    await expectNoAxeViolations(phone.page, "survey in Vietnamese");
    await phone.page.getByLabel("5 Hài lòng").check();
    await phone.page.getByRole("button", { name: "Gửi" }).click();
    await phone.page.getByText("Cảm ơn bạn đã trả lời.").first().waitFor({ timeout: 3_000 });
    expect(await unmarkedJapanese(phone.page)).toEqual([]);
    await expectNoAxeViolations(phone.page, "survey answered, in Vietnamese");
    await phone.page.goto(phoneAddress);

    // The reader may still choose another language: the switch keeps it for this phone.
    await phone.page.getByRole("link", { name: "English" }).click();
    await phone.page.waitForURL((url) => url.pathname === new URL(ticket.phone).pathname);
    expect(await phone.page.locator("html").getAttribute("lang")).toBe("en");
    expect(await phone.page.getByRole("heading", { level: 1 }).textContent()).toBe("Your place in the queue");

    noErrors(kiosk.errors);
    noErrors(phone.errors);
    await Promise.all([kiosk.close(), phone.close(), staff.close()]);
  });

  it("in やさしい日本語: plain Japanese on the kiosk, the ticket and the phone page", async () => {
    const kiosk = await openPage(browser, server.url, { viewport: { width: 1080, height: 1920 } });
    const ticket = await takeTicket(kiosk.page, "やさしい日本語", "ひっこし の てつづき");
    expect(await kiosk.page.locator("html").getAttribute("lang")).toBe("ja-x-easy");
    expect(await kiosk.page.getByRole("heading", { level: 1 }).textContent()).toBe("あなた の ばんごう");
    expect(await kiosk.page.getByText("ばんごう が よばれる まで、まって ください。").isVisible()).toBe(true);
    await expectNoAxeViolations(kiosk.page, "ticket in やさしい日本語");
    await screenshot(kiosk.page, "languages-ticket-easy");
    // Back to the start: the next resident finds the kiosk in Japanese.
    await kiosk.page.getByRole("link", { name: "はじめ の がめん に もどる" }).click();
    await kiosk.page.waitForURL((url) => url.pathname.endsWith("/kiosk") && url.search === "");
    expect(await kiosk.page.getByRole("heading", { level: 1 }).textContent()).toBe("番号札の発行");

    const phone = await openPage(browser, server.url, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await phone.page.goto(ticket.phone);
    expect(await phone.page.locator("html").getAttribute("lang")).toBe("ja-x-easy");
    expect(await phone.page.getByRole("heading", { level: 1 }).textContent()).toBe("あなた の じゅんばん");
    expect(await phone.page.locator(".phone__purpose").textContent()).toBe("ひっこし の てつづき");
    const status = phone.page.locator('[data-testid="phone-status"] [data-state]:not([hidden])');
    await status.getByText(/あなた の まえ に (\d+にん|まって いる ひと は いません)/).waitFor();
    await expectLargeLanguageTargets(phone.page);
    await expectNoAxeViolations(phone.page, "phone page in やさしい日本語");
    await screenshot(phone.page, "languages-phone-easy");

    // The survey in やさしい日本語: before the ticket is served it says, plainly, to answer afterwards.
    const token = new URL(ticket.phone, server.url).pathname.split("/").pop();
    // As the phone page links it: in the page's language.
    await phone.page.goto(`/survey/t/${token}?lang=ja-x-easy`);
    expect(await phone.page.locator("html").getAttribute("lang")).toBe("ja-x-easy");
    await phone.page.getByText("てつづき が おわって から こたえて ください。").first().waitFor();
    await expectNoAxeViolations(phone.page, "survey in やさしい日本語, not yet");

    noErrors(kiosk.errors);
    noErrors(phone.errors);
    await Promise.all([kiosk.close(), phone.close()]);
  });
});
