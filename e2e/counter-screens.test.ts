import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callNext } from "../src/queue/call-next";
import { issueTicket } from "../src/queue/issue-ticket";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../src/queue/queue.seed";
import { queueOffices, queuePurposes } from "../src/queue/queue.table";
import { todayInJapan } from "../src/shared/dates";
import { counters, offices } from "../src/tenancy/tenancy.table";
import type { IdentityCheckInput } from "../src/visits/identity";
import { setHousehold } from "../src/visits/set-household";
import { startVisit } from "../src/visits/start-visit";
import { verifyIdentity } from "../src/visits/verify-identity";
import { visits } from "../src/visits/visits.table";
import { expectNoAxeViolations } from "./support/axe";
import { type ConsoleEntry, isCspViolation, launchBrowser, openPage, signIn } from "./support/browser";
import { expectPageHasNoInternalIds } from "./support/ids-scan";
import { type E2eServer, type E2eUser, startE2eServer } from "./support/server";

// The counter's own screens as a new clerk meets them (issue 16, deliverables 8 and 9): the list of
// open visits by name, ticket, purpose and time; the ticket number on the visit; a closed office and a
// stale tab said plainly; tables that reflow at 320 px; the PDF preview out of the way of the buttons.

let server: E2eServer;
let browser: Browser;
let clerk: E2eUser;
let chuo: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  await seedQueue(server.database.db, "kumamoto", { seed: { ...kumamotoQueueSeed, hours: alwaysOpen } });
  const rows = await server.database.db.select().from(offices).where(eq(offices.municipalityId, "kumamoto"));
  chuo = rows.find((o) => o.code === "chuo")?.id ?? "";
  clerk = await server.addUser("e2e.screens", "counter");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const db = () => server.database.db;
const scope = () => ({ municipalityId: "kumamoto", officeId: chuo, staffId: clerk.id });
const myNumberCard: IdentityCheckInput = {
  documents: ["mynumber-card"],
  agent: false,
  agentSameHousehold: false,
  powerOfAttorney: false,
};

/** A move-in of three, the child not yet named. */
const household = {
  event: { type: "move-in", date: todayInJapan(), origin: "other-municipality" },
  members: [
    {
      id: "m1",
      relation: "head",
      name: "山本 健二",
      birthDate: "1985-06-02",
      insurance: "kokuho",
      pension: "cat1",
    },
    {
      id: "m2",
      relation: "spouse",
      name: "山本 花子",
      birthDate: "1987-01-20",
      insurance: "kokuho",
      pension: "cat1",
    },
    { id: "m3", relation: "child", birthDate: "2019-09-09", insurance: "kokuho" },
  ],
};

/** A ticket issued for moving and called to a one-stop counter: the visit it opens, and its number. */
async function calledVisit(counterIndex: number): Promise<{ visitId: string; number: number }> {
  const [purpose] = await db()
    .select()
    .from(queuePurposes)
    .where(and(eq(queuePurposes.officeId, chuo), eq(queuePurposes.code, "move")));
  // Each call at a counter of its own: a counter serving a ticket calls no other.
  const counter = (
    await db()
      .select()
      .from(counters)
      .where(and(eq(counters.officeId, chuo), eq(counters.oneStop, true)))
      .orderBy(counters.number)
  )[counterIndex];
  if (!purpose || !counter) throw new Error("the demo office has a moving purpose and a one-stop counter");
  const issued = await issueTicket(db(), {
    municipalityId: "kumamoto",
    officeId: chuo,
    purposeId: purpose.id,
    now: new Date(),
  });
  const called = await callNext(db(), { ...scope(), counterId: counter.id, now: new Date() });
  expect(called.ticket.id).toBe(issued.ticket.id);
  return { visitId: called.ticket.visitId ?? "", number: issued.ticket.number };
}

/** The visit moved to its plan with the household above (identity checked with a My Number card). */
async function toPlan(visitId: string): Promise<void> {
  const identified = await verifyIdentity(db(), {
    scope: scope(),
    visitId,
    version: 1,
    check: myNumberCard,
    now: new Date(),
  });
  await setHousehold(db(), {
    scope: scope(),
    visitId,
    version: identified.version,
    household,
    source: "entered",
    now: new Date(),
  });
}

const noPageErrors = (errors: ConsoleEntry[]) => {
  expect(errors.filter(isCspViolation)).toEqual([]);
  expect(errors.filter((e) => e.kind === "pageerror")).toEqual([]);
};

