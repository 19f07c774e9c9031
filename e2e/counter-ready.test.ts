import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryRow, writeRows } from "../src/registry/registry.test-support";
import type { RegistryRow } from "../src/registry/registry-row";
import { expectNoAxeViolations } from "./support/axe";
import {
  type ConsoleEntry,
  isCspViolation,
  launchBrowser,
  openPage,
  type StaffPage,
  signIn,
} from "./support/browser";
import { expectNoInternalIds } from "./support/ids-scan";
import { type E2eServer, startE2eServer } from "./support/server";

// Issue 16, deliverable 11: the counter as a new clerk meets it, in a browser, through the real pages.
// The filer is whoever came (a spouse alone, a son living elsewhere, a proxy with a 委任状); a foreign
// resident's move-in from abroad carries the 住民異動届's 在留 facts; a 転居 from the registry asks
// nothing the registry holds; dates are typed as people write them (和暦). Every page is axe-clean and
// free of internal ids (expectNoAxeViolations reads both). One server, one browser, one signed-in tab.

let server: E2eServer;
let browser: Browser;
let tab: StaffPage;
let work: string;

/** 中村 キヨ lived alone (the bereavement); 南区近見五丁目35番24号 is her registered address. */
const nakamuraKiyo: RegistryRow = registryRow({
  residentNo: "9200000001",
  householdNo: "9200000001",
  name: "中村\u3000キヨ",
  kana: "ナカムラ\u3000キヨ",
  birthDate: "1936-03-03",
  sex: "female",
  ward: "南区",
  address: "近見五丁目35番24号",
  insurance: "kouki",
  pension: null,
  pensionRecipient: true,
  myNumberCard: true,
  sealRegistered: true,
  careLevel: "care1",
  nationality: "JP",
  honseki: "熊本県熊本市南区近見五丁目35番",
  hittousha: "中村\u3000清",
});

/** A family the registry knows in full (本籍 and 筆頭者 too): the 転居 asks none of it again. */
const morita: RegistryRow[] = [
  registryRow({
    residentNo: "9300000001",
    householdNo: "9300000001",
    name: "森田\u3000浩二",
    kana: "モリタ\u3000コウジ",
    birthDate: "1979-07-14",
    ward: "中央区",
    address: "大江三丁目1番10号",
    postalCode: "862-0971",
    honseki: "熊本県熊本市中央区大江三丁目1番",
    hittousha: "森田\u3000浩二",
  }),
  registryRow({
    residentNo: "9300000002",
    householdNo: "9300000001",
    relation: "spouse",
    name: "森田\u3000由美",
    kana: "モリタ\u3000ユミ",
    birthDate: "1982-01-23",
    sex: "female",
    ward: "中央区",
    address: "大江三丁目1番10号",
    postalCode: "862-0971",
    pension: "cat3",
    honseki: "熊本県熊本市中央区大江三丁目1番",
    hittousha: "森田\u3000浩二",
  }),
];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await writeRows(server.database.db, "kumamoto", [nakamuraKiyo, ...morita]);
  const clerk = await server.addUser("e2e.counter.ready", "counter");
  tab = await openPage(browser, server.url, { viewport: { width: 1280, height: 900 } });
  await signIn(tab.page, clerk);
  work = mkdtempSync(join(tmpdir(), "counter-ready-"));
});

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// ── Steps a clerk takes ──────────────────────────────────────────────────────────────────────────

/** Kept for looking at by eye, only when E2E_SCREENSHOT_DIR is set. */
function keep(name: string, bytes: Buffer | string): void {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `counter-${name}`), bytes);
}

/** Every page visited is checked by axe-core and for internal ids. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  if (process.env.E2E_SCREENSHOT_DIR) keep(`${name}.png`, await page.screenshot({ fullPage: true }));
}

/** Presses a button that posts a form and waits for the page the server answers with; its status. */
async function press(page: Page, name: string | RegExp, scope: Page | Locator = page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    scope
      .getByRole("button", { name, exact: typeof name === "string" })
      .first()
      .click(),
  ]);
  return response?.status() ?? 0;
}

