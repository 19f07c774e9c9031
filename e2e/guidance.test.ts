import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, Frame, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../src/catalog/municipalities";
import { dogFamilyMoveIn } from "../src/forms/fixtures/households";
import { guideHousehold } from "../src/guidance/guide";
import { offices } from "../src/tenancy/tenancy.table";
import { visits } from "../src/visits/visits.table";
import { expectNoAxeViolations } from "./support/axe";
import { type ConsoleEntry, launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, type E2eUser, startE2eServer } from "./support/server";

let server: E2eServer;
let browser: Browser;
let counter: E2eUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  counter = await server.addUser("e2e.guidance", "counter");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Screenshots and the printed sheet, for looking at by eye: written only when E2E_SCREENSHOT_DIR is set. */
function keep(name: string, bytes: Buffer): void {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `guidance-${name}`), bytes);
}

const shoot = async (page: Page, name: string) =>
  keep(`${name}.png`, await page.screenshot({ fullPage: true }));

/** Pages in a PDF made by Chromium (its page objects are written uncompressed). */
const pdfPages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

/** Presses a form button and waits for the page the server answers with. */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).click()]);
}

const memberGroup = (page: Page, n: number): Locator =>
  // The legend names the member by position ("世帯員 1"), never by an id.
  page.getByRole("group", { name: `世帯員 ${n}`, exact: true });

interface MemberInput {
  name: string;
  kana: string;
  birthDate: string;
  relation?: string;
  insurance?: string;
  pension?: string;
  careLevel?: string;
  /** Labels of the boxes to tick: flags, benefits and possessions alike. */
  ticks?: string[];
}

async function fillMember(page: Page, n: number, m: MemberInput): Promise<void> {
  const group = memberGroup(page, n);
  await group.getByLabel("氏名", { exact: true }).fill(m.name);
  await group.getByLabel("フリガナ", { exact: true }).fill(m.kana);
  if (m.relation) await group.getByLabel("続柄", { exact: true }).selectOption({ label: m.relation });
  await group.getByLabel("生年月日", { exact: true }).fill(m.birthDate);
  if (m.insurance) await group.getByLabel("健康保険（異動後）").selectOption({ label: m.insurance });
  if (m.pension) await group.getByLabel("国民年金の種別（20〜59歳）").selectOption({ label: m.pension });
  if (m.careLevel) await group.getByLabel("要介護・要支援認定").selectOption({ label: m.careLevel });
  for (const tick of m.ticks ?? []) await group.getByLabel(tick, { exact: true }).check();
}

/**
 * Adds a member with the page's own button and checks that the new, empty fieldset appears: with
 * JavaScript on the page adds it in place (no reload), without it the server answers with the form.
 */