/** The page does not scroll sideways: everything wider scrolls inside its own box. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe("the counter's screens", () => {
  it("the visit list names each open visit by resident, ticket number, purpose and time, and the visit shows its ticket", async () => {
    const { visitId, number } = await calledVisit(0);
    await toPlan(visitId);
    // A walk-up visit left open since yesterday, with no household yet.
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    await startVisit(db(), { scope: scope(), now: yesterday });

    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, clerk);
    await page.goto("/visits");
    const row = page.locator("tr", { has: page.getByRole("link", { name: "山本 健二" }) });
    const cells = await row.locator("td, th").allTextContents();
    expect(cells[0]).toBe(`${number}番`);
    expect(cells[1]).toBe("山本 健二");
    expect(cells[2]).toBe("転入");
    expect(cells[3]).toMatch(/^\d{2}:\d{2}$/);
    expect(cells[4]).toBe("手続きの確認");
    const walkUp = page.locator("tr", { hasText: "番号札なし" });
    expect(await walkUp.locator("th").textContent()).toMatch(
      /^\d+\/\d+\(.\) \d{2}:\d{2} 受付の方（お名前の確認前）$/,
    );
    expect(await page.getByText(/の受付を開く/).count()).toBe(0);
    await expectNoAxeViolations(page, "the visit list");

    await page.getByRole("link", { name: "山本 健二" }).click();
    await page.waitForURL(`**/visits/${visitId}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      `来庁受付 番号札 ${number}番 （手続きの確認）`,
    );
    // The plan names each member by name and 続柄, the unnamed child by position, never by id.
    const moveIn = page.locator('tr[data-procedure="juki.move-in"] td').nth(2);
    expect(await moveIn.textContent()).toBe("山本 健二（世帯主）、山本 花子（配偶者）、3人目の方（子）");
    await expectNoAxeViolations(page, "the plan with the ticket number");
    noPageErrors(errors);
    await close();
  });

  it("a stale tab is told the page is out of date and offered the latest, not an input problem", async () => {
    const { id: visitId } = await startVisit(db(), { scope: scope(), now: new Date() });
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, clerk);
    const other = await page.context().newPage();
    await Promise.all([page.goto(`/visits/${visitId}`), other.goto(`/visits/${visitId}`)]);

    // The other tab moves the visit on; this tab still shows the reception step.
    await Promise.all([
      other.waitForNavigation(),
      other.getByRole("button", { name: "本人確認を始める" }).click(),
    ]);
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "本人確認を始める" }).click(),
    ]);
    expect(response?.status()).toBe(409);
    const summary = page.getByRole("alert");
    expect(await summary.getByRole("heading").textContent()).toBe("この画面は古くなっています");
    expect(await summary.textContent()).toContain("最新の内容を表示して、もう一度操作してください");
    expect(await page.getByText("入力内容に問題があります").count()).toBe(0);
    await expectNoAxeViolations(page, "the stale tab");

    await Promise.all([
      page.waitForNavigation(),
      summary.getByRole("link", { name: "最新の内容を表示する" }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/visits/${visitId}`);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("（本人確認）");
    expect(errors.filter((e) => !/status of 409/.test(e.text))).toEqual([]);
    await close();
  });

  it("at 320 px the page never scrolls sideways: the staff tables scroll in their own focusable box", async () => {
    const { visitId } = await calledVisit(1);
    await toPlan(visitId);
    const { page, errors, close } = await openPage(browser, server.url, {
      viewport: { width: 320, height: 720 },
    });
    await signIn(page, clerk);

    for (const path of ["/visits", `/visits/${visitId}`]) {
      await page.goto(path);
      expect(await pageWidth(page)).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page, `${path} at 320 px`);
    }
    const box = page.getByRole("region", { name: "必要な手続きの一覧" });
    expect(await box.getAttribute("tabindex")).toBe("0");
    const widths = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    await box.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    noPageErrors(errors);
    await close();
  });

  it("at review, the sign buttons come before the PDF preview, which takes no Tab stop of its own", async () => {
    const { visitId } = await calledVisit(2);
    await toPlan(visitId);
    // The interview is the subject of other journeys: this one starts at review.
    await db().update(visits).set({ state: "review" }).where(eq(visits.id, visitId));
    const { page, errors, close } = await openPage(browser, server.url);
    await signIn(page, clerk);
    await page.goto(`/visits/${visitId}`);

    const frame = page.locator("iframe.pdf-preview");
    expect(await frame.getAttribute("tabindex")).toBe("-1");
    const newTab = page.getByRole("link", { name: "PDFを新しいタブで開く" });
    expect(await newTab.getAttribute("target")).toBe("_blank");
    const sign = page.getByRole("button", { name: "署名して確定する" });
    // DOCUMENT_POSITION_FOLLOWING (4): the preview comes after the sign button in the page's order.
    expect(
      await sign.evaluate((b) =>
        b.compareDocumentPosition(document.querySelector("iframe.pdf-preview") as Node),
      ),
    ).toBe(4);
    // From the link to the forms, Tab reaches the sign button without passing through the preview.
    await page.getByRole("link", { name: "申請書（PDF）を開く" }).focus();
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.tagName ?? "");
      expect(focused).not.toBe("IFRAME");
      reached = await sign.evaluate((b) => b === document.activeElement);
    }
    expect(reached).toBe(true);
    await expectPageHasNoInternalIds(page, "the review");
    noPageErrors(errors);
    await close();
  });

  it("a closed office is said plainly when staff issue a ticket, not as a problem with the input", async () => {
    await db()
      .update(queueOffices)
      .set({ closedDates: [todayInJapan()] })
      .where(eq(queueOffices.officeId, chuo));
    const { page, close } = await openPage(browser, server.url);
    await signIn(page, clerk);
    await page.goto("/queue");
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "発券する" }).click(),
    ]);
    expect(response?.status()).toBe(409);
    const summary = page.getByRole("alert");
    expect(await summary.getByRole("heading").textContent()).toBe("ただいま受付をしていません");
    expect(await summary.textContent()).toContain("臨時の閉庁日");
    expect(await page.getByText("入力内容に問題があります").count()).toBe(0);
    await expectNoAxeViolations(page, "a ticket refused on a closed day");
    await close();
  });
});