const h1 = async (page: Page) => (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
const stepIs = async (page: Page, step: string) => expect(await h1(page)).toBe(`来庁受付 （${step}）`);

/** A member's fieldset on the household form, by its number. */
const member = (page: Page, n: number): Locator =>
  page.getByRole("group", { name: new RegExp(`^世帯員 ${n}(?!\\d)`) }).first();

/** Console noise the journeys cause on purpose: a refused date answers 422. */
const unexpected = (errors: ConsoleEntry[]) =>
  errors.filter((e) => !/the server responded with a status of (409|422)/.test(e.text));

/**
 * From the home page to the household step, recording the identity documents (and an agent). The
 * list and the identity page are checked by axe once per run (`check`): they are the same each time.
 */
async function startVisit(page: Page, label: string, ticks: string[], check = false): Promise<string> {
  // Each journey answers for its own console errors.
  tab.errors.length = 0;
  await page.goto("/");
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole("link", { name: "来庁受付（ワンストップ窓口）" }).click(),
  ]);
  if (check) await checkPage(page, `${label}-01-list`);
  await press(page, "新しい来庁を受け付ける");
  expect(page.url()).toMatch(/\/visits\/[0-9a-f-]{36}$/);
  const visitUrl = new URL(page.url()).pathname;
  await stepIs(page, "受付");
  await press(page, "本人確認を始める");
  await stepIs(page, "本人確認");
  for (const tick of ticks) await page.getByLabel(tick, { exact: true }).check();
  if (check) await checkPage(page, `${label}-02-identity`);
  await press(page, "本人確認を記録する");
  await stepIs(page, "世帯の確認");
  return visitUrl;
}

interface NewMember {
  name: string;
  kana: string;
  birthDate: string;
  relation?: string;
  sex: "女" | "男";
  insurance: string;
  pension?: string;
  /** 国籍・地域 by its label; Japan when absent. */
  nationality?: string;
  honseki?: string;
  hittousha?: string;
  residenceStatus?: string;
  residenceCardNumber?: string;
  residencePeriodEnd?: string;
}

/** Adds a member with the form's button: in place with the page's script (a round trip without it). */
async function addMember(page: Page, n: number): Promise<void> {
  await page.getByRole("button", { name: "世帯員を追加", exact: true }).click();
  await expect.poll(() => member(page, n).count()).toBe(1);
  await page.waitForLoadState("load");
}

async function fillMember(page: Page, n: number, m: NewMember): Promise<void> {
  const group = member(page, n);
  await group.getByLabel("氏名", { exact: true }).fill(m.name);
  await group.getByLabel("フリガナ", { exact: true }).fill(m.kana);
  if (m.relation) await group.getByLabel("続柄", { exact: true }).selectOption({ label: m.relation });
  await group.getByLabel("生年月日", { exact: true }).fill(m.birthDate);
  await group.getByLabel("性別", { exact: true }).selectOption({ label: m.sex });
  if (m.nationality) await group.getByLabel("国籍・地域").selectOption({ label: m.nationality });
  if (m.honseki) await group.getByLabel(/^本籍/).fill(m.honseki);
  if (m.hittousha) await group.getByLabel(/^筆頭者/).fill(m.hittousha);
  if (m.residenceStatus) await group.getByLabel(/^在留資格/).fill(m.residenceStatus);
  if (m.residenceCardNumber) await group.getByLabel(/^在留カード等の番号/).fill(m.residenceCardNumber);
  if (m.residencePeriodEnd) await group.getByLabel(/^在留期間の満了の日/).fill(m.residencePeriodEnd);
  await group.getByLabel("健康保険（異動後）").selectOption({ label: m.insurance });
  if (m.pension) await group.getByLabel("国民年金の種別（20〜59歳）").selectOption({ label: m.pension });
}

/** Chooses the option whose text matches (a registry name keeps its full-width space). */
async function selectByText(select: Locator, text: RegExp): Promise<void> {
  const value = await select.locator("option").filter({ hasText: text }).first().getAttribute("value");
  await select.selectOption(value as string);
}

