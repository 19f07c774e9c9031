import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { postRecord } from "./http-destination";
import type { HandoffRecord } from "./record";
import { createReferenceReceiver, type ReferenceReceiver } from "./reference-receiver";
import { signBody, verifySignature } from "./signature";

const dir = mkdtempSync(join(tmpdir(), "mg-receiver-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secret = "r".repeat(40);
const open: ReferenceReceiver[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});

const record = (key: string) => ({ format: "madoguchi.handoff/1", key }) as unknown as HandoffRecord;

async function start(keysFile: string, extra: Partial<Parameters<typeof createReferenceReceiver>[0]> = {}) {
  const applied: string[] = [];
  const receiver = createReferenceReceiver({
    secrets: [secret],
    keysFile,
    onApply: (_r, k) => applied.push(k),
    ...extra,
  });
  open.push(receiver);
  const { url } = await receiver.listen();
  return { receiver, url, applied };
}

async function raw(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: "POST", body, headers });
  return { status: res.status, body: (await res.json()) as { status: string } };
}

describe("verifySignature", () => {
  const body = Buffer.from('{"a":1}');
  const now = new Date("2026-04-06T01:00:00Z");
  const ts = Math.floor(now.getTime() / 1000);
  const check = (timestamp: string | undefined, signature: string | undefined, secrets = [secret]) =>
    verifySignature({ secrets, timestamp, signature, body, now, toleranceSeconds: 300 });

  it("accepts the signature of the timestamp and body, with either secret during a rotation", () => {
    expect(check(String(ts), signBody(secret, ts, body))).toEqual({ ok: true });
    expect(check(String(ts), signBody(secret, ts, body), ["o".repeat(40), secret])).toEqual({ ok: true });
  });

  it.each([
    ["missing", undefined, "v1=00"],
    ["malformed", "12x", "v1=00"],
    ["malformed", "1775437200", "sha256=abc"],
  ])("refuses a %s header", (reason, timestamp, signature) => {
    expect(check(timestamp, signature)).toEqual({ ok: false, reason });
  });

  it("refuses a stale timestamp, even correctly signed (a replay)", () => {
    const old = ts - 301;
    expect(check(String(old), signBody(secret, old, body))).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses another secret, another body or another timestamp", () => {
    expect(check(String(ts), signBody("x".repeat(40), ts, body))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(String(ts), signBody(secret, ts, "{}"))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(String(ts), signBody(secret, ts - 1, body))).toEqual({ ok: false, reason: "mismatch" });
  });
});

describe("the reference receiver", () => {
  it("applies a signed record once and answers 409 to the same key after", async () => {
    const { url, applied } = await start(join(dir, "a.txt"));
    const now = new Date();
    expect(await postRecord({ url, secret, timeoutMs: 2000, record: record("k1"), now })).toMatchObject({
      kind: "done",
      detail: 'HTTP 201: {"status":"applied"}',
    });
    expect(await postRecord({ url, secret, timeoutMs: 2000, record: record("k1"), now })).toMatchObject({
      kind: "done",
      detail: 'HTTP 409: {"status":"duplicate"}',
    });
    expect(applied).toEqual(["k1"]);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("k1\n");
  });

  it("remembers applied keys across a restart", async () => {
    const keys = join(dir, "b.txt");
    const first = await start(keys);
    await postRecord({ url: first.url, secret, timeoutMs: 2000, record: record("k2"), now: new Date() });
    await first.receiver.close();
    const second = await start(keys);
    const outcome = await postRecord({
      url: second.url,
      secret,
      timeoutMs: 2000,
      record: record("k2"),
      now: new Date(),
    });
    expect(outcome).toMatchObject({ kind: "done", detail: 'HTTP 409: {"status":"duplicate"}' });
    expect(second.applied).toEqual([]);
  });

  it("refuses a bad signature, a stale timestamp and a body that is not a record", async () => {
    const { url, applied } = await start(join(dir, "c.txt"));
    const body = JSON.stringify(record("k3"));
    const ts = Math.floor(Date.now() / 1000);
    const base = { "content-type": "application/json", "idempotency-key": "k3" };
    expect(
      await raw(url, body, {
        ...base,
        "x-madoguchi-timestamp": String(ts),
        "x-madoguchi-signature": signBody("w".repeat(40), ts, body),
      }),
    ).toEqual({ status: 401, body: { status: "signature-mismatch" } });
    const old = ts - 3600;
    expect(
      await raw(url, body, {
        ...base,
        "x-madoguchi-timestamp": String(old),
        "x-madoguchi-signature": signBody(secret, old, body),
      }),
    ).toEqual({ status: 401, body: { status: "signature-stale" } });
    const other = JSON.stringify({ hello: 1 });
    expect(
      await raw(url, other, {
        ...base,
        "x-madoguchi-timestamp": String(ts),
        "x-madoguchi-signature": signBody(secret, ts, other),
      }),
    ).toEqual({ status: 400, body: { status: "not-a-record" } });
    expect(applied).toEqual([]);
  });

  it("applies a key once when the same key arrives many times at once", async () => {
    const { url, applied } = await start(join(dir, "d.txt"), { faults: { delayMs: [0, 20] } });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        postRecord({ url, secret, timeoutMs: 5000, record: record("k4"), now: new Date() }),
      ),
    );
    expect(applied).toEqual(["k4"]);
    // Each answer is applied, duplicate, or "in progress, try again" — never a second application.
    for (const o of outcomes) expect(["done", "retry"]).toContain(o.kind);
    expect(outcomes.filter((o) => o.kind === "done" && o.detail?.includes("applied"))).toHaveLength(1);
  });
});
