import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postRecord } from "./http-destination";
import type { HandoffRecord } from "./record";
import { signBody } from "./signature";

const secret = "s".repeat(40);
const record = { format: "madoguchi.handoff/1", key: "app-1:core" } as unknown as HandoffRecord;
const now = new Date("2026-04-06T01:15:00Z");

let server: Server;
let url = "";
let respond: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => {};
const seen: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ headers: req.headers, body });
    respond(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const answer = (status: number, text = "") => {
  respond = (_req, res) => {
    res.writeHead(status);
    res.end(text);
  };
};

describe("postRecord", () => {
  it("sends the JSON with its key, timestamp and HMAC signature over timestamp and body", async () => {
    answer(201);
    expect(await postRecord({ url, secret, timeoutMs: 2000, record, now })).toMatchObject({ kind: "done" });
    const last = seen.at(-1);
    expect(last?.headers["idempotency-key"]).toBe("app-1:core");
    expect(last?.headers["content-type"]).toBe("application/json; charset=utf-8");
    const ts = Number(last?.headers["x-madoguchi-timestamp"]);
    expect(ts).toBe(Math.floor(now.getTime() / 1000));
    expect(last?.headers["x-madoguchi-signature"]).toBe(signBody(secret, ts, last?.body ?? ""));
    expect(JSON.parse(last?.body ?? "")).toEqual(record);
  });

  it.each([
    [200, "done"],
    [202, "done"],
    [409, "done"],
    [400, "permanent"],
    [401, "permanent"],
    [422, "permanent"],
    [408, "retry"],
    [429, "retry"],
    [500, "retry"],
    [503, "retry"],
    [302, "retry"],
  ])("judges HTTP %d as %s", async (status, kind) => {
    answer(status, "because");
    const outcome = await postRecord({ url, secret, timeoutMs: 2000, record, now });
    expect(outcome.kind).toBe(kind);
    if (outcome.kind !== "done") expect(outcome.error).toBe(`HTTP ${status}: because`);
  });

  it("retries after a timeout", async () => {
    respond = (_req, res) => {
      setTimeout(() => {
        res.writeHead(201);
        res.end();
      }, 500);
    };
    expect(await postRecord({ url, secret, timeoutMs: 100, record, now })).toEqual({
      kind: "retry",
      error: "timeout after 100 ms",
    });
  });

  it("retries when nobody listens, naming the network error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await postRecord({
      url: `http://127.0.0.1:${port}/in`,
      secret,
      timeoutMs: 2000,
      record,
      now,
    });
    expect(outcome).toMatchObject({ kind: "retry" });
    expect((outcome as { error: string }).error).toMatch(/ECONNREFUSED/);
  });

  it("retries when the connection drops before the answer", async () => {
    respond = (req) => req.socket.destroy();
    expect((await postRecord({ url, secret, timeoutMs: 2000, record, now })).kind).toBe("retry");
  });
});
