import { describe, expect, it } from "vitest";
import { bandCapacity, checkBands, nextNumber, purposeOfNumber } from "./numbering";

const band = { start: 100, end: 399 };

describe("ticket numbering", () => {
  it.each([
    { last: null, expected: 100, why: "the first ticket of the day takes the start of the band" },
    { last: 100, expected: 101, why: "each ticket takes the next number" },
    { last: 398, expected: 399, why: "the end of the band is still a number" },
    { last: 399, expected: null, why: "after the end of the band the purpose has no numbers left today" },
    { last: 42, expected: 100, why: "a band moved up during the day starts again at its new start" },
  ])("$why ($last → $expected)", ({ last, expected }) => {
    expect(nextNumber(last, band)).toBe(expected);
  });

  it("a band of 100–399 holds 300 tickets and a one-number band holds one", () => {
    expect(bandCapacity(band)).toBe(300);
    expect(bandCapacity({ start: 7, end: 7 })).toBe(1);
    expect(nextNumber(null, { start: 7, end: 7 })).toBe(7);
    expect(nextNumber(7, { start: 7, end: 7 })).toBeNull();
  });

  it("issuing a whole band one by one gives every number once, in order, without a gap", () => {
    const issued: number[] = [];
    let last: number | null = null;
    for (;;) {
      const n = nextNumber(last, { start: 500, end: 699 });
      if (n === null) break;
      issued.push(n);
      last = n;
    }
    expect(issued).toHaveLength(200);
    expect(issued.every((n, i) => n === 500 + i)).toBe(true);
  });

  it("the Kumamoto bands are valid and do not overlap", () => {
    const kumamoto = [
      { code: "move", bandStart: 100, bandEnd: 399 },
      { code: "bereavement", bandStart: 400, bandEnd: 499 },
      { code: "moveout", bandStart: 500, bandEnd: 699 },
      { code: "certificate", bandStart: 700, bandEnd: 899 },
    ];
    expect(checkBands(kumamoto)).toEqual([]);
    expect(purposeOfNumber(kumamoto, 512)?.code).toBe("moveout");
    expect(purposeOfNumber(kumamoto, 99)).toBeUndefined();
  });

  it("overlapping and inverted bands are reported by purpose", () => {
    expect(
      checkBands([
        { code: "a", bandStart: 100, bandEnd: 200 },
        { code: "b", bandStart: 200, bandEnd: 300 },
        { code: "c", bandStart: 50, bandEnd: 10 },
        { code: "d", bandStart: 0, bandEnd: 10 },
      ]),
    ).toEqual([
      { code: "c", kind: "invalid" },
      { code: "d", kind: "invalid" },
      { code: "b", kind: "overlap", other: "a" },
    ]);
  });
});
