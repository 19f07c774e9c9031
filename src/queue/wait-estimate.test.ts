import { describe, expect, it } from "vitest";
import {
  estimateWait,
  FULL_SAMPLES,
  fillWait,
  MIN_SAMPLES,
  quantile,
  serviceTimeRange,
  shownWait,
  type WaitTemplates,
} from "./wait-estimate";

describe("wait estimation", () => {
  it("nearest-rank quartiles of ten service times", () => {
    const sorted = [4, 5, 6, 8, 10, 12, 15, 20, 25, 40];
    expect(quantile(sorted, 0.25)).toBe(6);
    expect(quantile(sorted, 0.5)).toBe(10);
    expect(quantile(sorted, 0.75)).toBe(20);
    expect(quantile([7], 0.25)).toBe(7);
  });

  it(`below ${MIN_SAMPLES} timed services there is no range: a default time is not a measurement`, () => {
    expect(serviceTimeRange([])).toBeUndefined();
    expect(serviceTimeRange([10, 12, 14, 16])).toBeUndefined();
    expect(estimateWait({ ahead: 3, servers: 2, samplesMinutes: [10, 12, 14, 16] })).toEqual({
      basis: "unknown",
      reason: "noSamples",
    });
    expect(serviceTimeRange([10, 12, 14, 16, 18])).toMatchObject({ samples: 5 });
  });

  it("samples that are not positive numbers are ignored", () => {
    expect(serviceTimeRange([0, -3, Number.NaN, 10, 10, 10, 10])).toBeUndefined();
  });

  it(`the range narrows as measurements grow: 10th–90th percentile at ${MIN_SAMPLES}, quartiles from ${FULL_SAMPLES}`, () => {
    const times = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const few = serviceTimeRange(times(5));
    const many = serviceTimeRange(times(20));
    expect(few).toEqual({ lowMinutes: 1, highMinutes: 5, samples: 5 });
    expect(many).toEqual({ lowMinutes: 5, highMinutes: 15, samples: 20 });
    // The share of the measured spread the range covers: 0.8 at 5, 0.7 at 10, 0.5 at 20.
    const share = (n: number) => {
      const r = serviceTimeRange(times(n));
      return ((r?.highMinutes ?? 0) - (r?.lowMinutes ?? 0)) / n;
    };
    expect([share(5), share(10), share(20)]).toEqual([0.8, 0.7, 0.5]);
  });

  it("with no counter open there is no estimate, whatever was measured", () => {
    expect(estimateWait({ ahead: 2, servers: 0, samplesMinutes: [5, 5, 5, 5, 5] })).toEqual({
      basis: "unknown",
      reason: "noOpenCounter",
    });
  });

  it("a free open counter for everyone ahead means soon, even before anything was measured", () => {
    expect(estimateWait({ ahead: 0, servers: 1, free: 1, samplesMinutes: [] })).toEqual({ basis: "soon" });
    expect(estimateWait({ ahead: 1, servers: 3, free: 2, samplesMinutes: [] })).toEqual({ basis: "soon" });
    expect(estimateWait({ ahead: 2, servers: 3, free: 2, samplesMinutes: [] }).basis).toBe("unknown");
  });

  // Twenty services timed at 1…20 minutes: quartiles 5 and 15.
  const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
  it.each([
    {
      ahead: 0,
      servers: 1,
      free: 0,
      min: 0,
      max: 15,
      why: "nobody ahead, the counter busy: up to one service",
    },
    {
      ahead: 1,
      servers: 1,
      free: 0,
      min: 5,
      max: 30,
      why: "one ahead at one busy counter: one to two services",
    },
    {
      ahead: 5,
      servers: 2,
      free: 0,
      min: 10,
      max: 45,
      why: "five ahead at two counters: two rounds, or three",
    },
    { ahead: 5, servers: 3, free: 0, min: 5, max: 30, why: "a third counter open shortens the wait" },
    { ahead: 5, servers: 3, free: 2, min: 5, max: 30, why: "two free counters take two at once" },
    { ahead: -1, servers: 1, free: 0, min: 0, max: 15, why: "a negative count is taken as nobody ahead" },
  ])(
    "$why (ahead $ahead, open $servers, free $free → $min–$max min)",
    ({ ahead, servers, free, min, max }) => {
      expect(estimateWait({ ahead, servers, free, samplesMinutes: samples })).toEqual({
        basis: "measured",
        minMinutes: min,
        maxMinutes: max,
        samples: 20,
      });
    },
  );

  it("fractional service times round outwards: the minimum down, the maximum up", () => {
    expect(estimateWait({ ahead: 3, servers: 2, samplesMinutes: [2.5, 2.5, 2.5, 2.5, 2.5] })).toEqual({
      basis: "measured",
      minMinutes: 2,
      maxMinutes: 5,
      samples: 5,
    });
  });

  it.each([
    { min: 0, max: 20, shown: { kind: "upTo", max: 20 } },
    { min: 3, max: 20, shown: { kind: "upTo", max: 20 } },
    { min: 12, max: 61, shown: { kind: "range", min: 10, max: 65 } },
    { min: 7, max: 7, shown: { kind: "range", min: 5, max: 10 } },
  ])("signs show 5-minute steps rounded outwards: $min–$max → $shown", ({ min, max, shown }) => {
    expect(shownWait({ basis: "measured", minMinutes: min, maxMinutes: max, samples: 20 })).toEqual(shown);
  });

  it("no sentence pairs nobody ahead with a long range: each kind has its own words", () => {
    const templates: WaitTemplates = {
      range: "約{min}〜{max}分",
      upTo: "約{max}分以内",
      soon: "まもなく呼ばれます",
      noSamples: "まだ目安を出せません",
      noOpenCounter: "受付中の窓口がありません",
    };
    expect(fillWait(templates, shownWait({ basis: "soon" }))).toBe("まもなく呼ばれます");
    expect(fillWait(templates, { kind: "upTo", max: 15 })).toBe("約15分以内");
    expect(fillWait(templates, { kind: "range", min: 10, max: 25 })).toBe("約10〜25分");
    expect(fillWait(templates, shownWait({ basis: "unknown", reason: "noSamples" }))).toBe(
      "まだ目安を出せません",
    );
  });
});
