import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { deathOfParent, moveInAnswers, moveInFamily, moveOutFamily } from "./fixtures/households";
import { renderForms } from "./render";
import { type GreyImage, planned, rasteriseAll } from "./test-support";

// The guard for the known trap: a broken font subset (as @pdf-lib/fontkit writes for Japanese fonts)
// still extracts as the right text, but kanji render blank. So every page is rasterised with poppler
// twice — with the subset the bundle embeds and with the full font — and the ink compared tile by
// tile. A glyph lost or changed by subsetting leaves a tile with less (or other) ink.

const tile = 12;
const dark = 160;

interface Comparison {
  differingPixels: number;
  /** Tiles whose count of dark pixels differs by more than 2, as "page:x,y". */
  tiles: string[];
}

function darkPerTile(image: GreyImage): Int32Array {
  const across = Math.ceil(image.width / tile);
  const counts = new Int32Array(across * Math.ceil(image.height / tile));
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.pixels[y * image.width + x] as number) < dark) {
        const index = Math.floor(y / tile) * across + Math.floor(x / tile);
        counts[index] = (counts[index] as number) + 1;
      }
    }
  }
  return counts;
}

function compare(a: GreyImage[], b: GreyImage[]): Comparison {
  expect(a.map((p) => [p.width, p.height])).toEqual(b.map((p) => [p.width, p.height]));
  let differingPixels = 0;
  const tiles: string[] = [];
  a.forEach((page, n) => {
    const other = b[n] as GreyImage;
    for (let i = 0; i < page.pixels.length; i++) {
      if (Math.abs((page.pixels[i] as number) - (other.pixels[i] as number)) > 48) differingPixels++;
    }
    const inkA = darkPerTile(page);
    const inkB = darkPerTile(other);
    const across = Math.ceil(page.width / tile);
    for (let i = 0; i < inkA.length; i++) {
      if (Math.abs((inkA[i] as number) - (inkB[i] as number)) > 2)
        tiles.push(`${n + 1}:${i % across},${Math.floor(i / across)}`);
    }
  });
  return { differingPixels, tiles };
}

const kumamoto = getMunicipalitySettings("kumamoto");

async function bothWays(fixture: unknown, answers: Record<string, unknown> = {}) {
  const { household, plan } = planned(fixture);
  const options = { household, plan, answers, municipality: kumamoto, filedOn: "2026-04-08" };
  const subset = await renderForms(options);
  const full = await renderForms({ ...options, embed: "full" });
  return { subset, full };
}

describe("the subset font renders exactly like the full font", () => {
  it.each([
    ["a move-in of six (18 forms, 𠮷 髙 﨑 葛󠄀)", moveInFamily, moveInAnswers],
    ["a move-out (辻󠄀, 齋)", moveOutFamily, {}],
    ["a bereavement (渡邉)", deathOfParent, {}],
  ])(
    "%s",
    async (_, fixture, answers) => {
      const { subset, full } = await bothWays(fixture, answers);
      // The full font is megabytes; the subset is what a bundle carries.
      expect(full.pdf.length).toBeGreaterThan(20 * subset.pdf.length);
      const a = rasteriseAll(subset.pdf);
      const b = rasteriseAll(full.pdf);
      expect(a).toHaveLength(subset.forms.length);
      const result = compare(a, b);
      expect(result.tiles).toEqual([]);
      expect(result.differingPixels).toBe(0);
    },
    120_000,
  );

  it("would notice a glyph drawn differently", async () => {
    // The comparison itself is checked: one changed kanji in one name must show as changed tiles.
    const changed = structuredClone(moveInFamily);
    changed.members[1] = { ...changed.members[1], name: "𠮷田 華子" } as (typeof changed.members)[1];
    const { household, plan } = planned(moveInFamily);
    const other = planned(changed);
    const one = { procedures: plan.procedures.slice(0, 1) };
    const a = await renderForms({ household, plan: one });
    const b = await renderForms({ household: other.household, plan: one, embed: "full" });
    const result = compare(rasteriseAll(a.pdf), rasteriseAll(b.pdf));
    expect(result.tiles.length).toBeGreaterThan(0);
    expect(result.tiles.length).toBeLessThan(12);
  }, 60_000);
});
