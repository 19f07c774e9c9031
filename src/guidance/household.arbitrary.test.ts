import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validHousehold } from "./household.arbitrary";
import { parseHousehold } from "./validate";

describe("the random households of the property tests", () => {
  it("all pass parseHousehold, with filers, previous addresses and foreign residents among them", () => {
    const sample = fc.sample(validHousehold, { seed: 5, numRuns: 400 });
    const refused = sample
      .map((h) => parseHousehold(h))
      .filter((r) => !r.ok)
      .map((r) => (r.ok ? [] : r.problems.map((p) => p.code)));
    expect(refused).toEqual([]);
    expect(sample.some((h) => h.filer && "member" in h.filer)).toBe(true);
    expect(sample.some((h) => h.filer && "relation" in h.filer)).toBe(true);
    expect(sample.some((h) => h.previousAddress !== undefined)).toBe(true);
    expect(sample.some((h) => h.members.some((m) => m.residenceCardNumber !== undefined))).toBe(true);
    expect(sample.some((h) => h.event.funeralDate !== undefined)).toBe(true);
  });
});
