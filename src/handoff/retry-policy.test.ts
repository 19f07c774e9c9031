import { describe, expect, it } from "vitest";
import {
  baseDelayMs,
  defaultRetryPolicy,
  nextStep,
  type RetryPolicy,
  retryDelayMs,
  schedule,
} from "./retry-policy";

const minute = 60_000;
const hour = 60 * minute;
const now = new Date("2026-04-06T01:00:00Z");

describe("the default retry schedule", () => {
  it("starts at one minute and doubles up to one day", () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16].map((n) => baseDelayMs(defaultRetryPolicy, n)),
    ).toEqual([
      1 * minute,
      2 * minute,
      4 * minute,
      8 * minute,
      16 * minute,
      32 * minute,
      64 * minute,
      128 * minute,
      256 * minute,
      512 * minute,
      1024 * minute,
      24 * hour,
      24 * hour,
    ]);
  });

  it("keeps trying for more than five days before a delivery is dead", () => {
    const total = schedule(defaultRetryPolicy).reduce((a, b) => a + b, 0);
    expect(schedule(defaultRetryPolicy)).toHaveLength(15);
    expect(total / (24 * hour)).toBeGreaterThan(5);
    expect(total / (24 * hour)).toBeLessThan(6);
  });

  it.each([
    [1, 0, 60_000],
    [1, 0.5, 60_000],
    [1, 0.999_999, 72_000],
    [3, 0, 192_000],
    [3, 0.25, 216_000],
    [3, 1, 288_000],
  ])("after attempt %d with random %d waits %d ms", (attempt, random, expected) => {
    expect(retryDelayMs(defaultRetryPolicy, attempt, random)).toBe(expected);
  });

  it("never waits less than the minimum nor more than the maximum, whatever the jitter", () => {
    expect(retryDelayMs(defaultRetryPolicy, 1, 0)).toBe(minute);
    expect(retryDelayMs(defaultRetryPolicy, 15, 1)).toBe(24 * hour);
    expect(retryDelayMs(defaultRetryPolicy, 15, 0)).toBe(69_120_000);
    const tight: RetryPolicy = { ...defaultRetryPolicy, jitter: 0.5 };
    expect(retryDelayMs(tight, 1, 0)).toBe(minute);
  });
});

describe("nextStep", () => {
  it("is done when the destination acknowledged", () => {
    expect(nextStep(defaultRetryPolicy, 1, { kind: "done" }, now, 0.5)).toEqual({ state: "done" });
  });

  it("is dead at once on a permanent refusal, whatever the attempt", () => {
    expect(nextStep(defaultRetryPolicy, 1, { kind: "permanent", error: "HTTP 422" }, now, 0.5)).toEqual({
      state: "dead",
      error: "HTTP 422",
    });
  });

  it("retries a transient failure at the scheduled time", () => {
    expect(nextStep(defaultRetryPolicy, 2, { kind: "retry", error: "HTTP 503" }, now, 0.5)).toEqual({
      state: "retrying",
      nextAttemptAt: new Date(now.getTime() + 2 * minute),
      error: "HTTP 503",
    });
  });

  it("is dead after the last allowed attempt fails", () => {
    const step = nextStep(defaultRetryPolicy, 16, { kind: "retry", error: "HTTP 503" }, now, 0.5);
    expect(step).toEqual({ state: "dead", error: "HTTP 503 (gave up after 16 attempts)" });
    expect(nextStep(defaultRetryPolicy, 15, { kind: "retry", error: "x" }, now, 0.5).state).toBe("retrying");
  });

  it("scales down for tests with the same shape", () => {
    const fast: RetryPolicy = { minDelayMs: 20, maxDelayMs: 200, factor: 2, jitter: 0.2, maxAttempts: 5 };
    expect(schedule(fast)).toEqual([20, 40, 80, 160]);
  });
});
