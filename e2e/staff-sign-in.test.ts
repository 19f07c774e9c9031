import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../src/auth/totp";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage, screenshot, signIn, submitPassword } from "./support/browser";
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

/** A well-formed code that the server will not accept now (it allows one period either side). */
const wrongCode = (secret: string): string => {
  const accepted = [-30_000, 0, 30_000].map((skew) => currentTotp(secret, Date.now() + skew));
  return ["000000", "111111", "222222", "333333"].find((code) => !accepted.includes(code)) ?? "999999";
};

describe("staff sign-in", () => {
  it("counter staff sign in and see their office, counter and role on the staff home page", async () => {
    const user = await server.addUser("e2e.counter", "counter");
    const { page, close } = await openPage(browser, server.url);
    await page.goto("/");
    await page.waitForURL(/\/signin/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員サインイン");
    await expectNoAxeViolations(page, "sign-in page");
    await screenshot(page, "signin");

    await signIn(page, user);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員ホーム");
    expect(await page.getByTestId("office").textContent()).toBe("中央区役所");
    expect(await page.getByTestId("counter").textContent()).toBe("窓口が選択されていません");
    expect(await page.getByTestId("role").textContent()).toBe("窓口職員");
    // Text, buttons included, is set in the bundled Noto Sans JP (the test machine has no other CJK font).
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      const button = document.querySelector("button.button");
      const loaded = [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
      return { button: button ? getComputedStyle(button).fontFamily : "", loaded };
    });
    expect(fonts.button).toMatch(/^["']?Noto Sans JP/);
    expect(fonts.loaded.some((family) => family.includes("Noto Sans JP"))).toBe(true);
    await expectNoAxeViolations(page, "home page");
    await screenshot(page, "home");
    await close();
  });

  it("a wrong password shows the error summary at the top, linked to the password field", async () => {
    const user = await server.addUser("e2e.typo", "counter");
    const { page, close } = await openPage(browser, server.url);
    await submitPassword(page, user.username, "not the password at all");

    const summary = page.locator(".error-summary");
    expect(await summary.getByRole("heading").textContent()).toBe("入力内容に問題があります");
    const link = summary.getByRole("link", { name: "ユーザー名またはパスワードが正しくありません。" });
    expect(await link.getAttribute("href")).toBe("#password");
    // The page's h1 comes first and the summary's h2 under it, so the headings stay in order; the
    // title says there is an error, and focus starts on the summary, so it is still met first.
    const headingBeforeSummary = await page.evaluate(() => {
      const summary = document.querySelector(".error-summary");
      const heading = document.querySelector("h1");
      return Boolean(
        summary && heading && heading.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
    });
    expect(headingBeforeSummary).toBe(true);
    expect(await page.title()).toMatch(/^エラー: /);
    // Focus starts on the summary, so a keyboard or screen-reader user meets the problem first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");

    const field = page.getByLabel("パスワード");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#password-error").textContent()).toBe(
      "ユーザー名またはパスワードが正しくありません。",
    );
    expect(await page.getByLabel("ユーザー名").inputValue()).toBe(user.username);

    await link.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("password");
    await expectNoAxeViolations(page, "sign-in error state");
    await screenshot(page, "signin-error");
    await close();
  });

  it("signing out returns to the sign-in page with a notice, and home is no longer reachable", async () => {
    const user = await server.addUser("e2e.leaver", "counter");
    const { page, close } = await openPage(browser, server.url);
    await signIn(page, user);
    await page.getByRole("button", { name: "サインアウト" }).click();
    await page.waitForURL(/\/signin\?signedout=1/);
    expect(await page.getByRole("status").textContent()).toBe("サインアウトしました。");
    await expectNoAxeViolations(page, "signed-out page");

    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員サインイン");
    await close();
  });

  it("a supervisor gives the password, then the code from the authenticator app, and reaches home", async () => {
    const user = await server.addUser("e2e.supervisor", "supervisor");
    const { page, close } = await openPage(browser, server.url);
    await submitPassword(page, user.username);
    await page.waitForURL(/\/signin\/totp/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("2段階認証");
    await expectNoAxeViolations(page, "TOTP page");

    await page.getByLabel("確認コード（6桁）").fill(wrongCode(user.totpSecret ?? ""));
    await page.getByRole("button", { name: "確認する" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("#code-error").textContent()).toBe("確認コードが正しくありません。");
    await expectNoAxeViolations(page, "TOTP error state");

    await page.getByLabel("確認コード（6桁）").fill(currentTotp(user.totpSecret ?? ""));
    await page.getByRole("button", { name: "確認する" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByTestId("role").textContent()).toBe("監督者");
    await close();
  });

  it("a supervisor without two-step verification is shown the enrolment page with a described QR code", async () => {
    const user = await server.addUser("e2e.newsupervisor", "supervisor", { totp: false });
    const { page, close } = await openPage(browser, server.url);
    await submitPassword(page, user.username);
    await page.waitForURL(/\/signin\/totp/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("2段階認証の設定");
    const qr = page.getByRole("img", { name: "認証アプリ登録用のQRコード" });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectNoAxeViolations(page, "TOTP enrolment page");

    const secret = (await page.locator("[data-totp-secret]").textContent()) ?? "";
    await page.getByLabel("確認コード（6桁）").fill(currentTotp(secret));
    await page.getByRole("button", { name: "確認する" }).click();
    // Enrolled: recovery codes are offered next, made on request and shown once.
    await page.waitForURL((url) => url.pathname === "/account/recovery-codes");
    await expectNoAxeViolations(page, "recovery codes offer");
    await page.getByRole("button", { name: "リカバリーコードを作成する" }).click();
    expect(await page.locator("[data-recovery-code]").count()).toBe(10);
    await expectNoAxeViolations(page, "recovery codes shown once");
    await page.getByRole("link", { name: "続ける" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByTestId("role").textContent()).toBe("監督者");
    await close();
  });
});
