import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { type ConsoleEntry, isCspViolation, launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("pages an administrator can reach", () => {
  it("every page is free of WCAG 2.2 AA violations and the CSP blocks nothing the pages need", async () => {
    const admin = await server.addUser("e2e.admin", "admin");
    await server.addUser("e2e.colleague", "counter");
    const { page, errors, requests, close } = await openPage(browser, server.url);
    await signIn(page, admin);
    // Pages that answer with an error status on purpose; the browser logs their status, which is expected.
    const expectedErrorPages = new Set<string>();

    expect(await h1(page)).toBe("職員ホーム");
    await expectNoAxeViolations(page, "home");

    await page.getByRole("link", { name: "庁舎一覧" }).click();
    await page.waitForURL(/\/offices$/);
    expect(await page.getByRole("row").count()).toBe(14);
    await expectNoAxeViolations(page, "offices");

    await page.getByRole("link", { name: "中央区役所" }).click();
    await page.waitForURL(/\/offices\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe("中央区役所");
    await expectNoAxeViolations(page, "one office");

    await page.goto("/");
    await page.getByRole("link", { name: "職員アカウント" }).click();
    await page.waitForURL(/\/admin\/staff$/);
    await expectNoAxeViolations(page, "staff list");

    await page.getByRole("link", { name: "e2e.colleague" }).click();
    await page.waitForURL(/\/admin\/staff\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe("e2e.colleague");
    await expectNoAxeViolations(page, "one staff member");

    await page.goto("/");
    await page.getByRole("link", { name: "監査ログ" }).click();
    await page.waitForURL(/\/admin\/audit$/);
    expect(await page.getByRole("cell", { name: "auth.sign-in" }).count()).toBeGreaterThan(0);
    // Times are Japan time for the people reading them, with the exact instant kept in the markup.
    const when = page.locator("tbody time").first();
    expect(await when.textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await when.getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    await expectNoAxeViolations(page, "audit log");

    await page.getByRole("contentinfo").getByRole("link", { name: "API リファレンス" }).click();
    await page.waitForURL(/\/api\/reference$/);
    expect(await page.getByRole("heading", { name: "GET /healthz" }).count()).toBe(1);
    await expectNoAxeViolations(page, "API reference");

    const missing = `${server.url}/no-such-page`;
    expectedErrorPages.add(missing);
    const notFound = await page.goto(missing);
    expect(notFound?.status()).toBe(404);
    expect(await h1(page)).toBe("ページが見つかりません");
    await expectNoAxeViolations(page, "404 page");

    // A form whose token no longer matches (an old tab, say) is refused with the CSRF page.
    await page.goto("/");
    await page
      .locator('form[action="/session/counter"] input[name="_csrf"]')
      .evaluate((input: HTMLInputElement) => {
        input.value = "stale-token-from-an-old-tab";
      });
    expectedErrorPages.add(`${server.url}/session/counter`);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/session/counter")),
      page.getByRole("button", { name: "選択する" }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await page.waitForLoadState("load");
    expect(await h1(page)).toBe("フォームの有効期限が切れました");
    await expectNoAxeViolations(page, "CSRF error page");

    expect(errors.filter(isCspViolation)).toEqual([]);
    const unexpected = errors.filter(
      (e: ConsoleEntry) =>
        !(
          e.kind === "console" &&
          /^Failed to load resource: the server responded with a status of 40[34]/.test(e.text) &&
          expectedErrorPages.has(e.url)
        ),
    );
    expect(unexpected).toEqual([]);
    // Fonts, styles and scripts are all served by the application itself: nothing comes from a CDN.
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith("data:"))).toEqual(
      [],
    );
    expect(requests.some((url) => /\/static\/noto-sans-jp\/[\d.]+\/files\/.+\.woff2$/.test(url))).toBe(true);
    await close();
  });
});
