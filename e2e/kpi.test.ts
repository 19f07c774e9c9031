import { eq, sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateDemo } from "../src/kpi/simulate-demo";
import { callNext } from "../src/queue/call-next";
import { finishService } from "../src/queue/finish-service";
import { issueTicket } from "../src/queue/issue-ticket";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { queuePurposes } from "../src/queue/queue.table";
import { startService } from "../src/queue/start-service";
import { counters, offices } from "../src/tenancy/tenancy.table";
import { rowsOf } from "../test/support/database";
import { expectNoAxeViolations } from "./support/axe";
import { isCspViolation, launchBrowser, openPage, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// The supervisors' KPI dashboard over a week simulated through the real use cases, and the resident's
// survey from the ticket's QR: each page checked with axe-core, the dashboard also without JavaScript.
let server: E2eServer;
let browser: Browser;
let surveyToken = "";
let secondToken = "";

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  const db = server.database.db;
  await seedQueue(db, "kumamoto", { officeCodes: ["chuo", "higashi"] });
  await seedQueue(db, "kumamoto", {
    officeCodes: ["kita"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  const counterUser = await server.addUser("e2e.kpi.counter", "counter");
  await simulateDemo(db, { municipalityId: "kumamoto", days: 7, perDay: 3, seed: 3, now: new Date() });
  // A finished ticket at 北区 (open around the clock here) whose QR leads to the survey.
  const [kita] = await db.select().from(offices).where(eq(offices.code, "kita"));
  const [purpose] = await db
    .select()
    .from(queuePurposes)
    .where(eq(queuePurposes.officeId, kita?.id ?? ""));
  const [counter] = await db
    .select()
    .from(counters)
    .where(eq(counters.officeId, kita?.id ?? ""));
  const at = {
    municipalityId: "kumamoto",
    officeId: kita?.id ?? "",
    staffId: counterUser.id,
    counterId: counter?.id ?? null,
  };
  const finishedTicket = async () => {
    const issued = await issueTicket(db, {
      municipalityId: "kumamoto",
      officeId: kita?.id ?? "",
      purposeId: purpose?.id ?? "",
      now: new Date(),
    });
    const { ticket } = await callNext(db, {
      ...at,
      now: new Date(),
      onOneStopTicketCalled: async () => null,
    });
    await startService(db, { ...at, ticketId: ticket.id, now: new Date() });
    await finishService(db, { ...at, ticketId: ticket.id, now: new Date() });
    return issued.token;
  };
  surveyToken = await finishedTicket();
  secondToken = await finishedTicket();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the KPI dashboard", () => {
  it("opens from the home page, shows charts with their tables and passes axe", async () => {
    const supervisor = await server.addUser("e2e.kpi.supervisor", "supervisor");
    const { page, errors, close } = await openPage(browser, server.url);
    try {
      await signIn(page, supervisor);
      await page.getByRole("link", { name: "窓口の指標（KPI）" }).click();
      await page.waitForURL(/\/kpi$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("窓口の指標（KPI）");
      // The simulated week, whichever fiscal year today falls in.
      const weekAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      await page.goto(`/kpi?from=${weekAgo}`);
      expect(await page.locator('[data-kpi="stay"] [data-count]').textContent()).not.toBe("0");
      expect(await page.locator("svg#kpi-trend-chart rect").count()).toBeGreaterThan(0);
      expect(await page.locator("#kpi-trend-table tbody tr").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, "KPI dashboard");

      await page.locator("#office").selectOption("chuo");
      await page.locator("#granularity").selectOption("day");
      await page.locator("#kpi").selectOption("wait");
      await page.getByRole("button", { name: "表示する" }).click();
      await page.waitForURL(/office=chuo/);
      expect(page.url()).toContain("from=");
      expect(await page.locator("#kpi-trend-table tbody tr").count()).toBeGreaterThan(1);
      await expectNoAxeViolations(page, "KPI dashboard filtered by office");

      await page.locator("#from").fill("2026-06-30");
      await page.locator("#to").fill("2026-06-01");
      await page.getByRole("button", { name: "表示する" }).click();
      await page.waitForURL(/from=2026-06-30/);
      expect(await page.getByRole("alert").textContent()).toContain("終了日は開始日と同じか");
      await expectNoAxeViolations(page, "KPI dashboard with an impossible period");
      expect(errors.filter(isCspViolation)).toEqual([]);
    } finally {
      await close();
    }
  });

  it("works without JavaScript: the charts are drawn on the server", async () => {
    const supervisor = await server.addUser("e2e.kpi.nojs", "supervisor");
    const { page, close } = await openPage(browser, server.url, { javaScriptEnabled: false });
    try {
      await signIn(page, supervisor);
      await page.goto(
        `/kpi?by=purpose&from=${new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10)}`,
      );
      expect(await page.locator("svg#kpi-breakdown-chart rect").count()).toBeGreaterThan(0);
      expect(await page.locator("#kpi-breakdown-table tbody tr").count()).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});

describe("the satisfaction survey", () => {
  it("is answered once from the ticket's QR, in plain Japanese, and passes axe", async () => {
    const { page, close } = await openPage(browser, server.url);
    try {
      await page.goto(`/survey/t/${surveyToken}?lang=easy`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("まどぐち の アンケート");
      await expectNoAxeViolations(page, "survey (やさしい日本語)");
      await page.getByRole("button", { name: "おくる" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("1 から 5 の なか から");
      await expectNoAxeViolations(page, "survey with a problem");
      await page.getByLabel("4 すこし よい").check();
      await page.getByRole("button", { name: "おくる" }).click();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("ありがとう ございました。");
      await expectNoAxeViolations(page, "survey thanks");
      await page.goto(`/survey/t/${surveyToken}?lang=en`);
      expect(await page.getByText("This visit's survey has already been answered.").count()).toBe(1);
    } finally {
      await close();
    }
  });

  it("switches to Vietnamese from the page's language list and says every word in it", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    try {
      await page.goto(`/survey/t/${secondToken}`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("窓口アンケート");
      await page.getByRole("link", { name: "Tiếng Việt" }).click();
      await page.waitForURL(new RegExp(`/survey/t/${secondToken}$`));
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Khảo sát về quầy tiếp nhận");
      await page.getByRole("button", { name: "Gửi" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("Hãy chọn mức độ hài lòng");
      await expectNoAxeViolations(page, "survey (Tiếng Việt) with a problem");
      await page.getByLabel("5 Hài lòng").check();
      await page.getByRole("button", { name: "Gửi" }).click();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Cảm ơn bạn đã trả lời.");
      const [answer] = await rowsOf<{ lang: string }>(
        server.database.db,
        sql`select lang from kpi_survey_answers order by answered_at desc limit 1`,
      );
      expect(answer?.lang).toBe("vi");
      expect(errors.filter(isCspViolation)).toEqual([]);
    } finally {
      await close();
    }
  });
});