async function addMember(
  page: Page,
  expectedCount: number,
  expectedRelation: string,
  javaScript = true,
): Promise<void> {
  let reloaded = false;
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame()) reloaded = true;
  };
  page.on("framenavigated", onNavigated);
  await page.getByRole("button", { name: "世帯員を追加", exact: true }).click();
  const group = memberGroup(page, expectedCount);
  await group.waitFor();
  page.off("framenavigated", onNavigated);
  expect(reloaded).toBe(!javaScript);
  // With JavaScript the new member's name has focus, ready to type.
  if (javaScript)
    expect(
      await group.getByLabel("氏名", { exact: true }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
  expect(await group.getByLabel("氏名", { exact: true }).inputValue()).toBe("");
  const relation = group.getByLabel("続柄", { exact: true });
  expect(await relation.locator("option:checked").textContent()).toBe(expectedRelation);
  expect(await page.getByRole("group", { name: /^世帯員 \d+$/ }).count()).toBe(expectedCount);
}

type Axe = (page: Page, label: string) => Promise<void>;
/**
 * axe-core runs inside the page, so it cannot run where JavaScript is off; those runs serve the very
 * same HTML, which the runs with JavaScript check.
 */
const noAxe: Axe = async () => {};

const family: MemberInput[] = [
  {
    name: "熊本 太郎",
    kana: "クマモト タロウ",
    birthDate: "1993-08-19",
    pension: "第2号被保険者",
    ticks: ["マイナンバーカードあり"],
  },
  {
    name: "熊本 花子",
    kana: "クマモト ハナコ",
    birthDate: "1995-02-11",
    pension: "第3号被保険者",
    ticks: ["マイナンバーカードあり", "児童手当"],
  },
  { name: "熊本 陽", kana: "クマモト ヒナタ", birthDate: "2025-01-20", ticks: ["保育所等の利用を希望"] },
  { name: "熊本 葵", kana: "クマモト アオイ", birthDate: "2019-06-10" },
];

/**
 * A counter staff member enters a family moving in, member by member, and asks for the plan; the
 * same steps with and without JavaScript.
 */
async function enterMoveInFamily(page: Page, label: string, axe: Axe, javaScript = true): Promise<void> {
  await page.goto("/");
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "手続きの案内" }).click()]);
  expect(await h1(page)).toBe("手続きの案内");
  await axe(page, `empty guidance form (${label})`);

  await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
  await page.getByLabel("日付（異動日・死亡日）").fill("2026-04-06");
  await fillMember(page, 1, family[0] as MemberInput);
  await addMember(page, 2, "配偶者", javaScript);
  // What was typed before is still there (kept by the page, or by the server's round trip without JavaScript).
  expect(await page.getByLabel("日付（異動日・死亡日）").inputValue()).toBe("2026-04-06");
  expect(await memberGroup(page, 1).getByLabel("氏名", { exact: true }).inputValue()).toBe("熊本 太郎");
  expect(await memberGroup(page, 1).getByLabel("マイナンバーカードあり").isChecked()).toBe(true);
  await axe(page, `form with two members (${label})`);
  await fillMember(page, 2, family[1] as MemberInput);
  await addMember(page, 3, "子", javaScript);
  await fillMember(page, 3, family[2] as MemberInput);
  await addMember(page, 4, "子", javaScript);
  await fillMember(page, 4, family[3] as MemberInput);
  await axe(page, `form with four members (${label})`);

  await press(page, "必要な手続きを表示");
  expect(await page.getByRole("heading", { level: 2, name: /^必要な手続き（\d+件）$/ }).isVisible()).toBe(
    true,
  );
  await axe(page, `plan for the family (${label})`);

  const resident = page.getByRole("region", { name: "区民課" });
  const children = page.getByRole("region", { name: "保健子ども課" });
  const moveIn = resident.locator('tr[data-procedure="juki.move-in"]');
  expect(await moveIn.locator("td").nth(0).textContent()).toContain("転入届");
  expect(await moveIn.locator("td").nth(1).textContent()).toBe("熊本 太郎、熊本 花子、熊本 陽、熊本 葵");
  expect(await moveIn.locator("time").textContent()).toBe("2026年4月20日（月）／令和8年4月20日");
  expect(await moveIn.locator("td").nth(3).textContent()).toBe("この窓口で受付");

  const allowance = children.locator('tr[data-procedure="jidoteate.claim"]');
  expect(await allowance.locator("td").nth(0).textContent()).toContain("児童手当");
  expect(await allowance.locator("td").nth(1).textContent()).toBe("熊本 陽、熊本 葵");
  expect(await allowance.locator("time").textContent()).toBe("2026年4月21日（火）／令和8年4月21日");

  const daycare = children.locator('tr[data-procedure="hoiku.guidance"]');
  expect(await daycare.locator("td").nth(0).textContent()).toContain("保育所");
  expect(await daycare.locator("td").nth(1).textContent()).toBe("熊本 陽");
  expect(await daycare.locator("td").nth(2).textContent()).toBe("期限なし");
  expect(await daycare.locator("td").nth(3).textContent()).toBe("ご案内（他の窓口・機関）");
  expect(await daycare.locator("td").nth(4).textContent()).toContain("熊本 陽");
  // The older child is at school age, so no daycare guidance for her.
  expect(await daycare.locator("td").nth(1).textContent()).not.toContain("m4");
}

