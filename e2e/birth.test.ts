import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nguyenFamily, writeRows } from "../src/registry/registry.test-support";
import { isCspViolation, launchBrowser, openPage, signIn } from "./support/browser";
import {
  checkPage,
  decline,
  doneToday,
  h1,
  memberGroup,
  openFromRegistry,
  plannedIds,
  planToSheet,
  press,
  startVisit,
  unexpectedErrors,
} from "./support/counter-visit";
import { type E2eServer, type E2eUser, startE2eServer } from "./support/server";

// A birth at the one-stop counter (issue #18): the family is in the registry (the Vietnamese family
// of the demo personas, src/registry/demo-personas.ts), the newborn is not yet; the household form
// shows the birth's fields only, adds the newborn born on the event's day, and the visit ends with
// the guidance sheet listing the birth's procedures with their due dates.

let server: E2eServer;
let browser: Browser;
let counter: E2eUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await writeRows(server.database.db, "kumamoto", nguyenFamily());
  counter = await server.addUser("e2e.birth", "counter");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a birth at the counter", () => {
  it("goes from reception to the guidance sheet with the newborn added to a registry household", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    await startVisit(page, "birth", ["在留カード"]);
    await openFromRegistry(page, "birth", {
      name: "TRAN",
      birthDate: "1996-02-21",
      event: "出生",
      button: /TRAN THI MAI さんの世帯を開く/,
    });
    expect(page.url()).toMatch(/event=birth/);
    await checkPage(page, "birth-03-household-opened");

    // The form opens on the birth: its fields show, those of other events do not.
    expect(await page.getByLabel("種類", { exact: true }).inputValue()).toBe("birth");
    expect(await page.getByRole("group", { name: "出生（出生のとき）" }).isVisible()).toBe(true);
    for (const other of [
      "離婚（離婚のとき）",
      "婚姻（婚姻のとき）",
      "婚姻・離婚をする二人（婚姻・離婚のとき）",
    ])
      expect(await page.getByRole("group", { name: other }).isHidden()).toBe(true);
    expect(await page.getByLabel("亡くなった方（死亡のとき）").isHidden()).toBe(true);
    expect(await page.getByRole("group", { name: /^世帯員 \d+$/ }).count()).toBe(3);

    await page.getByLabel("日付（異動日・死亡日）").fill("R8.12.1");
    await page.getByRole("button", { name: "生まれた子を追加", exact: true }).click();
    const newborn = memberGroup(page, 4);
    await newborn.waitFor();
    // Born on the event's day, a child, chosen as the newborn; the focus is on the name.
    expect(await newborn.getByLabel("生年月日", { exact: true }).inputValue()).toBe("R8.12.1");
    expect(await newborn.getByLabel("続柄", { exact: true }).inputValue()).toBe("child");
    expect(await page.getByLabel("生まれた子", { exact: true }).inputValue()).toBe("m4");
    expect(
      await newborn.getByLabel("氏名", { exact: true }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await newborn.getByLabel("氏名", { exact: true }).fill("NGUYEN MINH KHOA");
    await newborn.getByLabel("フリガナ", { exact: true }).fill("グエン ミン コア");
    await newborn.getByLabel("性別", { exact: true }).selectOption({ label: "男" });
    await newborn.getByLabel("国籍・地域", { exact: true }).selectOption({ label: "ベトナム" });
    // The choices name the newborn as typed.
    await page.getByLabel("母（世帯にいるとき）").selectOption({ label: "TRAN THI MAI（配偶者）" });
    expect(await page.getByLabel("生まれた子", { exact: true }).locator("option:checked").textContent()).toBe(
      "NGUYEN MINH KHOA（子）",
    );
    await checkPage(page, "birth-04-household-filled");

    // A birth date other than the event's is refused, linked to the newborn's birth date.
    await newborn.getByLabel("生年月日", { exact: true }).fill("R8.11.30");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(422);
    const summary = page.locator(".error-summary");
    expect(await summary.textContent()).toContain("出生の日 2026-12-01 と違います");
    await summary.getByRole("link").first().click();
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused).toBe("m3-birthDate");
    await checkPage(page, "birth-04-household-refused");
    await memberGroup(page, 4).getByLabel("生年月日", { exact: true }).fill("R8.12.1");
    await press(page, "この世帯で手続きを確認する");
    expect(await h1(page)).toBe("来庁受付 （手続きの確認）");
    await checkPage(page, "birth-05-plan");

    const planned = await plannedIds(page);
    for (const id of [
      "koseki.birth",
      "mynumber.card-guidance",
      "jidoteate.amount-change",
      "kodomo-iryo.enroll",
    ])
      expect(planned).toContain(id);
    expect(planned).not.toContain("kokuho.childbirth-grant");
    // The father's 児童手当 is changed later: it goes on the sheet with its due date.
    await decline(page, "jidoteate.amount-change", "父が後日あらためて届け出るため");

    const todo = await planToSheet(page, "birth", { cosigner: false });
    expect(await doneToday(page)).toContain("koseki.birth");
    expect(todo.get("jidoteate.amount-change")).toMatch(/^2026-12-\d\d$/);
    expect((todo.get("jidoteate.amount-change") ?? "") >= "2026-12-16").toBe(true);
    for (const id of ["boshi.newborn-visit", "boshi.infant-health", "mynumber.card-guidance"]) {
      expect(todo.has(id), id).toBe(true);
      expect(todo.get(id)).toBeNull();
    }
    expect(await page.locator("article.sheet").textContent()).toContain("NGUYEN MINH KHOA");
    expect(unexpectedErrors(errors)).toEqual([]);
    expect(errors.filter(isCspViolation)).toEqual([]);
    await close();
  }, 180_000);

  it("works without JavaScript: every event's fieldset shows with its legend, and the newborn is added by a round trip", async () => {
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    page.setDefaultTimeout(30_000);
    await signIn(page, counter);
    await page.goto("/guidance");
    for (const legend of [
      "出生（出生のとき）",
      "婚姻・離婚をする二人（婚姻・離婚のとき）",
      "婚姻（婚姻のとき）",
      "離婚（離婚のとき）",
    ])
      expect(await page.getByRole("group", { name: legend }).isVisible(), legend).toBe(true);
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "出生" });
    await page.getByLabel("日付（異動日・死亡日）").fill("2026-12-01");
    const mother = memberGroup(page, 1);
    await mother.getByLabel("氏名", { exact: true }).fill("熊本 真由");
    await mother.getByLabel("生年月日", { exact: true }).fill("1992-08-08");
    await mother.getByLabel("健康保険（異動後）").selectOption({ label: "国民健康保険" });
    await press(page, "生まれた子を追加");
    expect(await memberGroup(page, 2).getByLabel("生年月日", { exact: true }).inputValue()).toBe(
      "2026-12-01",
    );
    expect(await page.getByLabel("生まれた子", { exact: true }).inputValue()).toBe("m2");
    await memberGroup(page, 2).getByLabel("氏名", { exact: true }).fill("熊本 結");
    await page.getByLabel("母（世帯にいるとき）").selectOption({ label: "熊本 真由（世帯主）" });
    await press(page, "必要な手続きを表示");
    const planned = await plannedIds(page);
    expect(planned).toContain("koseki.birth");
    expect(planned).toContain("kokuho.childbirth-grant");
    await close();

    // axe needs JavaScript: the same page as it shows without it (every fieldset) is checked with it on.
    const shown = await openPage(browser, server.url);
    await signIn(shown.page, counter);
    await shown.page.goto("/guidance");
    await shown.page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>(".hf-when")) el.hidden = false;
    });
    await checkPage(shown.page, "birth-nojs-every-fieldset");
    await shown.close();
  }, 180_000);
});