/** Plausible answers by field key, so the forms read like real ones. */
const answers: Record<string, string> = {
  newPostalCode: "8600806",
  newAddress: "熊本市中央区花畑町4番1号",
  phone: "090-1234-5678",
  bankCode: "0182",
  branchCode: "101",
  accountNumber: "1234567",
  accountHolderKana: "ナカムラ タロウ",
  honseki: "鹿児島県鹿児島市山下町11番",
  hittousha: "佐藤 一郎",
  previousHead: "佐藤 一郎",
  certificateCopies: "1",
  certificatePurpose: "勤務先への提出",
  basicPensionNumber: "1234-567890",
  previousSchool: "福岡市立天神小学校",
};
const answerFor = (key: string): string =>
  answers[key] ?? (/date/i.test(key) ? "R8.12.1" : "熊本市中央区手取本町1番1号");

/** The interview's questions: their field names and the labels a clerk reads. */
async function questions(page: Page): Promise<Array<{ name: string; label: string }>> {
  return page.locator('form [name^="a."]').evaluateAll((els) =>
    els.map((el) => ({
      name: el.getAttribute("name") ?? "",
      label: (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? "").trim(),
    })),
  );
}

/** Whether the postal code typed before filled the address in (the lookup answers within a moment). */
async function filledByPostalCode(field: Locator): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    if ((await field.inputValue()) !== "") return true;
    await field.page().waitForTimeout(100);
  }
  return false;
}

/** Answers every question (each once), with `override` by field name; goes on to the review. */
async function answerInterview(page: Page, label: string, override: Record<string, string> = {}) {
  await stepIs(page, "聞き取り");
  const asked = await questions(page);
  for (const { name } of asked) {
    const field = page.locator(`[name="${name}"]`);
    const key = name.split(".")[1] ?? "";
    if (key === "newAddress" && !(name in override) && (await filledByPostalCode(field))) {
      // As a clerk does: the postal code wrote the town; the 番地 is typed after it.
      await field.focus();
      await field.press("End");
      await field.pressSequentially("4番1号");
    } else if ((await field.evaluate((el) => el.tagName)) === "SELECT") {
      const options = await field
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      await field.selectOption(override[name] ?? (options[0] as string));
    } else await field.fill(override[name] ?? answerFor(key));
  }
  await checkPage(page, `${label}-interview`);
  const status = await press(page, "内容の確認へ進む");
  if (status !== 200) {
    const summary = await page.locator(".error-summary").textContent();
    throw new Error(`the interview was refused (${status}): ${summary}`);
  }
  await stepIs(page, "内容の確認");
  await checkPage(page, `${label}-review`);
  return asked;
}

