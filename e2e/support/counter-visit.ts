import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoAxeViolations } from "./axe";
import { type ConsoleEntry, screenshot } from "./browser";

// The steps of a one-stop counter visit as the journeys of births and divorces walk them
// (e2e/birth.test.ts, e2e/divorce.test.ts): reception, identity, the household form, the plan, the
// interview, signing, acceptance and the guidance sheet.

/** Every page a journey reaches is checked by axe-core (and photographed when E2E_SCREENSHOT_DIR is set). */
/** Console errors a journey did not cause on purpose: its deliberate refusals answer 422. */
export const unexpectedErrors = (errors: ConsoleEntry[]) =>
  errors.filter((e) => !/the server responded with a status of 422/.test(e.text));

export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
}

/** Presses a form button and waits for the page the server answers with; returns its HTTP status. */
export async function press(
  page: Page,
  name: string | RegExp,
  scope: Page | Locator = page,
): Promise<number> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    scope
      .getByRole("button", { name, exact: typeof name === "string" })
      .first()
      .click(),
  ]);
  return response?.status() ?? 0;
}

export const h1 = async (page: Page) => (await page.getByRole("heading", { level: 1 }).textContent())?.trim();

export const memberGroup = (page: Page, n: number): Locator =>
  page.getByRole("group", { name: `世帯員 ${n}`, exact: true });

/** Starts a visit from the home page and records the identity documents; lands on the household step. */
export async function startVisit(page: Page, label: string, documents: string[]): Promise<string> {
  await page.goto("/");
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole("link", { name: "来庁受付（ワンストップ窓口）" }).click(),
  ]);
  await press(page, "新しい来庁を受け付ける");
  const visitUrl = new URL(page.url()).pathname;
  expect(await h1(page)).toBe("来庁受付 （受付）");
  await checkPage(page, `${label}-01-reception`);
  await press(page, "本人確認を始める");
  expect(await h1(page)).toBe("来庁受付 （本人確認）");
  for (const d of documents) await page.getByLabel(d, { exact: true }).check();
  await press(page, "本人確認を記録する");
  expect(await h1(page)).toBe("来庁受付 （世帯の確認）");
  return visitUrl;
}

/** Searches the registry on the household step and opens the one household found for `event`. */
export async function openFromRegistry(
  page: Page,
  label: string,
  search: { name: string; birthDate: string; event: string; button: RegExp },
): Promise<void> {
  await page.getByLabel("氏名またはフリガナ").fill(search.name);
  await page.getByLabel("生年月日（例: 1984-06-02）").fill(search.birthDate);
  await press(page, "検索");
  const results = page.locator("tbody tr");
  expect(await results.count()).toBe(1);
  await checkPage(page, `${label}-02-search`);
  await results.first().getByLabel("出来事（閲覧の理由）").selectOption({ label: search.event });
  await press(page, search.button, results.first());
}

/** The procedure ids of the plan's rows. */
export const plannedIds = (page: Page): Promise<string[]> =>
  page
    .locator("tr[data-procedure]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-procedure") ?? ""));

/** Declines a one-stop procedure on the plan with a reason (it then goes on the sheet as still to do). */
export async function decline(page: Page, procedureId: string, reason: string): Promise<void> {
  const row = page.locator(`tr[data-procedure="${procedureId}"]`);
  await row.getByRole("textbox").fill(reason);
  await press(page, "見送る", row);
  expect(await row.getAttribute("class")).toBe("declined");
}

/**
 * Answers every question of the interview not answered yet: the first choice of a select, a plausible
 * text otherwise.
 */
export async function answerInterview(page: Page): Promise<void> {
  const names = await page
    .locator('form [name^="a."]')
    .evaluateAll((els) => els.map((el) => el.getAttribute("name") ?? ""));
  for (const name of new Set(names)) {
    const field = page.locator(`[name="${name}"]`).first();
    const key = name.split(".")[1] ?? "";
    if ((await field.inputValue().catch(() => "")) !== "") continue;
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") {
      const values = await field
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      await field.selectOption(preferredChoice[key] ?? (values[0] as string));
    } else if (
      (await field.getAttribute("type")) === "radio" ||
      (await field.getAttribute("type")) === "checkbox"
    )
      await field.check();
    else await field.fill(answerFor(key));
  }
}

