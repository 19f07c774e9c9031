import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalesDir } from "../src/i18n/catalogues";
import { LOCALES_DIR } from "../src/i18n/locales";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { offices } from "../src/tenancy/tenancy.table";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// A pseudo-locale run of the resident pages: the Vietnamese catalogues are replaced, for this file only,
// by every English message with its letters accented and bracketed (⟦Ťĥé ķíóšķ⟧). Any Japanese a
// resident then sees outside an element marked lang="ja" was written into a page instead of a
// catalogue (or is data shown without its language marked): the test lists it.

const accents: Record<string, string> = {
  a: "á",
  e: "é",
  i: "í",
  o: "ó",
  u: "ú",
  c: "ç",
  n: "ñ",
  s: "š",
  t: "ť",
  y: "ý",
  A: "Á",
  E: "É",
  I: "Í",
  O: "Ó",
  U: "Ú",
  C: "Ç",
  N: "Ñ",
  S: "Š",
  T: "Ť",
  Y: "Ý",
};
/** Accents letters outside ICU arguments ({name}, {n, plural, …} keep their syntax). */
function pseudo(message: string): string {
  let depth = 0;
  let out = "";
  for (const ch of message) {
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    // Inside a plural or select the branch texts sit at odd depths: accent those, keep keywords.
    out += depth % 2 === 0 ? (accents[ch] ?? ch) : ch;
  }
  return `⟦${out}⟧`;
}

const dir = mkdtempSync(join(tmpdir(), "madoguchi-pseudo-"));
let server: E2eServer;
let browser: Browser;
let chuo: string;

beforeAll(async () => {
  cpSync(LOCALES_DIR, dir, { recursive: true });
  for (const file of readdirSync(join(dir, "en"))) {
    if (file === "language.json") continue;
    const en = JSON.parse(readFileSync(join(dir, "en", file), "utf8")) as Record<string, string>;
    const ja = JSON.parse(readFileSync(join(dir, "ja", file), "utf8")) as Record<string, string>;
    const out = Object.fromEntries(
      Object.keys(ja).map((key) => {
        const english = en[key] ?? ja[key] ?? "";
        return [key, file === "common.json" && key === "productName" ? english : pseudo(english)];
      }),
    );
    writeFileSync(join(dir, "vi", file), JSON.stringify(out));
  }
  useLocalesDir(dir);
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await seedQueue(server.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const rows = await server.database.db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  useLocalesDir(LOCALES_DIR);
  rmSync(dir, { recursive: true, force: true });
});

/** Japanese text on the page (text, alt, aria-label, title, placeholder) not inside an element marked lang="ja". */
function unmarkedJapanese(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const japanese = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
    // Han characters are fine inside text marked Japanese or Chinese (the switch's "中文").
    const isMarked = (el: Element | null) =>
      /^(ja|zh)/.test(el?.closest("[lang]")?.getAttribute("lang") ?? "");
    const hidden = (el: Element) => !!el.closest("script,style,noscript,template,[hidden]");
    const found: string[] = [];
    // The title cannot mark a part; the brand "Madoguchi 窓口" is the one Japanese word allowed in it.
    const title = document.title.replace(/ \| Madoguchi 窓口$/, "");
    if (japanese.test(title)) found.push(`<title> ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const el = node.parentElement;
      if (!el || hidden(el) || !japanese.test(text) || isMarked(el)) continue;
      found.push(text.trim());
    }
    for (const el of document.querySelectorAll("[alt],[aria-label],[title],[placeholder]")) {
      if (hidden(el) || isMarked(el)) continue;
      for (const attr of ["alt", "aria-label", "title", "placeholder"]) {
        const value = el.getAttribute(attr);
        if (value && japanese.test(value)) found.push(`${attr}="${value}"`);
      }
    }
    return found;
  });
}

describe("resident pages in a pseudo-locale", () => {
  it("show no Japanese that is not marked as Japanese: kiosk, ticket, phone page, survey", async () => {
    const resident = await openPage(browser, server.url);
    await resident.page.context().addCookies([{ name: "mg_lang", value: "vi", url: server.url }]);
    const seen: Record<string, string[]> = {};

    await resident.page.goto(`/queue/offices/${chuo}/kiosk`);
    expect(await resident.page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await resident.page.locator("h1").textContent()).toContain("⟦");
    seen.kiosk = await unmarkedJapanese(resident.page);

    await resident.page.locator(".kiosk__purpose").first().click();
    await resident.page.getByTestId("ticket-number").waitFor();
    seen.ticket = await unmarkedJapanese(resident.page);
    const phone = (await resident.page.getByTestId("phone-link").getAttribute("href")) ?? "";

    await resident.page.goto(phone);
    seen.phone = await unmarkedJapanese(resident.page);

    // Staff serve the ticket, so that the phone page offers the survey.
    const user = await server.addUser("e2e.pseudo", "counter");
    const staff = await openPage(browser, server.url);
    await signIn(staff.page, user);
    await staff.page.getByLabel("窓口", { exact: true }).selectOption({ index: 1 });
    await staff.page.getByRole("button", { name: "選択する" }).click();
    await staff.page.waitForURL(/\?counter=set/);
    await staff.page.goto("/queue/counter");
    await staff.page.getByRole("button", { name: "次の方を呼ぶ" }).click();
    await staff.page.waitForURL(/done=called/);
    await staff.page.getByRole("button", { name: "対応を開始する" }).click();
    await staff.page.getByRole("button", { name: "対応を終了する" }).click();
    await staff.close();

    await resident.page.goto(phone);
    const survey = resident.page.getByTestId("phone-survey");
    await survey.click();
    await resident.page.waitForURL(/\/survey\//);
    seen.survey = await unmarkedJapanese(resident.page);
    await resident.close();

    expect(seen).toEqual({ kiosk: [], ticket: [], phone: [], survey: [] });
  });
});
