import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { isCspViolation, launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

let server: E2eServer;
let browser: Browser;

// The shortest session the configuration allows, warned about from its first minute.
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({ SESSION_IDLE_MINUTES: 5, SESSION_WARNING_MINUTES: 5 }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const expiresAt = async (page: Page): Promise<number> =>
  Date.parse((await page.locator("[data-session-expires-at]").getAttribute("data-session-expires-at")) ?? "");

describe("session expiry", () => {
  it("the home page warns that the session is about to end, and the extend button moves the end later", async () => {
    const user = await server.addUser("e2e.warned", "counter");
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, user);
    const warning = page.getByText("まもなくセッションが切れます");
    await warning.waitFor({ state: "visible" });
    expect(await page.getByRole("alert").textContent()).toContain("まもなくセッションが切れます");
    await expectNoAxeViolations(page, "home page with the session warning");

    const before = await expiresAt(page);
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith("/session/extend")),
      page.getByRole("button", { name: "セッションを延長する" }).click(),
    ]);
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => expiresAt(page)).toBeGreaterThan(before);
    const after = await expiresAt(page);
    expect(after - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員ホーム");
    expect(errors.filter(isCspViolation)).toEqual([]);
    await close();
  });

  it("when the session runs out the page goes to sign-in and says the session has expired", async () => {
    const user = await server.addUser("e2e.idle", "counter");
    const { page, close } = await openPage(browser, server.url);
    await page.clock.install();
    await signIn(page, user);
    await page.getByText("まもなくセッションが切れます").waitFor({ state: "visible" });

    server.advanceClock(6 * 60_000);
    await page.clock.fastForward("06:00");
    await page.waitForURL(/\/signin\?expired=1/);
    expect(await page.getByRole("status").textContent()).toBe(
      "セッションの有効期限が切れました。もう一度サインインしてください。",
    );
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await close();
  });
});
