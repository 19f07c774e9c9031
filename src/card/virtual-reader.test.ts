// End to end through the real PC/SC stack: pcscd with vsmartcard's vpcd reader, the software card
// connected to vpcd over its socket protocol, @pokusew/pcsclite, the agent over HTTP as the counter
// page calls it. Skipped, with the reason printed, where pcscd or vpcd is not installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAgent, startAgent } from "./agent-command";
import { PcscReaders } from "./pcsc";
import { ensurePcscd, pcscUnavailable } from "./pcscd.test-support";
import { readCardAttributes } from "./read-card";
import { SoftwareMyNumberCard } from "./software-card";
import { insertIntoVpcd, VPCD_PORT, type VpcdConnection } from "./vpcd";

const unavailable = pcscUnavailable();
if (unavailable) console.warn(`PC/SC end-to-end test skipped: ${unavailable}`);

const ORIGIN = "https://madoguchi.example.jp";
const person = {
  name: "渡邉\u{20BB7}子",
  address: "熊本県熊本市東区東町３丁目１０番１号",
  birth: "19700301",
  sex: "2",
  pin: "2580",
  myNumber: "112233445566",
};

const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
};

describe.skipIf(unavailable !== undefined)("the My Number card through pcscd and the virtual reader", () => {
  let pcscd: { stop: () => Promise<void> };
  let agent: RunningAgent;
  const lines: string[] = [];
  let inserted: VpcdConnection | undefined;
  let token = "";
  const call = (path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${agent.port}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const insert = async (card: SoftwareMyNumberCard) => {
    inserted = await insertIntoVpcd({ card, port: VPCD_PORT });
    await until(async () => ((await (await call("/status")).json()) as { card: boolean }).card);
  };
  const remove = async () => {
    await inserted?.remove();
    inserted = undefined;
    await until(async () => !((await (await call("/status")).json()) as { card: boolean }).card);
  };

  beforeAll(async () => {
    pcscd = await ensurePcscd(VPCD_PORT);
    agent = await startAgent({ server: `${ORIGIN}/`, port: 0 }, (l) => lines.push(l));
    const res = await call("/pair", { code: agent.pairingCode() });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await inserted?.remove();
    await agent?.stop();
    await pcscd?.stop();
  });

  it("reads the four attributes through pcscd as the counter page asks the agent, 外字 intact", async () => {
    const card = new SoftwareMyNumberCard(person);
    await insert(card);
    const res = await call("/read", { pin: "2580" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      attributes: {
        name: "渡邉\u{20BB7}子",
        address: "熊本県熊本市東区東町３丁目１０番１号",
        birthDate: "1970-03-01",
        sex: "female",
        privateUse: false,
      },
    });
    expect(card.received.some((c) => c.startsWith("00A4") && c.endsWith("0001"))).toBe(false);
    await remove();
  });

  it("says the PIN was wrong with the tries left, and the card forgets the PIN after each read", async () => {
    const card = new SoftwareMyNumberCard(person);
    await insert(card);
    expect(await (await call("/read", { pin: "0000" })).json()).toEqual({
      error: { code: "card.pinWrong", params: { triesLeft: "2" } },
    });
    expect(await (await call("/pin-status", {})).json()).toEqual({ triesLeft: 2 });
    await remove();
  });

  it("says no card, and not a My Number card, in plain codes", async () => {
    expect(await (await call("/read", { pin: "2580" })).json()).toMatchObject({
      error: { code: "card.cardMissing" },
    });
    await insert(new SoftwareMyNumberCard({ ...person, hasKenhojoAp: false }));
    expect(await (await call("/read", { pin: "2580" })).json()).toMatchObject({
      error: { code: "card.notMyNumberCard" },
    });
    await remove();
  });

  it("says the reader is missing when pcscd knows no reader of that name", async () => {
    const readers = new PcscReaders({ readerName: "No such reader" });
    await expect(readers.withCard(async () => 1)).rejects.toMatchObject({ reason: "readerMissing" });
    readers.close();
  });

  it("says the card was removed when it leaves the reader in the middle of a read", async () => {
    const card = new SoftwareMyNumberCard(person);
    await insert(card);
    const readers = new PcscReaders();
    const error = await readers
      .withCard((session) =>
        readCardAttributes({
          transmit: async (command) => {
            // Taken out after the PIN was verified, before the attributes are read.
            if (command[1] === 0xb0) await inserted?.remove();
            return session.transmit(command);
          },
          pin: "2580",
        }),
      )
      .catch((e: unknown) => e);
    readers.close();
    inserted = undefined;
    expect(error).toMatchObject({ reason: "cardRemoved" });
  });

  it("logged no PIN, no attribute and no 個人番号", () => {
    const log = lines.filter((l) => !l.includes("pairing code")).join("\n");
    expect(log).toContain("read ok");
    for (const value of ["2580", "渡邉", "東町", "19700301", "1970-03-01", "112233445566"])
      expect(log).not.toContain(value);
  });
});
