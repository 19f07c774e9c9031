import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importEntries } from "../src/manual/import-entries";
import { defaultContentDir, loadEntriesFromDir } from "../src/manual/load-entries";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, type E2eUser, startE2eServer } from "./support/server";

// A clerk opens the manual from a line of the plan; a resident searches the FAQ in kana and reads the
// entry in kanji, then says whether it helped. Both on the Kumamoto content of the repository.
let server: E2eServer;
let browser: Browser;
let counter: E2eUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  const { entries } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
  await importEntries(server.database.db, {
    municipalityId: "kumamoto",
    entries,
    origin: "e2e",
    now: new Date(),
  });
  counter = await server.addUser("e2e.manual", "counter");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const h1 = async (page: Page) => (await page.getByRole("heading", { level: 1 }).textContent())?.trim();

async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).click()]);
}

describe("the manual in a browser", () => {
  it("opens a procedure's manual entry from its line in the staff plan", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    await page.goto("/guidance");
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
    await page.getByLabel("日付（異動日・死亡日）").fill("2026-04-06");
    const member = page.getByRole("group", { name: "世帯員 1", exact: true });
    await member.getByLabel("氏名", { exact: true }).fill("熊本 太郎");
    await member.getByLabel("フリガナ", { exact: true }).fill("クマモト タロウ");
    await member.getByLabel("生年月日", { exact: true }).fill("1990-05-01");
    await press(page, "必要な手続きを表示");

    const line = page.locator('tr[data-procedure="juki.move-in"]');
    await Promise.all([
      page.waitForNavigation(),
      line.getByRole("link", { name: "「転入届」のマニュアル" }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe("/manual/entries/proc-juki-move-in");
    expect(await h1(page)).toBe("転入届");
    expect(
      await page.getByRole("heading", { level: 2, name: "職員向け：処理手順とチェック" }).isVisible(),
    ).toBe(true);
    await expectNoAxeViolations(page, "staff manual entry");

    await page.goto(`/manual?q=${encodeURIComponent("ｺｸﾎ ﾔﾒﾙ")}`);
    expect(await page.locator("mark.manual-hit").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "staff manual search");
    expect(errors).toEqual([]);
    await close();
  });

  it("lets a resident search the FAQ in kana, read the entry and say it helped", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await page.goto("/faq");
    expect(new URL(page.url()).pathname).toBe("/faq/kumamoto");
    await expectNoAxeViolations(page, "FAQ list");
    await page.getByLabel("探したいこと").fill("てんにゅう");
    await press(page, "探す");
    const first = page.locator("ol.manual-results > li").first().getByRole("link");
    expect(await first.locator("mark").first().textContent()).toBe("転入");
    await expectNoAxeViolations(page, "FAQ results");

    await Promise.all([page.waitForNavigation(), first.click()]);
    expect(await h1(page)).toBe("転入届");
    await expectNoAxeViolations(page, "FAQ entry");
    await press(page, "はい");
    expect(await page.getByRole("status").textContent()).toContain("ありがとうございました");

    // The same entry in English from the language switch.
    await page.goto(`/lang?to=en&back=${encodeURIComponent("/faq/kumamoto/proc-juki-move-in")}`);
    expect(await h1(page)).toBe("Notification of moving in");
    await expectNoAxeViolations(page, "FAQ entry in English");
    expect(errors).toEqual([]);
    await close();
  });
});
