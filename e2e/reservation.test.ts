import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { seedReservationRules } from "../src/reservations/reservation.seed";
import { defaultSlotRules } from "../src/reservations/slot-rules";
import { offices } from "../src/tenancy/tenancy.table";
import { expectNoAxeViolations } from "./support/axe";
import { isCspViolation, launchBrowser, openPage, screenshot, signIn } from "./support/browser";
import { type E2eServer, startE2eServer } from "./support/server";

// A booking as a resident makes it on a phone, checked in at the office's kiosk, and called at the
// counter, each page checked with axe-core. The office is open around the clock and "moving house"
// takes 15-minute slots from now on, with check-in an hour early, so the journey runs at any hour.
let server: E2eServer;
let browser: Browser;
let chuo: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  const db = server.database.db;
  await seedQueue(db, "kumamoto", {
    officeCodes: ["chuo"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  await seedReservationRules(db, "kumamoto", {
    move: {
      ...defaultSlotRules,
      startMinute: 0,
      endMinute: 24 * 60,
      slotMinutes: 15,
      capacityByWeekday: [2, 2, 2, 2, 2, 2, 2],
      leadMinutes: 0,
      checkInEarlyMinutes: 60,
    },
  });
  const [row] = await db.select().from(offices).where(eq(offices.code, "chuo"));
  chuo = row?.id ?? "";
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a reservation", () => {
  it("is booked on a phone, checked in at the kiosk and called at the counter", async () => {
    // ---- the resident's phone
    const phone = await openPage(browser, server.url, {
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const p = phone.page;
    await p.goto("/reservations/book/kumamoto");
    await expectNoAxeViolations(p, "booking: offices");
    await p.getByRole("link", { name: "中央区役所" }).click();
    await p.getByRole("link", { name: "ワンストップ（引越し）" }).click();
    await expectNoAxeViolations(p, "booking: days");
    await p.locator("a[data-date]").first().click();
    await expectNoAxeViolations(p, "booking: times");
    await p.locator('button[name="start"]:not([disabled])').first().click();
    await p.waitForURL(/\/reservations\/r\/[\w-]{32}$/);
    expect(await p.getByTestId("reservation-status").textContent()).toContain("仮予約");
    await expectNoAxeViolations(p, "booking: confirm");
    await p.getByLabel("お名前").fill("阿蘇 花子");
    await p.getByLabel("電話番号").fill("096-000-0000");
    await p.getByRole("button", { name: "この内容で予約する" }).click();
    await p.waitForURL(/done=booked/);
    expect(await p.getByTestId("reservation-status").textContent()).toBe("予約済み");
    const code = (await p.getByTestId("reservation-code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^\d{8}$/);
    await expectNoAxeViolations(p, "booking: booked");
    // The page reflows on a 320 px phone: nothing wider than the screen.
    await p.setViewportSize({ width: 320, height: 640 });
    const widest = await p.evaluate(() =>
      Math.max(...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(320);
    await screenshot(p, "reservation-booked");
    expect(phone.errors.filter(isCspViolation)).toEqual([]);
    await phone.close();

    // ---- the kiosk at the office
    const kiosk = await openPage(browser, server.url, { viewport: { width: 1080, height: 1920 } });
    const k = kiosk.page;
    await k.goto(`/queue/offices/${chuo}/kiosk`);
    await k.getByRole("link", { name: "予約した方はこちら（予約番号で受付）" }).click();
    await expectNoAxeViolations(k, "kiosk: check-in");
    await k.getByLabel("予約番号（8けた）").fill(code);
    await k.getByRole("button", { name: "受付する" }).click();
    const mark = (await k.getByTestId("checkin-mark").textContent())?.trim() ?? "";
    expect(mark).toMatch(/^R-\d{3}$/);
    await expectNoAxeViolations(k, "kiosk: checked in");
    await screenshot(k, "reservation-checked-in");
    await kiosk.close();

    // ---- the counter
    const clerk = await server.addUser("e2e.reservation.clerk", "counter");
    const staff = await openPage(browser, server.url);
    const s = staff.page;
    await signIn(s, clerk);
    await s.getByLabel("窓口", { exact: true }).selectOption({ label: "ワンストップ窓口 1番" });
    await s.getByRole("button", { name: "選択する" }).click();
    await s.waitForURL(/\?counter=set/);
    await s.goto("/queue/counter");
    expect(await s.getByTestId("booked-next").textContent()).toContain(`受付済み（${mark}）`);
    await expectNoAxeViolations(s, "counter: booked next");
    const start = s.getByRole("button", { name: "受付を開始して次の方を呼ぶ" });
    if ((await start.count()) > 0) await start.click();
    else {
      const reopen = s.getByRole("button", { name: "受付を再開する" }).first();
      if ((await reopen.count()) > 0) await reopen.click();
      await s.getByRole("button", { name: "次の方を呼ぶ", exact: true }).click();
    }
    await s.waitForLoadState("load");
    expect(await s.locator("main").textContent()).toContain(mark.slice(2).replace(/^0+/, ""));
    await expectNoAxeViolations(s, "counter: reservation called");
    await staff.close();
  });
});
