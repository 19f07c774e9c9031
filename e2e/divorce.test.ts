import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryRow, writeRows } from "../src/registry/registry.test-support";
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

// A divorce with a child at the one-stop counter (issue #18): the family comes from the registry, the
// household form shows the divorce's fields only, refuses a custodian who is not a partner and a
// member both changing and keeping a surname (the error summary linked to each field), and the visit
// ends with the guidance sheet listing the divorce's procedures with their due dates.

let server: E2eServer;
let browser: Browser;
let counter: E2eUser;

/** 天草 誠 (on his employer's insurance with his wife and daughter), 天草 由美 and their daughter 悠. */
const amakusa = () => {
  const home = { householdNo: "9000000101", ward: "中央区", address: "大江三丁目5番8号" };
  return [
    registryRow({
      ...home,
      residentNo: "9100000101",
      name: "天草\u3000誠",
      kana: "アマクサ\u3000マコト",
      birthDate: "1985-11-11",
      benefits: ["childAllowance"],
    }),
    registryRow({
      ...home,
      residentNo: "9100000102",
      relation: "spouse",
      name: "天草\u3000由美",
      kana: "アマクサ\u3000ユミ",
      birthDate: "1987-12-12",
      sex: "female",
      pension: "cat3",
    }),
    registryRow({
      ...home,
      residentNo: "9100000103",
      relation: "child",
      name: "天草\u3000悠",
      kana: "アマクサ\u3000ハルカ",
      birthDate: "2016-02-02",
      sex: "female",
      pension: null,
      myNumberCard: false,
      sealRegistered: false,
      benefits: ["childMedical"],
    }),
  ];
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await writeRows(server.database.db, "kumamoto", amakusa());
  counter = await server.addUser("e2e.divorce", "counter");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a divorce with a child at the counter", () => {
  it("goes from reception to the guidance sheet, the mother keeping the child and the father leaving", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    await startVisit(page, "divorce", ["マイナンバーカード"]);
    await openFromRegistry(page, "divorce", {
      name: "天草",
      birthDate: "1987-12-12",
      event: "離婚",
      button: /天草\s由美 さんの世帯を開く/,
    });
    expect(page.url()).toMatch(/event=divorce/);
    await checkPage(page, "divorce-03-household-opened");

    // The divorce's fields show (with the couple's), the birth's and the marriage's do not.
    expect(await page.getByLabel("種類", { exact: true }).inputValue()).toBe("divorce");
    for (const shown of ["離婚（離婚のとき）", "婚姻・離婚をする二人（婚姻・離婚のとき）"])
      expect(await page.getByRole("group", { name: shown }).isVisible(), shown).toBe(true);
    for (const hidden of ["出生（出生のとき）", "婚姻（婚姻のとき）"])
      expect(await page.getByRole("group", { name: hidden }).isHidden(), hidden).toBe(true);

    await page.getByLabel("日付（異動日・死亡日）").fill("2026-12-01");
    await page.getByLabel("一人目", { exact: true }).selectOption({ value: "m1" });
    await page.getByLabel("二人目", { exact: true }).selectOption({ value: "m2" });
    const changes = page.getByRole("group", { name: "氏が変わる方" });
    const keeps = page.getByRole("group", { name: "婚姻中の氏を使い続ける方（婚氏続称）" });
    await changes.getByLabel(/天草\s由美/).check();
    // Two mistakes: the child chosen as custodian, and the mother both changing and keeping her surname.
    await page.getByLabel("子を引き取る方（親権者）").selectOption({ value: "m3" });
    await keeps.getByLabel(/天草\s由美/).check();
    await page.getByLabel("この世帯を出る方").selectOption({ value: "m1" });
    // Before the divorce she and the child were on his employer's insurance; now National Health Insurance.
    for (const n of [2, 3]) {
      const m = memberGroup(page, n);
      await m.getByLabel("健康保険（異動後）").selectOption({ label: "国民健康保険" });
      await m
        .getByLabel("出来事の前の健康保険（転入・婚姻・離婚のとき）")
        .selectOption({ label: "被用者保険（健康保険・共済組合など）" });
    }
    const mother = memberGroup(page, 2);
    await mother.getByLabel("国民年金の種別（20〜59歳）").selectOption({ label: "第1号被保険者" });
    await mother
      .getByLabel("出来事の前の国民年金の種別（転入・婚姻・離婚のとき）")
      .selectOption({ label: "第3号被保険者" });
    // Fields of other events stay hidden on the members too (moving applies to moves only).
    expect(await mother.getByLabel("異動する（転入・転居・転出のとき）").isHidden()).toBe(true);

    expect(await press(page, "この世帯で手続きを確認する")).toBe(422);
    const summary = page.locator(".error-summary");
    const links = summary.getByRole("link");
    expect(await links.count()).toBe(2);
    expect(await summary.textContent()).toContain("離婚する二人のどちらか");
    expect(await summary.textContent()).toContain("両方に入っています");
    await checkPage(page, "divorce-04-household-refused");
    await summary.getByRole("link", { name: /離婚する二人のどちらか/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("event-custodian");
    await summary.getByRole("link", { name: /両方に入っています/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("event-keepSurname");
    // What was entered is still there after the refusal.
    expect(await page.getByLabel("この世帯を出る方").inputValue()).toBe("m1");
    expect(await changes.getByLabel(/天草\s由美/).isChecked()).toBe(true);

    await page.getByLabel("子を引き取る方（親権者）").selectOption({ value: "m2" });
    await keeps.getByLabel(/天草\s由美/).uncheck();
    await press(page, "この世帯で手続きを確認する");
    expect(await h1(page)).toBe("来庁受付 （手続きの確認）");
    await checkPage(page, "divorce-05-plan");
    const planned = await plannedIds(page);
    for (const id of [
      "koseki.divorce",
      "mynumber.name-change",
      "kokuho.enroll",
      "nenkin.category-change",
      "jidoteate.claim",
      "jidoteate.terminate",
      "jido-fuyo.claim",
      "hitorioya-iryo.enroll",
    ])
      expect(planned, id).toContain(id);
    // The father ends his 児童手当 himself: it goes on the sheet with its due date.
    await decline(page, "jidoteate.terminate", "父が後日あらためて届け出るため");

    const todo = await planToSheet(page, "divorce", { cosigner: true });
    const done = await doneToday(page);
    for (const id of ["koseki.divorce", "jidoteate.claim", "jido-fuyo.claim", "kokuho.enroll"])
      expect(done, id).toContain(id);
    expect(todo.get("jidoteate.terminate")).toMatch(/^2026-12-\d\d$/);
    expect((todo.get("jidoteate.terminate") ?? "") >= "2026-12-16").toBe(true);
    expect(await page.locator("article.sheet").textContent()).toContain("天草 誠");
    expect(unexpectedErrors(errors)).toEqual([]);
    expect(errors.filter(isCspViolation)).toEqual([]);
    await close();
  }, 240_000);
});
