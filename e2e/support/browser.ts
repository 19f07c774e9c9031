import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { currentTotp } from "../../src/auth/totp";
import { E2E_PASSWORD, type E2eUser } from "./server";

/**
 * Debian's Chromium, headless. Browser tests never download a browser: CI installs the `chromium`
 * package. The flags keep it from calling home, which also keeps the runs quiet and fast.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface ConsoleEntry {
  kind: "console" | "pageerror";
  text: string;
  /** The address of the resource the message is about, when the browser says. */
  url: string;
}

export interface StaffPage {
  page: Page;
  /** Console errors and uncaught exceptions seen since the page was opened. */
  errors: ConsoleEntry[];
  /** Every address the page asked for, to prove that nothing is fetched from anywhere but the server. */
  requests: string[];
  close(): Promise<void>;
}

/** A page in its own context (own cookies), collecting console errors and uncaught exceptions. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<StaffPage> {
  const context = await browser.newContext({
    baseURL,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    ...options,
  });
  const page = await context.newPage();
  const errors: ConsoleEntry[] = [];
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error")
      errors.push({ kind: "console", text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => errors.push({ kind: "pageerror", text: String(error), url: page.url() }));
  return { page, errors, requests, close: () => context.close() };
}

/** True for the messages Chromium writes when the Content Security Policy blocks something. */
export const isCspViolation = (entry: ConsoleEntry): boolean =>
  /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(entry.text);

/** Fills in and submits the password step of the sign-in page, as a person would. */
export async function submitPassword(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("ユーザー名").fill(username);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  await page.waitForLoadState("load");
}

const lastStep = new Map<string, number>();

/**
 * A code the server has not seen yet: it refuses a time step already used (issue 17). It accepts the
 * next period's code early, so a second sign-in in the same period uses that; a third waits for the
 * period to turn.
 */
async function unusedTotp(secret: string): Promise<string> {
  const used = lastStep.get(secret) ?? Number.NEGATIVE_INFINITY;
  let step = Math.floor(Date.now() / 30_000);
  if (step + 1 <= used) {
    await new Promise((resolve) => setTimeout(resolve, used * 30_000 - Date.now() + 100));
    step = Math.floor(Date.now() / 30_000);
  }
  const chosen = step > used ? step : step + 1;
  lastStep.set(secret, chosen);
  return currentTotp(secret, chosen * 30_000 + 15_000);
}

/** Signs in through the real pages (password, then the TOTP code for enrolled users) and lands on home. */
export async function signIn(page: Page, user: E2eUser): Promise<void> {
  await submitPassword(page, user.username);
  if (user.totpSecret) {
    await page.waitForURL(/\/signin\/totp/);
    await page.getByLabel("確認コード（6桁）").fill(await unusedTotp(user.totpSecret));
    await page.getByRole("button", { name: "確認する" }).click();
  }
  await page.waitForURL((url) => url.pathname === "/");
}

/**
 * Saves a full-page screenshot only when E2E_SCREENSHOT_DIR is set, for looking at the pages by eye;
 * ordinary runs write nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `e2e-${name}.png`), fullPage: true });
}
