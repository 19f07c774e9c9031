import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

let server: E2eServer;
let browser: Browser;

// A half-hour session, warned about in its last five minutes.
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({ SESSION_IDLE_MINUTES: 30, SESSION_WARNING_MINUTES: 5 }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const HOUR = 3_600_000;

/** The browser's wall clock set `shiftMs` away from the server's, with timers running as usual. */
const shiftWallClock = (page: Page, shiftMs: number) =>
  page.addInitScript((shift: number) => {
    const Real = Date;
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + shift);
        else super(...(args as [string]));
      }
      static override now(): number {
        return Real.now() + shift;
      }
    }
    globalThis.Date = Shifted as DateConstructor;
  }, shiftMs);

/** Every address the main frame went to, in order. */
function navigations(page: Page): string[] {
  const seen: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) seen.push(new URL(frame.url()).pathname + new URL(frame.url()).search);
  });
  return seen;
}

describe("the session timer with a browser clock that differs from the server's", () => {
  it("a tablet whose clock runs two hours ahead stays on the page it opened, with no warning and no reload", async () => {
    const user = await server.addUser("e2e.clock.ahead", "counter");
    const { page, errors, close } = await openPage(browser, server.url);
    await shiftWallClock(page, 2 * HOUR);
    const seen = navigations(page);
    await signIn(page, user);
    const landed = seen.length;
    expect(
      await page.evaluate(() => Date.now() - (performance.timeOrigin + performance.now())),
    ).toBeGreaterThan(HOUR);
    await page.waitForTimeout(4_000);
    expect(seen.slice(landed)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByText("まもなくセッションが切れます").isVisible()).toBe(false);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("職員ホーム");
    await expectNoAxeViolations(page, "home page with a shifted clock");
    expect(errors).toEqual([]);
    await close();
  });

  it("a tablet whose clock runs two hours behind still warns five minutes before the end, and goes to sign-in once", async () => {
    const user = await server.addUser("e2e.clock.behind", "counter");
    const { page, close } = await openPage(browser, server.url);
    await page.clock.install({ time: Date.now() - 2 * HOUR });
    const seen = navigations(page);
    await signIn(page, user);
    const warning = page.getByText("まもなくセッションが切れます");
    expect(await warning.isVisible()).toBe(false);

    await page.clock.fastForward("26:00");
    await warning.waitFor({ state: "visible" });
    expect(new URL(page.url()).pathname).toBe("/");

    server.advanceClock(31 * 60_000);
    await page.clock.fastForward("05:00");
    await page.waitForURL(/\/signin\?expired=1/);
    const arrived = seen.length;
    await page.clock.fastForward("05:00");
    await page.waitForTimeout(1_000);
    expect(seen.slice(arrived)).toEqual([]);
    expect(seen.filter((url) => url.startsWith("/signin?expired=1"))).toHaveLength(1);
    await close();
  });
});