/** The place section of the sheet that lists a procedure (where to go for it). */
const placeOf = (page: Page, id: string): Locator =>
  page.locator("section.sheet-place", { has: page.locator(`[data-procedure="${id}"]`) });

/**
 * The page reflows at 320 CSS px (WCAG 1.4.10): nothing wider than the viewport, so no sideways
 * scrolling and no column cut off. The viewport is put back afterwards.
 */
async function expectReflowAt320(page: Page, name = "sheet"): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  await shoot(page, `${name}-320`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  // Every fact of every place is within the page, down to the deadline.
  const right = await page
    .locator("article.sheet dd")
    .evaluateAll((dds) => Math.max(...dds.map((dd) => dd.getBoundingClientRect().right)));
  expect(right).toBeLessThanOrEqual(320);
  if (before) await page.setViewportSize(before);
}

/** On paper, no text of the sheet is smaller than 12 pt (16 CSS px). */
async function expectPrintAtLeast12pt(page: Page): Promise<void> {
  await page.emulateMedia({ media: "print" });
  const smallest = await page.locator("article.sheet").evaluate((sheet) => {
    let min = Number.POSITIVE_INFINITY;
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent?.trim() || !parent || parent.closest(".no-print")) continue;
      min = Math.min(min, Number.parseFloat(getComputedStyle(parent).fontSize));
    }
    return min;
  });
  expect(smallest).toBeGreaterThanOrEqual(16);
  // Back to the page's own media (page.pdf() prints with print media unless one is forced).
  await page.emulateMedia({ media: null });
}

/** Opens the printable sheet from the plan and checks the one-stop / elsewhere split. */
async function openSheet(page: Page, label: string, axe: Axe): Promise<void> {
  await press(page, "案内票を印刷用に表示");
  expect(await h1(page)).toBe("手続きのご案内");
  const here = page.locator("ul.sheet-done");
  const elsewhere = page.locator("section.sheet-section").nth(1);
  expect(await here.locator('[data-procedure="juki.move-in"]').count()).toBe(1);
  expect(await here.locator('[data-procedure="jidoteate.claim"]').count()).toBe(1);
  expect(await here.locator('[data-procedure="hoiku.guidance"]').count()).toBe(0);
  expect(await elsewhere.locator('[data-procedure="hoiku.guidance"]').count()).toBe(1);
  // Where to go for each: the department at this office, or the city's bureau, with the facts to get there.
  const daycare = placeOf(page, "hoiku.guidance");
  expect(await daycare.locator("h3").textContent()).toBe("中央区役所 保健子ども課");
  expect(await daycare.locator(":scope > dl.sheet-facts dd").allTextContents()).toEqual([
    "31番窓口",
    "熊本市中央区手取本町1番1号（熊本市役所本庁舎）",
    "096-328-2111",
    "平日 8:30〜17:15（土日・祝日・12月29日〜1月3日を除く）",
  ]);
  const water = placeOf(page, "suido.notice");
  expect(await water.locator("h3").textContent()).toBe("熊本市上下水道局");
  expect(await water.locator(".sheet-place__kind").textContent()).toBe("熊本市の機関です");
  expect(await water.getByRole("link", { name: "096-381-1133" }).getAttribute("href")).toBe(
    "tel:+81-96-381-1133",
  );
  expect(await water.locator('[data-procedure="suido.notice"] .sheet-bring li').allTextContents()).toEqual([
    "お客様番号がわかるもの（検針票など）",
  ]);
  expect(await page.getByText("本日この窓口でお受けする手続き").isVisible()).toBe(true);
  expect(await page.getByText("ほかの窓口・機関でお手続きください").isVisible()).toBe(true);
  await axe(page, `guidance sheet (${label})`);
  await expectReflowAt320(page);
}

