import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, seedApplications } from "../test/support/handoff";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// The browser server runs no delivery worker: deliveries stay as the test leaves them.
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the hand-off page for supervisors", () => {
  it("shows the deliveries by state, the dead one with its error, and sends it again on 'retry now'", async () => {
    const [applicationId] = await seedApplications(server.database.db, {
      count: 3,
      procedures: ["kokuho.enroll"],
    });
    // One core system refused the first application for good: exactly one delivery is dead, so the
    // page's one "retry now" button is that delivery's (an application may go to several systems).
    const [dead] = await rowsOf<{ id: string; idempotency_key: string }>(
      server.database.db,
      sql`update handoff_deliveries set state = 'dead', attempts = 1,
            last_error = 'HTTP 422: 被保険者番号の形式が違います', last_attempt_at = now()
          where id = (select id from handoff_deliveries where application_id = ${applicationId}
                      order by destination limit 1)
          returning id, idempotency_key`,
    );
    expect(dead).toBeDefined();
    const supervisor = await server.addUser("e2e.handoff", "supervisor");
    const { page, close } = await openPage(browser, server.url);
    try {
      await signIn(page, supervisor);
      await page.getByRole("link", { name: "基幹システムへの連携" }).first().click();
      await page.waitForURL(/\/handoff$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("基幹システムへの連携");
      await expect.poll(() => page.getByText("被保険者番号の形式が違います").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, "hand-off page");
      // This server has no HANDOFF_SECRETS: the HTTP destination says so in plain words, with the setting.
      const problem = page.locator('[data-destination="kokuho-api"][data-health="problem"]');
      expect(await problem.count()).toBe(1);
      const said = (await problem.locator("td").last().textContent()) ?? "";
      expect(said).toContain(
        "共有鍵が設定されていません。設定 HANDOFF_SECRETS に「kumamoto/kokuho-api」の鍵",
      );
      expect(said).not.toMatch(/Error|undefined|problemNoSecret/);

      expect(await page.getByRole("button", { name: "今すぐ再送" }).count()).toBe(1);
      await page.getByRole("button", { name: "今すぐ再送" }).click();
      await page.waitForURL(/\/handoff\?retried=/);
      // Said by the application and the core system, never by the delivery's key ("…:kokuho").
      const notice = await page.getByRole("status").textContent();
      expect(notice).toBe(
        "国民健康保険 加入（国保・後期高齢・国民年金システムへ）を今すぐ配信するよう戻しました。",
      );
      expect(notice).not.toContain(dead?.idempotency_key ?? "");
      await expectNoAxeViolations(page, "hand-off page after a retry");
      const [after] = await rowsOf<{ state: string }>(
        server.database.db,
        sql`select state from handoff_deliveries where id = ${dead?.id ?? ""}`,
      );
      expect(after?.state).not.toBe("dead");
      const audited = await rowsOf<{ n: number }>(
        server.database.db,
        sql`select count(*)::int as n from audit_log where target_id = ${dead?.id ?? ""}`,
      );
      expect(Number(audited[0]?.n)).toBe(1);
    } finally {
      await close();
    }
  });
});
