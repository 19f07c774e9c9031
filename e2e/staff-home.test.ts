import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { E2E_PASSWORD, type E2eServer, startE2eServer } from "./support/server";

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("staff home", () => {
  it("choosing a counter on the home page shows it as the staff member's counter", async () => {
    const user = await server.addUser("e2e.chooser", "counter");
    const { page, close } = await openPage(browser, server.url);
    await signIn(page, user);
    // The page starts with <!DOCTYPE html>: standards mode, not quirks mode ("BackCompat").
    expect(await page.evaluate(() => document.compatMode)).toBe("CSS1Compat");
    expect(await page.getByTestId("counter").textContent()).toBe("窓口が選択されていません");

    await page.getByLabel("窓口", { exact: true }).selectOption({ label: "ワンストップ窓口 2番" });
    await page.getByRole("button", { name: "選択する" }).click();
    await page.waitForURL(/\?counter=set/);
    expect(await page.getByRole("status").textContent()).toBe("担当窓口を設定しました。");
    expect(await page.getByTestId("counter").textContent()).toBe("ワンストップ窓口 2番");
    expect(await page.getByLabel("窓口", { exact: true }).inputValue()).toBe(
      await page.getByRole("option", { name: "ワンストップ窓口 2番" }).getAttribute("value"),
    );
    await expectNoAxeViolations(page, "home page after choosing a counter");

    await page.goto("/");
    expect(await page.getByTestId("counter").textContent()).toBe("ワンストップ窓口 2番");
    await close();
  });

  it("the language switch shows every label in English and back in Japanese", async () => {
    const user = await server.addUser("e2e.bilingual", "counter");
    const { page, close } = await openPage(browser, server.url);
    await page.goto("/signin");
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");

    await page.getByRole("link", { name: "English", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Staff sign-in");
    await expectNoAxeViolations(page, "sign-in page in English");

    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForLoadState("load");
    expect(await page.locator(".error-summary h2").textContent()).toBe("There is a problem");
    expect(await page.locator("#password-error").textContent()).toBe(
      "The username or password is not correct.",
    );
    await expectNoAxeViolations(page, "sign-in error state in English");

    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Staff home");
    expect(await page.getByTestId("office").textContent()).toBe("Chuo Ward Office");
    expect(await page.getByTestId("role").textContent()).toBe("Counter staff");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    await expectNoAxeViolations(page, "home page in English");

    await page.getByRole("link", { name: "日本語", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員ホーム");
    expect(await page.getByTestId("office").textContent()).toBe("中央区役所");
    await close();
  });

  it("with JavaScript off, staff still sign in, choose a counter and sign out", async () => {
    const user = await server.addUser("e2e.nojs", "counter");
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    await signIn(page, user);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員ホーム");
    expect(await page.getByTestId("office").textContent()).toBe("中央区役所");
    expect(await page.getByTestId("role").textContent()).toBe("窓口職員");
    // The session's end is written on the page; only the early warning needs the script.
    expect(await page.getByText(/このセッションは \d\d:\d\d に切れます。/).isVisible()).toBe(true);

    await page.getByLabel("窓口", { exact: true }).selectOption({ label: "区民課 11番" });
    await page.getByRole("button", { name: "選択する" }).click();
    await page.waitForURL(/\?counter=set/);
    expect(await page.getByTestId("counter").textContent()).toBe("区民課 11番");

    await page.getByRole("button", { name: "サインアウト" }).click();
    await page.waitForURL(/\/signin\?signedout=1/);
    expect(await page.getByRole("status").textContent()).toBe("サインアウトしました。");
    await close();
  });
});