describe("guidance at the counter", () => {
  it("a counter staff member enters a family moving in, sees the plan by department and prints one A4 sheet", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    await enterMoveInFamily(page, "JavaScript on", expectNoAxeViolations);
    await shoot(page, "plan");

    await openSheet(page, "JavaScript on", expectNoAxeViolations);
    await shoot(page, "sheet");
    await expectPrintAtLeast12pt(page);
    const pdf = await page.pdf({ format: "A4" });
    keep("sheet.pdf", pdf);
    // 12 pt with each place's address, phone and hours: two A4 pages at most for this family.
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    // On paper only the sheet: no header, session bar, buttons or footer.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "印刷する" }).isVisible()).toBe(false);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: "手続きのご案内" }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("the staff member prints the sheet in Vietnamese for the resident, Japanese names marked as Japanese", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    // The form and the plan are checked with axe in the journey above; here only the sheet is.
    await enterMoveInFamily(page, "sheet in Vietnamese", async () => {});
    await page.getByLabel("案内票の言語").selectOption({ value: "vi" });
    await press(page, "案内票を印刷用に表示");
    expect(await h1(page)).toBe("Hướng dẫn thủ tục");
    expect(await page.locator("article.sheet").getAttribute("lang")).toBe("vi");
    const moveIn = page.locator('ul.sheet-done [data-procedure="juki.move-in"]');
    expect(await moveIn.locator(".sheet-done__name").textContent()).toBe("Thông báo chuyển đến");
    // The residents' names and the 和暦 stay Japanese, marked so a screen reader voices them as such.
    expect(await moveIn.locator('span[lang="ja"]').first().textContent()).toBe("熊本 太郎");
    expect(await page.locator('.sheet-meta time span[lang="ja"]').textContent()).toMatch(/^令和8年4月\d+日$/);
    const water = placeOf(page, "suido.notice");
    expect(await water.locator("h3").textContent()).toBe("Cục Cấp thoát nước thành phố Kumamoto");
    expect(await water.locator(".sheet-place__kind").textContent()).toBe("Cơ quan của Thành phố Kumamoto");
    // The address romanised, and in Japanese to show a driver.
    expect(await water.locator(':scope > dl.sheet-facts dd span[lang="ja"]').textContent()).toBe(
      "熊本市中央区水前寺6丁目2番45号",
    );
    await expectNoAxeViolations(page, "guidance sheet in Vietnamese");
    await shoot(page, "sheet-vi");
    await expectReflowAt320(page);
    await expectPrintAtLeast12pt(page);
    expect(pdfPages(await page.pdf({ format: "A4" }))).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
    await close();
  });

  it("a bereavement lists what ends with the deceased, with the funeral host chosen", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    await page.goto("/guidance");
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "死亡（おくやみ）" });
    await page.getByLabel("日付（異動日・死亡日）").fill("2026-02-03");
    await fillMember(page, 1, {
      name: "髙橋 一郎",
      kana: "タカハシ イチロウ",
      birthDate: "1944-09-09",
      insurance: "後期高齢者医療",
      careLevel: "要介護1",
      ticks: ["マイナンバーカードあり", "印鑑登録あり", "年金を受給している", "土地・家屋"],
    });
    await addMember(page, 2, "配偶者");
    await fillMember(page, 2, {
      name: "髙橋 和子",
      kana: "タカハシ カズコ",
      birthDate: "1948-10-10",
      insurance: "後期高齢者医療",
    });
    await page.getByLabel("亡くなった方（死亡のとき）").selectOption({ label: "髙橋 一郎（世帯主）" });
    await page.getByLabel("喪主（死亡のとき・任意）").selectOption({ value: "m2" });
    await page.getByLabel("死亡届は提出済み").check();
    await expectNoAxeViolations(page, "bereavement form");

    await press(page, "必要な手続きを表示");
    expect(await page.getByRole("heading", { level: 2, name: "必要な手続き（7件）" }).isVisible()).toBe(true);
    const ids = await page
      .locator("tr[data-procedure]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-procedure")));
    expect(ids.sort()).toEqual(
      [
        "mynumber.return",
        "inkan.return",
        "kouki.withdraw",
        "kouki.funeral-benefit",
        "nenkin.death-report",
        "kaigo.withdraw",
        "zei.heir-representative",
      ].sort(),
    );
    // The choices survive the round trip, now with the funeral host's name.
    expect(await page.getByLabel("喪主（死亡のとき・任意）").locator("option:checked").textContent()).toBe(
      "髙橋 和子（配偶者）",
    );
    const insurance = page.getByRole("region", { name: "区民課（保険年金）" });
    const funeral = insurance.locator('tr[data-procedure="kouki.funeral-benefit"]');
    expect(await funeral.locator("td").nth(1).textContent()).toBe("髙橋 一郎");
    // No funeral date given: the 葬祭費 period runs from the day after the funeral, said in words.
    expect(await funeral.locator("td").nth(2).textContent()).toContain("葬儀の翌日から2年以内");
    expect(await funeral.locator("td").nth(4).textContent()).toContain("髙橋 和子さん（喪主）");
    expect(
      await page
        .getByRole("region", { name: "福祉課" })
        .locator('tr[data-procedure="kaigo.withdraw"] time')
        .textContent(),
    ).toBe("2026年2月17日（火）／令和8年2月17日");
    await expectNoAxeViolations(page, "bereavement plan");
    await shoot(page, "bereavement-plan");

    await press(page, "案内票を印刷用に表示");
    expect(await h1(page)).toBe("手続きのご案内");
    // The pension office is the national body serving this ward, said not to be the city's.
    const pension = placeOf(page, "nenkin.death-report");
    expect(await pension.locator("h3").textContent()).toBe("熊本東年金事務所");
    expect(await pension.locator(".sheet-place__kind").textContent()).toBe("熊本市の機関ではありません");
    await expectNoAxeViolations(page, "bereavement sheet");
    await shoot(page, "bereavement-sheet");
    expect(errors).toEqual([]);
    await close();
  });

  it("an impossible date is refused with an error summary that has focus and links to the field", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, counter);
    await page.goto("/guidance");
    await page.getByLabel("日付（異動日・死亡日）").fill("2026-02-30");
    await fillMember(page, 1, family[0] as MemberInput);
    await press(page, "必要な手続きを表示");

    const summary = page.getByRole("alert").filter({ hasText: "入力内容に問題があります" });
    expect(await summary.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    expect(await page.locator("tr[data-procedure]").count()).toBe(0);
    const date = page.getByLabel("日付（異動日・死亡日）");
    expect(await date.inputValue()).toBe("2026-02-30");
    expect(await date.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#event-date-error").textContent()).toContain("2026-02-30");
    await expectNoAxeViolations(page, "guidance form with an impossible date");
    await shoot(page, "error");

    const link = summary.getByRole("link", { name: /2026-02-30/ });
    expect(await link.getAttribute("href")).toBe("#event-date");
    await link.click();
    await page.waitForURL(/#event-date$/);
    expect(await date.evaluate((el) => el === document.activeElement)).toBe(true);

    await date.fill("2026-03-02");
    await press(page, "必要な手続きを表示");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.locator('tr[data-procedure="juki.move-in"] time').textContent()).toBe(
      "2026年3月16日（月）／令和8年3月16日",
    );
    const unexpected = errors.filter(
      (e: ConsoleEntry) => !/the server responded with a status of 422/.test(e.text),
    );
    expect(unexpected).toEqual([]);
    await close();
  });

  it("with JavaScript off, the same family is entered, planned and put on a sheet", async () => {
    const { page, errors, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    await signIn(page, counter);
    await enterMoveInFamily(page, "JavaScript off", noAxe, false);
    await openSheet(page, "JavaScript off", noAxe);
    // Without a script the print button cannot work; the browser's own print does.
    const pdf = await page.pdf({ format: "A4" });
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
    await close();
  });
});

