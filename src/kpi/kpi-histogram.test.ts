import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { figuresOf } from "./kpi";
import {
  addToHistogram,
  bucketWidth,
  durationBucket,
  emptyHistogram,
  figuresOfHistogram,
  type Histogram,
  percentileErrorBound,
} from "./kpi-histogram";

function histogramOf(values: readonly number[], bucketed: boolean): Histogram {
  const h = emptyHistogram();
  for (const v of values) addToHistogram(h, 1, v, [bucketed ? durationBucket(v) : v], [1]);
  return h;
}

describe("duration buckets", () => {
  it.each([
    [0, 0, 15],
    [14, 0, 15],
    [15, 15, 15],
    [1799, 1785, 15],
    [1800, 1800, 60],
    [7199, 7140, 60],
    [7200, 7200, 300],
    [10_000, 9900, 300],
  ])("%i s falls in the bucket starting at %i s, %i s wide", (seconds, key, width) => {
    expect(durationBucket(seconds)).toBe(key);
    expect(bucketWidth(key, true)).toBe(width);
    expect(bucketWidth(key, false)).toBe(0);
  });
});

describe("figures from a histogram", () => {
  it("are exactly the figures of the values when the keys are the values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 200 }), (values) => {
        const exact = figuresOf("all", values);
        const fromHistogram = figuresOfHistogram("all", histogramOf(values, false), false);
        expect(fromHistogram.count).toBe(exact.count);
        expect(fromHistogram.sum).toBe(exact.sum);
        expect(fromHistogram.mean).toBeCloseTo(exact.mean ?? Number.NaN, 9);
        expect(fromHistogram.median).toBeCloseTo(exact.median ?? Number.NaN, 9);
        expect(fromHistogram.p90).toBeCloseTo(exact.p90 ?? Number.NaN, 9);
      }),
    );
  });

  it("place a duration's median and p90 within the bucket width at the upper neighbouring value; count, sum and mean stay exact", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const exact = figuresOf("all", values);
          const fromHistogram = figuresOfHistogram("all", histogramOf(values, true), true);
          expect(fromHistogram.count).toBe(exact.count);
          expect(fromHistogram.sum).toBe(exact.sum);
          expect(fromHistogram.mean).toBeCloseTo(exact.mean ?? Number.NaN, 9);
          const sorted = [...values].sort((a, b) => a - b);
          for (const [p, q] of [
            ["median", 0.5],
            ["p90", 0.9],
          ] as const) {
            const e = exact[p] ?? Number.NaN;
            const a = fromHistogram[p] ?? Number.NaN;
            expect(Math.abs(a - e)).toBeLessThanOrEqual(percentileErrorBound(sorted, q));
          }
        },
      ),
    );
  });

  it("of no values are empty", () => {
    expect(figuresOfHistogram("x", emptyHistogram(), true)).toEqual({
      key: "x",
      count: 0,
      sum: 0,
      mean: null,
      median: null,
      p90: null,
    });
  });

  it("merge rows: two halves added give the figures of the whole", () => {
    const h = emptyHistogram();
    addToHistogram(h, 3, 6, [1, 2, 3], [1, 1, 1]);
    addToHistogram(h, 2, 7, [3, 4], [1, 1]);
    expect(figuresOfHistogram("all", h, false)).toEqual(figuresOf("all", [1, 2, 3, 3, 4]));
  });
});