/** The forms PDF the review page links to, fetched with the page's cookies; one text per page. */
async function formsText(page: Page, label: string): Promise<string[]> {
  const href = await page.getByRole("link", { name: "申請書（PDF）を開く" }).getAttribute("href");
  expect(href).toBeTruthy();
  const res = await page.request.get(href as string);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdf = await res.body();
  keep(`${label}.pdf`, pdf);
  const file = join(work, `${label}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"], { encoding: "utf8" });
  keep(`${label}.txt`, text);
  expectNoInternalIds(text, `the forms of ${label}`);
  // Pages are separated by form feeds; runs of blanks fold so names compare as typed.
  return text.split("\f").map((p) => p.replace(/[ \u3000\t]+/g, " "));
}

/** The pages of one form, found by its title and subtitle (a 住民異動届 is 転入届, 転居届 …). */
function pagesOf(pages: string[], ...titles: string[]): string {
  const found = pages.filter((p) => titles.every((t) => p.includes(t)));
  expect(found.length, `a form titled ${titles.join(" ")}`).toBeGreaterThan(0);
  return found.join("\n");
}

/** The text of a form's box group, from its heading to the next heading given (or the end). */
function section(form: string, heading: string, next: RegExp = /■|上記のとおり/): string {
  const at = form.indexOf(heading);
  expect(at, `the section ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = form.slice(at + heading.length);
  const end = rest.search(next);
  return end < 0 ? rest : rest.slice(0, end);
}

// ── Journeys ─────────────────────────────────────────────────────────────────────────────────────

describe("the counter, ready for a real ward office, in a browser", () => {
  it("a wife filing her family's move-in alone is the 届出人 on the 住民異動届, not her husband", async () => {
    const { page } = tab;
    await startVisit(page, "spouse", ["マイナンバーカード"], true);
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
    await page.getByLabel("日付（異動日・死亡日）").fill("R8.12.1");
    await page.getByLabel("転入元（転入のとき）").selectOption({ label: "国内の他の市区町村" });
    await page.getByLabel("前住所（転入のとき）").fill("福岡県福岡市中央区天神一丁目8番1号");
    await page.getByLabel("前住所の世帯主（転入のとき）").fill("山田 健一");
    await fillMember(page, 1, {
      name: "山田 健一",
      kana: "ヤマダ ケンイチ",
      birthDate: "S55.4.2",
      sex: "男",
      insurance: "国民健康保険",
      pension: "第1号被保険者",
      honseki: "福岡県福岡市中央区天神一丁目8番",
      hittousha: "山田 健一",
    });
    await addMember(page, 2);
    await fillMember(page, 2, {
      name: "山田 美咲",
      kana: "ヤマダ ミサキ",
      birthDate: "昭和58年9月15日",
      relation: "配偶者",
      sex: "女",
      insurance: "国民健康保険",
      pension: "第1号被保険者",
      honseki: "福岡県福岡市中央区天神一丁目8番",
      hittousha: "山田 健一",
    });
    // The wife came alone: she is the 届出人.
    const filer = page.getByRole("group", { name: "届出人（窓口に来た方）" });
    await filer.getByLabel("山田 美咲（配偶者）").check();
    await checkPage(page, "spouse-04-household-filled");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(200);
    await stepIs(page, "手続きの確認");
    // The visit is for whoever came: the page names her.
    expect(await page.locator("main").textContent()).toContain("山田 美咲 さん");
    await checkPage(page, "spouse-05-plan");
    await press(page, "聞き取りへ進む");
    await answerInterview(page, "spouse");

    const pages = await formsText(page, "spouse-forms");
    const moveIn = pagesOf(pages, "住民異動届", "転入届");
    const filerBox = section(moveIn, "■ 届出人");
    expect(filerBox).toContain("山田 美咲");
    expect(filerBox).not.toContain("山田 健一");
    // So on every form with a 届出人 box (国民健康保険, 国民年金 …): she signs, not her husband.
    const withFiler = pages.filter((p) => p.includes("■ 届出人"));
    expect(withFiler.length).toBeGreaterThan(1);
    for (const form of withFiler) {
      const box = section(form, "■ 届出人");
      expect(box, form.slice(0, 200)).toContain("山田 美咲");
      expect(box, form.slice(0, 200)).not.toContain("山田 健一");
    }
    // The head is still the 世帯主; 本籍・筆頭者 and 前住所の世帯主 are on the form as typed.
    expect(section(moveIn, "■ 異動の内容")).toContain("山田 健一");
    expect(section(moveIn, "■ 異動する人")).toContain("福岡県福岡市中央区天神一丁");
    expect(section(moveIn, "前住所（転入前の住所）")).toContain("山田 健一");
    // The new address is the postal code's town with the 番地 typed after it.
    expect(moveIn).toContain("熊本県熊本市中央区花畑町4番1号");
    expect(unexpected(tab.errors)).toEqual([]);
  }, 120_000);

  it("a son living elsewhere files his mother's bereavement: he is the 喪主, her registered address stands", async () => {
    const { page } = tab;
    await startVisit(page, "death", ["運転免許証"]);
    await page.getByLabel("氏名またはフリガナ").fill("中村 キヨ");
    await page.locator("#birthDate").fill("昭和11年3月3日");
    await press(page, "検索");
    const row = page.locator("tbody tr").filter({ hasText: "中村\u3000キヨ" });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("近見五丁目35番24号");
    await checkPage(page, "death-03-search");
    await row.getByLabel("出来事（閲覧の理由）").selectOption({ label: "死亡（おくやみ）" });
    await press(page, /中村\s+キヨ さんの世帯を開く/, row);

    expect(await page.getByLabel("種類", { exact: true }).inputValue()).toBe("death");
    await page.getByLabel("日付（異動日・死亡日）").fill("R8.12.3");
    await selectByText(page.getByLabel("亡くなった方（死亡のとき）"), /中村\s+キヨ/);
    await page.getByLabel("葬儀を行った日（死亡のとき・任意）").fill("令和8年12月5日");
    await page.getByLabel("死亡届は提出済み").check();
    // The 届出人 list offers someone from outside the household: her son, who lives in 福岡.
    await page.getByLabel("世帯にいない方（親族・代理人など）").check();
    await page.getByLabel("届出人の氏名").fill("中村 太郎");
    await page.getByLabel("届出人のフリガナ").fill("ナカムラ タロウ");
    await page.getByLabel("届出人と世帯との関係").selectOption({ label: "親族" });
    await page.getByLabel("届出人の住所").fill("福岡県北九州市小倉北区城内1番1号");
    await page.getByLabel("届出人の電話番号").fill("093-000-0000");
    await checkPage(page, "death-05-household-filled");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(200);
    await stepIs(page, "手続きの確認");
    await checkPage(page, "death-06-plan");
    await press(page, "聞き取りへ進む");
    await stepIs(page, "聞き取り");

    // Her address is the registry's: shown, not asked.
    const asked = await questions(page);
    expect(asked.map((q) => q.label).filter((l) => /^住所/.test(l))).toEqual([]);
    expect(asked.map((q) => q.name)).not.toContain("a.address");
    const known = page.getByRole("region", { name: "住民記録から（お尋ねしません）" });
    expect(await known.textContent()).toContain("近見五丁目35番24号");

    await answerInterview(page, "death", { "a.funeralHostName": "中村 太郎" });
    const pages = await formsText(page, "death-forms");
    const funeral = pagesOf(pages, "葬祭費");
    const claimant = section(funeral, "申請者（喪主・葬祭を行った方）");
    expect(claimant).toContain("中村 太郎");
    expect(claimant).not.toContain("中村 キヨ");
    // Every form prints her registered address, never one typed at the counter.
    const forms = pages.filter((p) => p.includes("上記のとおり"));
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) {
      const title = form.match(/\S+(届|書)(（\S+）)?/)?.[0];
      expect(form, `the registered address on ${title}`).toContain("熊本市南区近見五丁目35番24号");
      expect(form).not.toContain("熊本市中央区手取本町1番1号");
    }
    expect(unexpected(tab.errors)).toEqual([]);
  }, 120_000);

  it("a proxy with a 委任状 is recorded at the identity check and printed as the 届出人 (代理人)", async () => {
    const { page } = tab;
    await startVisit(
      page,
      "proxy",
      ["マイナンバーカード", "代理の方が来庁している", "委任状を確認した"],
      true,
    );
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
    await page.getByLabel("日付（異動日・死亡日）").fill("R8.11.28");
    await page.getByLabel("転入元（転入のとき）").selectOption({ label: "国内の他の市区町村" });
    await page.getByLabel("前住所（転入のとき）").fill("鹿児島県鹿児島市山下町11番1号");
    await fillMember(page, 1, {
      name: "佐藤 一郎",
      kana: "サトウ イチロウ",
      birthDate: "H2.6.1",
      sex: "男",
      insurance: "国民健康保険",
      pension: "第1号被保険者",
    });
    await page.getByLabel("世帯にいない方（親族・代理人など）").check();
    await page.getByLabel("届出人の氏名").fill("井上 誠");
    await page.getByLabel("届出人のフリガナ").fill("イノウエ マコト");
    await page.getByLabel("届出人と世帯との関係").selectOption({ label: "代理人（委任状あり）" });
    await page.getByLabel("届出人の住所").fill("熊本市中央区手取本町5番1号");
    await page.getByLabel("届出人の電話番号").fill("096-111-2222");
    await checkPage(page, "proxy-03-household-filled");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(200);
    await stepIs(page, "手続きの確認");
    await press(page, "聞き取りへ進む");
    await answerInterview(page, "proxy");

    const pages = await formsText(page, "proxy-forms");
    const moveIn = pagesOf(pages, "住民異動届", "転入届");
    const filerBox = section(moveIn, "■ 届出人");
    expect(filerBox).toContain("井上 誠");
    expect(filerBox).toContain("代理人");
    expect(filerBox).toContain("熊本市中央区手取本町5番1号");
    expect(filerBox).not.toContain("佐藤 一郎");
    expect(unexpected(tab.errors)).toEqual([]);
  }, 120_000);

  it("a foreign resident moving in from abroad has nationality, status, card and period on the 転入届", async () => {
    const { page } = tab;
    await startVisit(page, "abroad", ["在留カード"]);
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
    await page.getByLabel("日付（異動日・死亡日）").fill("R8.12.2");
    await page.getByLabel("転入元（転入のとき）").selectOption({ label: "国外" });
    await page.getByLabel("転入前の国・地域（国外からのとき）").selectOption({ label: "ベトナム" });
    await fillMember(page, 1, {
      name: "NGUYEN VAN AN",
      kana: "グエン ヴァン アン",
      birthDate: "2001.8.19",
      sex: "男",
      insurance: "国民健康保険",
      pension: "第1号被保険者",
      nationality: "ベトナム",
      residenceStatus: "技能実習",
      residenceCardNumber: "AB12345678CD",
      residencePeriodEnd: "R9.3.31",
    });
    // Only a foreign resident's fields show for him.
    expect(await member(page, 1).getByLabel(/^本籍/).isVisible()).toBe(false);
    await checkPage(page, "abroad-03-household-filled");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(200);
    await stepIs(page, "手続きの確認");
    await press(page, "聞き取りへ進む");
    const asked = await answerInterview(page, "abroad");
    // The country was chosen on the household form: it is not asked again (the forms are still read).
    expect(asked.map((q) => q.label)).not.toContain("転入前に住んでいた国・地域");
    expect(asked.map((q) => q.name)).not.toContain("a.previousCountry");

    const pages = await formsText(page, "abroad-forms");
    const moveIn = pagesOf(pages, "住民異動届", "転入届");
    expect(section(moveIn, "前住所（転入前の住所）")).toContain("ベトナム");
    expect(moveIn).toContain("国籍・地域");
    expect(moveIn).toContain("ベトナム");
    expect(moveIn).toContain("技能実習");
    expect(moveIn).toContain("AB12345678CD");
    expect(moveIn).toContain("令和9年3月31日");
    expect(unexpected(tab.errors)).toEqual([]);
  }, 120_000);

  it("a 転居 of a household the registry knows asks nothing the registry holds", async () => {
    const { page } = tab;
    await startVisit(page, "within", ["マイナンバーカード"]);
    await page.getByLabel("氏名またはフリガナ").fill("モリタ");
    await page.locator("#birthDate").fill("S54.7.14");
    await press(page, "検索");
    const row = page.locator("tbody tr").filter({ hasText: "森田\u3000浩二" });
    expect(await row.count()).toBe(1);
    await checkPage(page, "within-03-search");
    await row.getByLabel("出来事（閲覧の理由）").selectOption({ label: "転居（同じ区内）" });
    await press(page, /森田\s+浩二 さんの世帯を開く/, row);
    await checkPage(page, "within-04-household");
    expect(await page.getByLabel("種類", { exact: true }).inputValue()).toBe("move-within");
    await page.getByLabel("日付（異動日・死亡日）").fill("R8.12.6");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(200);
    await stepIs(page, "手続きの確認");
    await checkPage(page, "within-05-plan");
    await press(page, "聞き取りへ進む");
    await stepIs(page, "聞き取り");
    await checkPage(page, "within-06-interview");

    const asked = await questions(page);
    const labels = asked.map((q) => q.label);
    // The new address is what a 転居 is about; nothing the registry holds is asked again (the head of
    // the household at the previous address is the registry's head).
    expect(
      labels.filter((l) =>
        /前の住所|前住所|^住所|氏名|フリガナ|生年月日|性別|続柄|本籍|筆頭者|世帯主/.test(l),
      ),
    ).toEqual([]);
    // What is left is what the registry cannot know: where they move to and a phone number.
    expect(labels).toEqual(["新しい住所の郵便番号", "新しい住所", "日中の連絡先電話番号"]);
    const known = page.getByRole("region", { name: "住民記録から（お尋ねしません）" });
    expect(await known.textContent()).toContain("大江三丁目1番10号");
    expect((await known.textContent())?.replace(/\s+/g, "")).toContain("森田浩二");

    // The 転居届 prints what the registry holds: the address moved from, its head, 本籍・筆頭者.
    await answerInterview(page, "within");
    const pages = await formsText(page, "within-forms");
    const moveWithin = pagesOf(pages, "住民異動届", "転居届");
    expect(section(moveWithin, "新しい住所")).toContain("熊本県熊本市中央区花畑町4番1号");
    const previous = section(moveWithin, "前の住所");
    expect(previous).toContain("熊本市中央区大江三丁目1番10号");
    expect(previous.replace(/\s+/g, "")).toContain("森田浩二");
    expect(section(moveWithin, "■ 異動する人")).toContain("熊本県熊本市中央区大江三");
    expect(section(moveWithin, "■ 届出人").replace(/\s+/g, "")).toContain("森田浩二");
    expect(unexpected(tab.errors)).toEqual([]);
  }, 120_000);

  it("reads dates typed in 和暦 on the household form, shows the date it read, and refuses one that does not exist", async () => {
    const { page } = tab;
    await startVisit(page, "wareki", ["マイナンバーカード"]);
    await page.getByLabel("種類", { exact: true }).selectOption({ label: "転入（他の市区町村・国外から）" });
    // Full-width digits, as a Japanese input method types them.
    await page.getByLabel("日付（異動日・死亡日）").fill("令和８年１２月７日");
    await page.getByLabel("転入元（転入のとき）").selectOption({ label: "国内の他の市区町村" });
    await page.getByLabel("前住所（転入のとき）").fill("福岡県久留米市城南町15番地3");
    await fillMember(page, 1, {
      name: "田中 修",
      kana: "タナカ オサム",
      birthDate: "S55.4.2",
      sex: "男",
      insurance: "国民健康保険",
      pension: "第1号被保険者",
    });
    await addMember(page, 2);
    // 平成31年2月29日 does not exist (2019 was not a leap year).
    await fillMember(page, 2, {
      name: "田中 陽菜",
      kana: "タナカ ヒナ",
      birthDate: "H31.2.29",
      relation: "子",
      sex: "女",
      insurance: "国民健康保険",
    });
    expect(await press(page, "この世帯で手続きを確認する")).toBe(422);
    await stepIs(page, "世帯の確認");
    await checkPage(page, "wareki-03-refused");
    // What was typed comes back as typed; each date that was read says how.
    expect(await page.locator("#m0-birthDate").inputValue()).toBe("S55.4.2");
    expect(await page.locator("#m0-birthDate-read").textContent()).toBe(
      "昭和55年4月2日（1980年4月2日）と読みました",
    );
    expect(await page.locator("#event-date-read").textContent()).toBe(
      "令和8年12月7日（2026年12月7日）と読みました",
    );
    const summary = page.locator(".error-summary");
    expect(await summary.textContent()).toContain("H31.2.29");
    expect(await summary.textContent()).toContain("存在しない日付");
    const link = summary.getByRole("link").first();
    expect(await link.getAttribute("href")).toBe("#m1-birthDate");
    expect(await page.locator("#m1-birthDate").getAttribute("aria-invalid")).toBe("true");

    await page.locator("#m1-birthDate").fill("平成31年2月28日");
    expect(await press(page, "この世帯で手続きを確認する")).toBe(200);
    await stepIs(page, "手続きの確認");
    await checkPage(page, "wareki-04-plan");
    expect(unexpected(tab.errors)).toEqual([]);
    expect(tab.errors.filter(isCspViolation)).toEqual([]);
  }, 120_000);
});