/**
 * Choices other than the first: the partner returning to the former surname starts a new register
 * (with the first, the interview asks the former register's head only once the choice is kept).
 */
const preferredChoice: Record<string, string> = { divorceRegister: "new" };

function answerFor(key: string): string {
  if (/postal/i.test(key)) return "8600806";
  if (/phone/i.test(key)) return "090-1234-5678";
  if (/bankCode/i.test(key)) return "0182";
  if (/branchCode/i.test(key)) return "101";
  if (/accountNumber/i.test(key)) return "1234567";
  if (/basicPensionNumber/i.test(key)) return "1234-567890";
  if (/kana/i.test(key)) return "クマモト タロウ";
  if (/copies|count|number/i.test(key)) return "1";
  if (/parentRelation/i.test(key)) return "長女";
  if (/Name$/.test(key)) return "熊本 太郎";
  if (/time/i.test(key)) return "10:30";
  if (/weight/i.test(key)) return "3000";
  if (/height|length/i.test(key)) return "50";
  if (/date/i.test(key)) return "2026-12-01";
  return "熊本市中央区手取本町1番1号";
}

/** Draws a signature-like stroke over the signature canvas (or another pad's, by its selector). */
export async function drawSignature(page: Page, selector = "canvas.signature-pad"): Promise<void> {
  const canvas = page.locator(selector);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the signature canvas is not visible");
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.1, 0.6));
  await page.mouse.down();
  for (let i = 1; i <= 16; i++) {
    const t = i / 16;
    await page.mouse.move(...at(0.1 + 0.7 * t, 0.6 - 0.3 * Math.sin(t * Math.PI * 3)), { steps: 2 });
  }
  await page.mouse.up();
}

/**
 * From the plan to the guidance sheet: the interview answered, the forms signed, the visit accepted,
 * then the sheet opened. Returns the sheet's still-to-do items: procedure id → the due date printed.
 */
export async function planToSheet(
  page: Page,
  label: string,
  options: { cosigner?: boolean } = {},
): Promise<Map<string, string | null>> {
  await press(page, "聞き取りへ進む");
  expect(await h1(page)).toBe("来庁受付 （聞き取り）");
  await answerInterview(page);
  await checkPage(page, `${label}-05-interview`);
  await press(page, "内容の確認へ進む");
  // An answer can raise a question of its own (the register a partner returns to, then its head).
  for (let round = 0; round < 3 && (await h1(page)) === "来庁受付 （聞き取り）"; round++) {
    await answerInterview(page);
    await press(page, "内容の確認へ進む");
  }
  const refused = page.locator(".error-summary");
  if ((await refused.count()) > 0) throw new Error(`interview refused: ${await refused.textContent()}`);
  expect(await h1(page)).toBe("来庁受付 （内容の確認）");
  await checkPage(page, `${label}-06-review`);
  await drawSignature(page);
  // A 婚姻届 or 協議離婚届 has two 届出人: the other partner, at the counter too, signs their own box.
  const cosignPads = await page.locator("canvas.cosignature-pad").count();
  if (options.cosigner !== undefined) expect(cosignPads).toBe(options.cosigner ? 1 : 0);
  if (cosignPads > 0) {
    await drawSignature(page, "canvas.cosignature-pad");
  }
  await press(page, "署名して確定する");
  expect(await h1(page)).toBe("来庁受付 （署名）");
  await press(page, "受理する");
  expect(await h1(page)).toBe("来庁受付 （受理済み）");
  await checkPage(page, `${label}-07-accepted`);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole("link", { name: "手続きのご案内を印刷する" }).click(),
  ]);
  expect(await h1(page)).toBe("手続きのご案内");
  await checkPage(page, `${label}-08-sheet`);
  const todo = await page
    .locator("li.sheet-procedure[data-procedure]")
    .evaluateAll((items) =>
      items.map((li) => [
        li.getAttribute("data-procedure") ?? "",
        li.querySelector("time")?.getAttribute("datetime") ?? null,
      ]),
    );
  return new Map(todo as Array<[string, string | null]>);
}

/** The procedures the sheet lists as done at the counter today. */
export const doneToday = (page: Page): Promise<string[]> =>
  page
    .locator("ul.sheet-done [data-procedure]")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-procedure") ?? ""));