/**
 * An accepted visit of a family moving in with a dog, a light car and a toddler, written straight into
 * the database: the sheet is what is checked here, not the steps before it.
 */
async function acceptedVisit(): Promise<string> {
  const household = dogFamilyMoveIn(["dog", "lightVehicle"]);
  const guided = guideHousehold(household, getMunicipalitySettings("kumamoto"));
  if (!guided.ok) throw new Error("the household did not plan");
  const db = server.database.db;
  const [office] = await db.select().from(offices).where(eq(offices.code, "chuo"));
  const [row] = await db
    .insert(visits)
    .values({
      municipalityId: "kumamoto",
      officeId: office?.id ?? "",
      state: "accepted",
      source: "entered",
      household,
      plan: guided.plan,
      createdBy: counter.id,
      acceptedAt: new Date(),
    })
    .returning({ id: visits.id });
  return row?.id ?? "";
}

describe("the resident's sheet of a visit", () => {
  it.each([
    ["ja", "手続きのご案内", "熊本市上下水道局"],
    ["ja-x-easy", "手続きの あんない", "熊本市 上下水道局（水道の 役所）"],
    ["en", "Your procedures", "Kumamoto City Waterworks and Sewerage Bureau"],
    ["vi", "Hướng dẫn thủ tục", "Cục Cấp thoát nước thành phố Kumamoto"],
  ])(
    "in %s: every place with its facts, readable at 320 px and printed at 12 pt or more",
    async (lang, title, water) => {
      const id = await acceptedVisit();
      const { page, errors, close } = await openPage(browser, server.url);
      await signIn(page, counter);
      await page.goto(`/visits/${id}/sheet`);
      // Staff choose the resident's language above the sheet.
      await page.getByLabel("案内票の言語").selectOption({ value: lang });
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole("button", { name: "この言語で表示" }).click(),
      ]);
      expect(await h1(page)).toBe(title);
      expect(await page.locator("article.sheet").getAttribute("lang")).toBe(lang);
      // Every place a resident is sent to has an address, a phone to dial and opening hours.
      const places = page.locator("section.sheet-place");
      expect(await places.count()).toBeGreaterThanOrEqual(3);
      for (const place of await places.all()) {
        expect(await place.locator(".sheet-phone").getAttribute("href")).toMatch(
          /^tel:\+81-\d{1,4}-\d{1,4}-\d{4}$/,
        );
        expect(await place.locator(".sheet-phone").textContent()).toMatch(/^0\d{1,4}-\d{1,4}-\d{4}$/);
        expect(await place.locator("dd").count()).toBeGreaterThanOrEqual(3);
      }
      expect(await placeOf(page, "suido.notice").locator("h3").textContent()).toBe(water);
      // Each procedure left says what to bring.
      for (const item of await page.locator("li.sheet-procedure").all())
        expect(await item.locator("dd").count()).toBe(3);
      // The survey's QR points at the public address, in the sheet's language.
      const survey = (await page.locator(".sheet-survey-url").textContent()) ?? "";
      expect(survey.startsWith(`${server.config.PUBLIC_URL}/survey/s/`)).toBe(true);
      if (lang !== "ja") expect(survey.endsWith(`?lang=${lang}`)).toBe(true);
      await expectNoAxeViolations(page, `visit sheet in ${lang}`);
      await shoot(page, `visit-sheet-${lang}`);
      await expectReflowAt320(page, `visit-sheet-${lang}`);
      await expectPrintAtLeast12pt(page);
      const pdf = await page.pdf({ format: "A4" });
      keep(`visit-sheet-${lang}.pdf`, pdf);
      // Four places with their facts, at 12 pt: two pages in Japanese, three in the longer languages.
      expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
      expect(errors).toEqual([]);
      await close();
    },
  );
});
