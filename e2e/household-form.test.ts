import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rareKanjiHouseholds, writeRows } from "../src/registry/registry.test-support";
import { expectNoAxeViolations } from "./support/axe";
import { isCspViolation, launchBrowser, openPage, screenshot, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// The household form as a counter clerk uses it (src/guidance/pages/guidance-form.tsx, its script
// src/web/client/household-form.ts): members added and removed in place, a filer from outside the
// household, facts from the registry changed only with a reason, and the same form without JavaScript.

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

const member = (page: Page, n: number): Locator =>
  page.getByRole("group", { name: `世帯員 ${n}`, exact: true });

/** Counts the page loads of the main frame from now on: adding a member in place must cause none. */
function countLoads(page: Page): () => number {
  let loads = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) loads++;
  });
  return () => loads;
}

/** Presses a button that posts the form and waits for the page the server answers with. */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).click()]);
}

const filerLabels = (page: Page) =>
  page.getByRole("group", { name: "届出人（窓口に来た方）" }).locator(".radio label").allTextContents();

describe("the household form", () => {
  it("adds and removes members in place, without loading the page again, two members a row", async () => {
    const user = await server.addUser("e2e.household.add", "counter");
    const { page, errors, close } = await openPage(browser, server.url, {
      viewport: { width: 1280, height: 800 },
    });
    await signIn(page, user);
    await page.goto("/guidance");
    const loads = countLoads(page);
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
    await page.getByLabel("日付（異動日・死亡日）").fill("R8.4.6");
    await member(page, 1).getByLabel("氏名", { exact: true }).fill("山本 健二");
    await member(page, 1).getByLabel("生年月日").fill("S55.4.2");

    await page.getByRole("button", { name: "世帯員を追加", exact: true }).click();
    await expect.poll(() => member(page, 2).count()).toBe(1);
    // The new member's first field has the focus, with the server's first guess of the relation.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("m1-name");
    expect(await member(page, 2).getByLabel("続柄").locator("option:checked").textContent()).toBe("配偶者");
    await page.keyboard.type("山本 花子");
    await member(page, 2).getByLabel("生年月日").fill("昭和57年8月1日");

    await page.getByRole("button", { name: "世帯員を追加", exact: true }).click();
    await page.keyboard.type("仮の人");
    await page.getByRole("button", { name: "世帯員を追加", exact: true }).click();
    expect(await member(page, 4).getByLabel("続柄").locator("option:checked").textContent()).toBe("子");
    await page.keyboard.type("山本 翔");
    await member(page, 4).getByLabel("生年月日").fill("２０１５－０６－１０");

    // Removing the third moves the fourth into its number, with what was typed.
    await member(page, 3).getByRole("button", { name: "世帯員 3 を削除" }).click();
    await expect.poll(() => page.locator("[data-member]").count()).toBe(3);
    expect(await member(page, 3).getByLabel("氏名", { exact: true }).inputValue()).toBe("山本 翔");
    expect(await page.locator("#m2-birthDate").inputValue()).toBe("２０１５－０６－１０");
    expect(await page.locator("#m3-name").count()).toBe(0);
    expect(await filerLabels(page)).toEqual([
      "山本 健二（世帯主）",
      "山本 花子（配偶者）",
      "山本 翔（子）",
      "世帯にいない方（親族・代理人など）",
    ]);
    // The head is the filer unless the clerk says otherwise; the other person's fields stay hidden.
    expect(await page.getByLabel("山本 健二（世帯主）").isChecked()).toBe(true);
    expect(await page.getByLabel("届出人の氏名").isVisible()).toBe(false);

    expect(loads()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );

    // Two members side by side: the second starts level with the first.
    const [first, second] = await Promise.all([member(page, 1).boundingBox(), member(page, 2).boundingBox()]);
    expect(second?.y).toBe(first?.y);
    expect((second?.x ?? 0) > (first?.x ?? 0)).toBe(true);
    const height = await page.evaluate(() => document.body.scrollHeight);
    expect(height).toBeLessThan(4000);
    await expectNoAxeViolations(page, "household form with three members");
    await screenshot(page, "household-form-three-members");

    // The 前住所 names its prefecture: the "across prefectures" box is not asked.
    const cross = page.getByLabel("他の都道府県との間の異動");
    expect(await cross.isVisible()).toBe(true);
    await page.getByLabel("前住所（転入のとき）").fill("福岡県福岡市中央区天神1丁目1番1号");
    expect(await cross.isVisible()).toBe(false);
    await page.getByLabel("前住所の世帯主（転入のとき）").fill("山本 健二");

    // A foreign resident's fields replace 本籍 and 筆頭者 once the nationality is chosen.
    const spouse = member(page, 2);
    expect(await spouse.getByLabel("本籍（日本国籍の方）").isVisible()).toBe(true);
    expect(await spouse.getByLabel("在留資格（外国籍の方）").isVisible()).toBe(false);
    await spouse.getByLabel("国籍・地域").selectOption({ label: "ベトナム" });
    expect(await spouse.getByLabel("本籍（日本国籍の方）").isVisible()).toBe(false);
    await spouse.getByLabel("在留資格（外国籍の方）").fill("永住者");
    await spouse.getByLabel("在留カード等の番号（外国籍の方）").fill("ab12345678cd");
    await spouse.getByLabel("在留期間の満了の日（外国籍の方）").fill("R11.3.31");

    await press(page, "必要な手続きを表示");
    expect(await page.locator(".error-summary").count()).toBe(0);
    expect(await page.locator("#plan-title").isVisible()).toBe(true);
    // The form comes back as typed, each date with the date it was read as.
    expect(await page.locator("[data-member]").count()).toBe(3);
    expect(await page.locator("#m0-birthDate").inputValue()).toBe("S55.4.2");
    expect(await page.locator("#m0-birthDate-read").textContent()).toBe(
      "昭和55年4月2日（1980年4月2日）と読みました",
    );
    expect(await page.locator("#m1-birthDate-read").textContent()).toContain("昭和57年8月1日");
    expect(await page.locator("#previousAddress-address").inputValue()).toBe(
      "福岡県福岡市中央区天神1丁目1番1号",
    );
    expect(await page.locator("#m1-nationality").inputValue()).toBe("VN");
    expect(await page.locator("#m1-residenceCardNumber").inputValue()).toBe("AB12345678CD");
    expect(await page.locator("#m1-residencePeriodEnd-read").textContent()).toContain("令和11年3月31日");
    expect(await member(page, 2).getByLabel("在留資格（外国籍の方）").isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("takes someone who does not live in the household as the filer of a bereavement", async () => {
    const user = await server.addUser("e2e.household.filer", "counter");
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, user);
    await page.goto("/guidance");

    await page.getByLabel("種類", { exact: true }).selectOption({ label: "死亡（おくやみ）" });
    // The fields of a death show, those of a move do not.
    expect(await page.getByLabel("前住所（転入のとき）").isVisible()).toBe(false);
    await page.getByLabel("日付（異動日・死亡日）").fill("令和8年4月3日");
    const deceased = member(page, 1);
    await deceased.getByLabel("氏名", { exact: true }).fill("中村 キヨ");
    await deceased.getByLabel("生年月日").fill("T15.1.1");
    await deceased.getByLabel("健康保険（異動後）").selectOption({ label: "後期高齢者医療" });
    await page.getByLabel("亡くなった方（死亡のとき）").selectOption({ label: "中村 キヨ（世帯主）" });
    await page.getByLabel("葬儀を行った日（死亡のとき・任意）").fill("R8.4.6");

    // She lived alone and cannot file for herself: the filer is someone from outside the household.
    expect(await page.getByLabel("中村 キヨ（世帯主）").isChecked()).toBe(false);
    expect(await page.getByLabel("世帯にいない方（親族・代理人など）").isChecked()).toBe(true);
    expect(await page.getByLabel("届出人の氏名").isVisible()).toBe(true);
    await page.getByLabel("届出人の氏名").fill("中村 太郎");
    await page.getByLabel("届出人のフリガナ").fill("ナカムラ タロウ");
    await page.getByLabel("届出人と世帯との関係").selectOption({ label: "親族" });
    await page.getByLabel("届出人の住所").fill("福岡県北九州市小倉北区城内1番1号");
    await page.getByLabel("届出人の電話番号").fill("093-000-0000");
    await expectNoAxeViolations(page, "bereavement with a filer from outside the household");

    await press(page, "必要な手続きを表示");
    expect(await page.locator(".error-summary").count()).toBe(0);
    expect(await page.locator("#plan-title").isVisible()).toBe(true);
    expect(await page.getByLabel("世帯にいない方（親族・代理人など）").isChecked()).toBe(true);
    expect(await page.getByLabel("届出人の氏名").inputValue()).toBe("中村 太郎");
    expect(await page.getByLabel("届出人と世帯との関係").inputValue()).toBe("other-relative");
    expect(await page.locator("#event-funeralDate-read").textContent()).toContain("令和8年4月6日");
    // Members are named, never numbered by id, in every choice.
    expect(await page.getByLabel("亡くなった方（死亡のとき）").locator("option").allTextContents()).toEqual([
      "選択してください",
      "中村 キヨ（世帯主）",
    ]);
    await expectNoAxeViolations(page, "plan of a bereavement with a filer from outside the household");
    await screenshot(page, "household-form-bereavement");
    expect(errors).toEqual([]);
    await close();
  });

  it("shows the registry's facts as recorded, and 変更 opens them with a reason that is required", async () => {
    const user = await server.addUser("e2e.household.registry", "counter");
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, user);
    await page.goto("/registry/search");
    await page.getByLabel("氏名またはフリガナ").fill("たかはし");
    await page.getByRole("button", { name: "検索する" }).click();
    await page.waitForURL(/name=/);
    await page.getByRole("link", { name: /世帯を開く.*髙橋\s一郎/ }).click();
    await page.waitForURL(/\/open\?resident=/);
    await page.getByLabel("理由", { exact: true }).selectOption({ label: "転居届" });
    await page.getByLabel("詳細（「その他」の場合は必須）").fill("転居届の受付");
    await page.getByRole("button", { name: "記録して開く" }).click();
    await page.waitForURL(/\/registry\/households\/[0-9a-f-]{36}$/);
    await page.getByRole("link", { name: "この世帯で手続きの案内を始める" }).click();
    await page.waitForURL(/\/guidance\?household=/);

    const head = member(page, 1);
    expect(await page.locator(".hf-badge").first().textContent()).toBe("住民記録から");
    expect(await page.locator(".hf-badge").count()).toBe(3);
    expect(await head.locator(".hf-facts").textContent()).toContain("髙橋\u3000一郎");
    // The recorded facts are read, not typed over: their fields stay closed until 変更.
    expect(await head.getByLabel("氏名", { exact: true }).isVisible()).toBe(false);
    await expectNoAxeViolations(page, "registry facts as recorded");
    await screenshot(page, "household-form-registry");

    await head.getByRole("button", { name: /^変更/ }).click();
    expect(await head.getByLabel("氏名", { exact: true }).isEditable()).toBe(true);
    expect(await head.getByLabel("変更の理由（必須）").isVisible()).toBe(true);
    await head.getByLabel("フリガナ", { exact: true }).fill("タカハシ イチロウ");
    await expectNoAxeViolations(page, "registry facts opened for a change");
    await screenshot(page, "household-form-registry-change");

    await press(page, "必要な手続きを表示");
    expect(await page.locator(".error-summary").textContent()).toMatch(
      /髙橋\s一郎の住民記録を変更する理由を入力してください。/,
    );
    // Still open, with what was typed.
    expect(await page.locator("#m0-kana").inputValue()).toBe("タカハシ イチロウ");
    await head.getByLabel("変更の理由（必須）").fill("本人の申出（フリガナの誤り）");
    await press(page, "必要な手続きを表示");
    expect(await page.locator(".error-summary").count()).toBe(0);
    expect(await page.locator("#plan-title").isVisible()).toBe(true);
    // The other members are still as recorded.
    expect(await member(page, 2).locator(".hf-facts").isVisible()).toBe(true);
    expect(errors.filter(isCspViolation)).toEqual([]);
    await close();
  });

  // axe-core runs as a script, so this journey is checked by its outcome; the HTML is the same as above.
  it("works without JavaScript: every field shows, and 世帯員を追加 posts the form and comes back with the member", async () => {
    const user = await server.addUser("e2e.household.nojs", "counter");
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    await signIn(page, user);
    await page.goto("/guidance");
    expect(await page.getByLabel("届出人の氏名").isVisible()).toBe(true);
    expect(await page.getByLabel("葬儀を行った日（死亡のとき・任意）").isVisible()).toBe(true);

    await member(page, 1).getByLabel("氏名", { exact: true }).fill("熊本 太郎");
    await member(page, 1).getByLabel("生年月日").fill("2026-02-30");
    await press(page, "世帯員を追加");
    expect(await member(page, 2).count()).toBe(1);
    expect(await member(page, 1).getByLabel("氏名", { exact: true }).inputValue()).toBe("熊本 太郎");
    expect(await member(page, 2).getByLabel("続柄").locator("option:checked").textContent()).toBe("配偶者");

    // A day that does not exist is the field's error, in the summary and at the field.
    await press(page, "必要な手続きを表示");
    expect(await page.locator(".error-summary").textContent()).toContain(
      "熊本 太郎の生年月日「2026-02-30」は存在しない日付です。",
    );
    expect(await page.locator("#m0-birthDate").getAttribute("aria-invalid")).toBe("true");

    await press(page, "世帯員 2 を削除");
    expect(await page.locator("[data-member]").count()).toBe(1);
    await close();
  });
});
