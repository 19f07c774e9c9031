import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { queueOffices } from "../src/queue/queue.table";
import { offices } from "../src/tenancy/tenancy.table";
import { expectNoAxeViolations } from "./support/axe";
import { isCspViolation, launchBrowser, openPage, screenshot, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// An administrator changes an office's queue settings in a real browser: from the home page to the
// form, checked with axe-core, a changed closing time saved, and a mistake shown with its summary.
let server: E2eServer;
let browser: Browser;
let chuo: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await seedQueue(server.database.db, "kumamoto", { seed: kumamotoQueueSeed });
  const rows = await server.database.db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("queue settings", () => {
  it("an administrator opens the settings from home, changes the closing time and saves it", async () => {
    const admin = await server.addUser("e2e-qs-admin", "admin");
    const { page, errors, close } = await openPage(browser, server.url);
    try {
      await signIn(page, admin);
      await page.getByRole("link", { name: "番号札の設定" }).click();
      await page.waitForURL((url) => url.pathname === `/queue/offices/${chuo}/settings`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("番号札の設定");
      await expect(page.getByLabel("発券終了時刻").inputValue()).resolves.toBe("17:15");
      await expectNoAxeViolations(page, "queue settings");
      await screenshot(page, "queue-settings");

      await page.getByLabel("発券終了時刻").fill("16:00");
      await page.getByRole("button", { name: "設定を保存する" }).click();
      await page.getByTestId("notice").waitFor();
      expect(await page.getByTestId("notice").textContent()).toBe("設定を保存しました。");
      await expect(page.getByLabel("発券終了時刻").inputValue()).resolves.toBe("16:00");
      await expectNoAxeViolations(page, "queue settings saved");
      const [row] = await server.database.db
        .select()
        .from(queueOffices)
        .where(eq(queueOffices.officeId, chuo));
      expect(row?.closesAtMinute).toBe(16 * 60);

      // A mistake: the summary at the top links to the field, which says what is wrong.
      await page.getByLabel("臨時の閉庁日").fill("2026-02-30");
      await page.getByRole("button", { name: "設定を保存する" }).click();
      const summary = page.locator(".error-summary");
      await summary.waitFor();
      const link = summary.getByRole("link", { name: /2026-02-30/ });
      expect(await link.getAttribute("href")).toBe("#closedDates");
      await expect(page.locator("#closedDates-error").textContent()).resolves.toContain("2026-02-30");
      await expectNoAxeViolations(page, "queue settings with an error");
      await screenshot(page, "queue-settings-error");

      expect(errors.filter(isCspViolation)).toEqual([]);
      expect(errors.filter((e) => e.kind === "pageerror")).toEqual([]);
    } finally {
      await close();
    }
  });
});
