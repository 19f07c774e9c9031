import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./rate-limit";

describe("token buckets", () => {
  it("allow a burst up to the bucket's size, then refuse until a token comes back", () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 0.5, 100, () => now);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0]);
    expect(buckets.take("a")).toBe(2);
    now += 1_000;
    expect(buckets.take("a")).toBe(1);
    now += 1_000;
    expect(buckets.take("a")).toBe(0);
  });

  it("keep one bucket per client", () => {
    const buckets = new TokenBuckets(1, 1, 100, () => 0);
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("b")).toBe(0);
    expect(buckets.take("a")).toBeGreaterThan(0);
  });

  it("refill no further than the bucket's size", () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 10, 100, () => now);
    buckets.take("a");
    now += 60_000;
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 1]);
  });

  it("forget the least recently used client past the key limit", () => {
    const buckets = new TokenBuckets(1, 0.001, 2, () => 0);
    buckets.take("a");
    buckets.take("b");
    buckets.take("c");
    // "a" was forgotten, so it has a full bucket again; "c" has not.
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("c")).toBeGreaterThan(0);
  });
});
