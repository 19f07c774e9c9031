import { describe, expect, it } from "vitest";
import { estimateWait, MIN_SAMPLES, quantile, roundedRange, serviceTimeRange } from "./wait-estimate";

describe("wait estimation", () => {
  it("nearest-rank quartiles of ten service times", () => {
    const sorted = [4, 5, 6, 8, 10, 12, 15, 20, 25, 40];
    expect(quantile(sorted, 0.25)).toBe(6);
    expect(quantile(sorted, 0.5)).toBe(10);
    expect(quantile(sorted, 0.75)).toBe(20);
    expect(quantile([7], 0.25)).toBe(7);
  });

  it(`below ${MIN_SAMPLES} timed services the purpose's default time gives the range (×0.5 to ×1.5)`, () => {
    expect(serviceTimeRange([], 40)).toEqual({ lowMinutes: 20, highMinutes: 60, basis: "default" });
    expect(serviceTimeRange([10, 12, 14, 16], 40)).toEqual({
      lowMinutes: 20,
      highMinutes: 60,
      basis: "default",
    });
    expect(serviceTimeRange([10, 12, 14, 16, 18], 40)).toEqual({
      lowMinutes: 12,
      highMinutes: 16,
      basis: "measured",
    });
  });

  it("samples that are not positive numbers are ignored", () => {
    expect(serviceTimeRange([0, -3, Number.NaN, 10, 10, 10, 10], 6).basis).toBe("default");
  });

  // Ten services timed at 4…40 minutes: quick end 6, slow end 20.
  const samples = [25, 4, 10, 5, 40, 6, 12, 20, 8, 15];
  it.each([
    {
      ahead: 0,
      servers: 1,
      min: 0,
      max: 20,
      why: "nobody ahead: called at once, or when the busy counter finishes",
    },
    { ahead: 1, servers: 1, min: 6, max: 40, why: "one ahead at one counter: one to two services" },
    {
      ahead: 5,
      servers: 2,
      min: 12,
      max: 60,
      why: "five ahead at two counters: two rounds, or three at the slow end",
    },
    { ahead: 5, servers: 3, min: 6, max: 40, why: "a third counter open shortens the wait" },
    { ahead: 9, servers: 3, min: 18, max: 80, why: "nine ahead at three counters: three rounds, or four" },
    { ahead: 2, servers: 0, min: 12, max: 60, why: "no counter open counts as one" },
    { ahead: -1, servers: 1, min: 0, max: 20, why: "a negative count is taken as nobody ahead" },
  ])("$why (ahead $ahead, counters $servers → $min–$max min)", ({ ahead, servers, min, max }) => {
    expect(estimateWait({ ahead, servers, samplesMinutes: samples, defaultMinutes: 30 })).toEqual({
      minMinutes: min,
      maxMinutes: max,
      basis: "measured",
    });
  });

  it.each([
    { ahead: 0, servers: 3, min: 0, max: 60 },
    { ahead: 3, servers: 3, min: 20, max: 120 },
    { ahead: 7, servers: 3, min: 40, max: 180 },
  ])(
    "with the default of 40 minutes (one-stop move): ahead $ahead at $servers counters → $min–$max min",
    ({ ahead, servers, min, max }) => {
      expect(estimateWait({ ahead, servers, samplesMinutes: [], defaultMinutes: 40 })).toEqual({
        minMinutes: min,
        maxMinutes: max,
        basis: "default",
      });
    },
  );

  it("fractional service times round outwards: the minimum down, the maximum up", () => {
    // Five services of 2.5 minutes: both quartiles 2.5.
    expect(
      estimateWait({ ahead: 3, servers: 2, samplesMinutes: [2.5, 2.5, 2.5, 2.5, 2.5], defaultMinutes: 5 }),
    ).toEqual({ minMinutes: 2, maxMinutes: 5, basis: "measured" });
  });

  it.each([
    { min: 0, max: 20, shown: { min: 0, max: 20 } },
    { min: 12, max: 61, shown: { min: 10, max: 65 } },
    { min: 7, max: 7, shown: { min: 5, max: 10 } },
  ])(
    "signs show 5-minute steps rounded outwards: $min–$max → $shown.min–$shown.max",
    ({ min, max, shown }) => {
      expect(roundedRange({ minMinutes: min, maxMinutes: max, basis: "measured" })).toEqual(shown);
    },
  );
});
