// The clerk's journey with a My Number card: the identity step's card check pairs with the card agent
// on this PC, the resident types the PIN (a wrong one first), the card is read, the identity check is
// recorded and the registry's household is opened from the four attributes. The agent reads the
// software card through pcscd and vpcd when they are installed; otherwise (said in the output) the
// same agent reads the software card directly, which still tests the page, the agent and the server.
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/support";
import { createAgent } from "../src/card/agent";
import { startAgent } from "../src/card/agent-command";
import { softwareAccess } from "../src/card/card.test-support";
import { ensurePcscd, pcscUnavailable } from "../src/card/pcscd.test-support";
import { SoftwareMyNumberCard } from "../src/card/software-card";
import { insertIntoVpcd, VPCD_PORT, type VpcdConnection } from "../src/card/vpcd";
import { registryRow, writeRows } from "../src/registry/registry.test-support";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { checkPage, h1, press } from "./support/counter-visit";
import { type E2eServer, startE2eServer } from "./support/server";

const PIN = "2580";
const card = new SoftwareMyNumberCard({
  name: "髙橋\u3000和子",
  address: "熊本県熊本市中央区水前寺六丁目１２番３号",
  birth: "19481010",
  sex: "2",
  pin: PIN,
  myNumber: "112233445566",
});

let server: E2eServer;
let browser: Browser;
const agentLog: string[] = [];
let stopAgent: () => Promise<void> = async () => undefined;
let pairingCode: () => string = () => "";
let stopReader: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  const agentPort = await freePort();
  [server, browser] = await Promise.all([startE2eServer({ CARD_AGENT_PORT: agentPort }), launchBrowser()]);
  await writeRows(server.database.db, "kumamoto", [
    registryRow({
      residentNo: "9200000001",
      householdNo: "9200000001",
      name: "髙橋\u3000一郎",
      birthDate: "1944-09-09",
    }),
    registryRow({
      residentNo: "9200000002",
      householdNo: "9200000001",
      relation: "spouse",
      name: "髙橋\u3000和子",
      birthDate: "1948-10-10",
      sex: "female",
    }),
  ]);
  const why = pcscUnavailable();
  if (why) {
    console.warn(`card journey without pcscd (${why}): the agent reads the software card directly`);
    const agent = createAgent({
      access: softwareAccess(card),
      serverOrigin: server.url,
      port: agentPort,
      log: (l) => agentLog.push(l),
    });
    const s = serve({ fetch: agent.app.fetch, port: agentPort, hostname: "127.0.0.1" });
    pairingCode = agent.pairingCode;
    stopAgent = () => new Promise((resolve) => s.close(() => resolve()));
  } else {
    const pcscd = await ensurePcscd(VPCD_PORT);
    const inserted: VpcdConnection = await insertIntoVpcd({ card, port: VPCD_PORT });
    stopReader = async () => {
      await inserted.remove();
      await pcscd.stop();
    };
    const agent = await startAgent({ server: server.url, port: agentPort }, (l) => agentLog.push(l));
    pairingCode = agent.pairingCode;
    stopAgent = agent.stop;
    // pcscd reports the inserted card to the agent's readers within a moment.
    await new Promise((r) => setTimeout(r, 1500));
  }
});

afterAll(async () => {
  await browser?.close();
  await stopAgent();
  await stopReader();
  await server?.close();
});

describe("the My Number card at the counter", () => {
  it("pairs with the agent, reads the card with the PIN, records the identity and opens the household", async () => {
    const { page, errors, close } = await openPage(browser, server.url);
    const toServer: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(server.url)) toServer.push(`${r.url()} ${r.postData() ?? ""}`);
    });
    await signIn(page, await server.addUser("e2e.card", "counter"));
    await page.goto("/");
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("link", { name: "来庁受付（ワンストップ窓口）" }).click(),
    ]);
    await press(page, "新しい来庁を受け付ける");
    await press(page, "本人確認を始める");
    const section = page.getByRole("region", { name: "マイナンバーカードで確認" });
    await section.waitFor();
    // First use on this PC: the code the agent printed, typed once.
    await section.getByLabel("ペアリングコード").fill(pairingCode());
    await section.getByRole("button", { name: "つなぐ" }).click();
    await expect.poll(() => section.getByRole("status").textContent()).toContain("つながりました");
    await checkPage(page, "card-01-identity");

    await section.getByLabel("暗証番号（数字4けた）").fill("0000");
    await section.getByRole("button", { name: "カードを読み取る" }).click();
    await expect.poll(() => section.getByRole("status").textContent()).toContain("あと2回");
    expect(await section.getByLabel("暗証番号（数字4けた）").inputValue()).toBe("");

    // Enter in the PIN field reads the card (it does not submit the documents form around it).
    await section.getByLabel("暗証番号（数字4けた）").fill(PIN);
    await Promise.all([page.waitForNavigation(), section.getByLabel("暗証番号（数字4けた）").press("Enter")]);
    expect(await h1(page)).toBe("カードの情報と住民記録");
    await expect.poll(() => page.getByText("マイナンバーカード（暗証番号による読み取り）").count()).toBe(1);
    await checkPage(page, "card-02-match");

    await press(page, /髙橋\s和子 さんの世帯を開く/);
    expect(await h1(page)).toBe("来庁受付 （世帯の確認）");
    expect(
      await page.locator("input[value='髙橋\u3000一郎'], input[value='髙橋 一郎']").count(),
    ).toBeGreaterThan(0);

    // The PIN went to the agent only; the 個人番号 went nowhere; the agent logged no value.
    expect(toServer.join("\n")).not.toContain(PIN);
    expect(toServer.join("\n")).not.toContain("112233445566");
    const log = agentLog.filter((l) => !l.includes("pairing code")).join("\n");
    for (const value of [PIN, "和子", "水前寺", "19481010"]) expect(log).not.toContain(value);
    expect(card.received.some((c) => c.startsWith("00A4") && c.endsWith("0001"))).toBe(false);
    // The agent's deliberate answer to the wrong PIN (409) is the only error.
    const agentAnswer = (e: { text: string; url: string }) =>
      /status of 409/.test(e.text) && !e.url.startsWith(server.url);
    expect(errors.filter((e) => !agentAnswer(e))).toEqual([]);
    await close();
  });
});
