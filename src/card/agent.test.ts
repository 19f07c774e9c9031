import { describe, expect, it } from "vitest";
import { createAgent } from "./agent";
import { softwareAccess } from "./card.test-support";
import { SoftwareMyNumberCard } from "./software-card";

const ORIGIN = "https://madoguchi.example.jp";
const PORT = 47110;
const person = {
  name: "熊本花子",
  address: "熊本県熊本市中央区手取本町１番１号",
  birth: "19850715",
  sex: "2",
  pin: "4321",
  myNumber: "987654321098",
};

function setup(card = new SoftwareMyNumberCard(person)) {
  const lines: string[] = [];
  const access = softwareAccess(card);
  const agent = createAgent({ access, serverOrigin: ORIGIN, port: PORT, log: (l) => lines.push(l) });
  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    agent.app.request(`http://127.0.0.1:${PORT}${path}`, {
      ...init,
      headers: {
        host: `127.0.0.1:${PORT}`,
        origin: ORIGIN,
        "content-type": "application/json",
        ...init.headers,
      },
    });
  const pair = async () => {
    const res = await call("/pair", { method: "POST", body: JSON.stringify({ code: agent.pairingCode() }) });
    return ((await res.json()) as { token: string }).token;
  };
  const read = async (token: string, pin: string) =>
    call("/read", {
      method: "POST",
      body: JSON.stringify({ pin }),
      headers: { authorization: `Bearer ${token}` },
    });
  return { agent, access, lines, call, pair, read, card };
}

describe("the card agent", () => {
  it("pairs once with the code it printed and then reads the four attributes for that page", async () => {
    const { read, pair, call, agent } = setup();
    const code = agent.pairingCode();
    const token = await pair();
    const res = await read(token, "4321");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(await res.json()).toEqual({
      attributes: {
        name: "熊本花子",
        address: "熊本県熊本市中央区手取本町１番１号",
        birthDate: "1985-07-15",
        sex: "female",
        privateUse: false,
      },
    });
    const again = await call("/pair", { method: "POST", body: JSON.stringify({ code }) });
    expect(again.status).toBe(403);
  });

  it("answers nothing to a page of another origin, and no CORS header", async () => {
    const { call } = setup();
    const res = await call("/pair", { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const noOrigin = await call("/status", { headers: { origin: "" } });
    expect(noOrigin.status).toBe(403);
  });

  it("answers the configured origin's preflight, private network access included", async () => {
    const { call } = setup();
    const res = await call("/read", {
      method: "OPTIONS",
      headers: { "access-control-request-method": "POST", "access-control-request-private-network": "true" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(res.headers.get("access-control-allow-private-network")).toBe("true");
  });

  it("refuses a request whose Host is not the loopback address (DNS rebinding)", async () => {
    const { call } = setup();
    const res = await call("/", { headers: { host: "attacker.example:47110", origin: "" } });
    expect(res.status).toBe(421);
  });

  it("refuses to read without pairing, and after five wrong codes replaces the code", async () => {
    const { call, read, agent } = setup();
    expect((await read("made-up", "4321")).status).toBe(401);
    const first = agent.pairingCode();
    for (let i = 0; i < 5; i++) {
      const res = await call("/pair", { method: "POST", body: JSON.stringify({ code: "0000-0000" }) });
      expect(res.status).toBe(403);
    }
    expect(agent.pairingCode()).not.toBe(first);
  });

  it("says wrong PIN with the tries left, then locked, and never retries by itself", async () => {
    const { read, pair, card } = setup();
    const token = await pair();
    const wrong = await read(token, "1111");
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toEqual({ error: { code: "card.pinWrong", params: { triesLeft: "2" } } });
    await read(token, "2222");
    const locked = await read(token, "3333");
    expect(await locked.json()).toEqual({ error: { code: "card.pinLocked", params: {} } });
    expect(card.received.filter((c) => c.startsWith("0020008004")).length).toBe(3);
  });

  it("says reader unplugged, no card, card removed mid-read and not a My Number card, each by its code", async () => {
    const s = setup();
    const token = await s.pair();
    s.access.unplugged = true;
    expect(await (await s.read(token, "4321")).json()).toMatchObject({
      error: { code: "card.readerMissing" },
    });
    s.access.unplugged = false;
    s.access.removeAfter = 3;
    expect(await (await s.read(token, "4321")).json()).toMatchObject({ error: { code: "card.cardRemoved" } });
    expect(await (await s.read(token, "4321")).json()).toMatchObject({ error: { code: "card.cardMissing" } });
    s.access.removeAfter = undefined;
    s.access.card = new SoftwareMyNumberCard({ ...person, hasKenhojoAp: false });
    expect(await (await s.read(token, "4321")).json()).toMatchObject({
      error: { code: "card.notMyNumberCard" },
    });
  });

  it("refuses a PIN that is not four digits without touching the card", async () => {
    const { read, pair, card } = setup();
    const token = await pair();
    const res = await read(token, "12a4");
    expect(await res.json()).toMatchObject({ error: { code: "card.pinFormat" } });
    expect(card.received).toEqual([]);
  });

  it("logs what happened and never a PIN, an attribute or the 個人番号", async () => {
    const { read, pair, lines } = setup();
    const token = await pair();
    await read(token, "9999");
    await read(token, "4321");
    // The pairing code lines are digits chosen at random: left out so that they cannot match a value.
    const log = lines.filter((l) => !l.includes("pairing code")).join("\n");
    expect(log).toContain("read ok");
    expect(log).toContain("card.pinWrong");
    for (const value of ["4321", "9999", "熊本花子", "手取本町", "19850715", "1985-07-15", "987654321098"])
      expect(log).not.toContain(value);
  });
});
