import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rareKanjiHouseholds, writeRows } from "../src/registry/registry.test-support";
import { expectNoAxeViolations } from "./support/axe";
import { isCspViolation, launchBrowser, openPage, screenshot, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await writeRows(server.database.db, "kumamoto", rareKanjiHouseholds());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("resident registry", () => {
  it("finds 髙橋 by たかはし, opens the household with a reason, records a change and starts guidance", async () => {
    const user = await server.addUser("e2e.registry", "counter");
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, user);

    await page.getByRole("link", { name: "住民検索" }).click();
    await page.waitForURL(/\/registry\/search$/);
    await expectNoAxeViolations(page, "resident search");

    // An empty search is answered with the error summary, linked to the field.
    await page.getByRole("button", { name: "検索する" }).click();
    await page.waitForURL(/\/registry\/search\?/);
    expect(await page.locator(".error-summary h2").textContent()).toBe("入力内容に問題があります");
    await expectNoAxeViolations(page, "resident search with an error");

    await page.getByLabel("氏名またはフリガナ").fill("たかはし");
    await page.getByRole("button", { name: "検索する" }).click();
    await page.waitForURL(/name=/);
    expect(await page.getByTestId("result-count").textContent()).toBe("4件");
    const row = page.getByRole("row", { name: /髙橋\s一郎/ });
    expect(await row.getByRole("cell").nth(2).textContent()).toBe("昭和55年5月5日");
    await expectNoAxeViolations(page, "search results");
    await screenshot(page, "registry-results");

    // The common form finds the registered rare form too.
    await page.getByLabel("氏名またはフリガナ").fill("高橋　一");
    await page.getByRole("button", { name: "検索する" }).click();
    await page.waitForURL(/name=%E9%AB%98/);
    expect(await page.getByTestId("result-count").textContent()).toBe("1件");

    await page.getByRole("link", { name: /世帯を開く.*髙橋\s一郎/ }).click();
    await page.waitForURL(/\/registry\/households\/[0-9a-f-]{36}\/open\?resident=/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("世帯を開く理由");
    await expectNoAxeViolations(page, "reason to open");
    await page.getByLabel("理由", { exact: true }).selectOption({ label: "転居届" });
    await page.getByLabel("詳細（「その他」の場合は必須）").fill("転居届の受付");
    await page.getByRole("button", { name: "記録して開く" }).click();
    await page.waitForURL(/\/registry\/households\/[0-9a-f-]{36}$/);
    const householdId = new URL(page.url()).pathname.split("/")[3] ?? "";
    expect(await page.getByTestId("member").count()).toBe(3);
    await expectNoAxeViolations(page, "household");

    await page.getByRole("link", { name: /変更する.*髙橋\s一郎/ }).click();
    await page.waitForURL(/\/registry\/residents\/[0-9a-f-]{36}\/edit$/);
    await expectNoAxeViolations(page, "edit facts");
    await page.getByLabel("犬").check();
    await page.getByRole("button", { name: "変更を保存する" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator(".error-summary").isVisible()).toBe(true);
    await expectNoAxeViolations(page, "edit facts with an error");
    await page.getByLabel(/変更の理由/).fill("犬を飼い始めたと本人から申出");
    await page.getByRole("button", { name: "変更を保存する" }).click();
    await page.waitForURL(/saved=1$/);
    expect(await page.getByRole("status").textContent()).toBe("変更を保存しました。");
    const history = page.getByRole("row", { name: /犬を飼い始めたと本人から申出/ });
    expect(await history.count()).toBe(1);
    expect(await history.textContent()).toContain("e2e.registry");
    await expectNoAxeViolations(page, "household after a change");
    await screenshot(page, "registry-household");

    const start = page.getByRole("link", { name: "この世帯で手続きの案内を始める" });
    expect(await start.getAttribute("href")).toBe(`/guidance?household=${householdId}`);
    await start.click();
    await page.waitForURL(/\/guidance\?household=/);
    // The guidance page opens with the household as registered: three members, names byte for byte.
    expect(await page.locator("#m0-name").inputValue()).toBe("髙橋\u3000一郎");
    expect(await page.locator("#m1-name").inputValue()).toBe("髙橋\u3000葛\u{E0100}子");
    expect(await page.locator("#m2-birthDate").inputValue()).toBe("2019-06-01");
    expect(await page.locator("#m3-name").count()).toBe(0);
    expect(await page.locator('input[name="m0.owns"][value="dog"]').isChecked()).toBe(true);
    await expectNoAxeViolations(page, "guidance filled from the registry");
    await page.getByRole("button", { name: "必要な手続きを表示" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator(".error-summary").count()).toBe(0);
    expect(await page.locator("#plan-title").isVisible()).toBe(true);
    expect(errors.filter(isCspViolation)).toEqual([]);
    await close();
  });

  it("the card search page and its results pass axe-core", async () => {
    const user = await server.addUser("e2e.registry.card", "counter");
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, user);
    await page.goto("/registry/card");
    await expectNoAxeViolations(page, "card search");
    await page.getByLabel("氏名（券面のとおり）").fill("山崎　花子");
    await page.getByLabel("住所（券面のとおり）").fill("熊本市東区健軍3丁目1-2");
    await page.getByLabel(/生年月日/).fill("1950-03-03");
    await page.getByLabel("性別").selectOption("female");
    await page.getByRole("button", { name: "検索する" }).click();
    await page.waitForURL(/\/registry\/card\?/);
    expect(await page.getByRole("row", { name: /山﨑\s花子/ }).textContent()).toContain("券面と一致");
    await expectNoAxeViolations(page, "card search results");
    expect(errors.filter(isCspViolation)).toEqual([]);
    await close();
  });

  // axe-core runs as a script, so this journey is checked by its outcome; the pages are the same as above.
  it("works without JavaScript: a card search finds 𠮷田 by 吉田, the household opens with a reason, guidance starts filled in", async () => {
    const user = await server.addUser("e2e.registry.nojs", "counter");
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    await signIn(page, user);
    await page.goto("/registry/card");
    await page.getByLabel("氏名（券面のとおり）").fill("吉田　辺太");
    await page.getByLabel("住所（券面のとおり）").fill("熊本県熊本市北区植木町岩野123番地4");
    await page.getByLabel(/生年月日/).fill("1975/7/7");
    await page.getByLabel("性別").selectOption("male");
    await page.getByRole("button", { name: "検索する" }).click();
    await page.waitForURL(/\/registry\/card\?/);
    const row = page.getByRole("row", { name: /\u{20BB7}田\s邉太/u });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("券面と一致");

    await row.getByRole("link", { name: /世帯を開く/ }).click();
    await page.waitForURL(/\/open\?resident=/);
    await page.getByLabel("理由", { exact: true }).selectOption({ label: "転出届" });
    await page.getByRole("button", { name: "記録して開く" }).click();
    await page.waitForURL(/\/registry\/households\/[0-9a-f-]{36}$/);
    await page.getByRole("link", { name: "この世帯で手続きの案内を始める" }).click();
    await page.waitForURL(/\/guidance\?household=/);
    expect(await page.locator("#m0-name").inputValue()).toBe("\u{20BB7}田\u3000邉太");
    expect(await page.locator("#m0-birthDate").inputValue()).toBe("1975-07-07");
    await close();
  });
});
