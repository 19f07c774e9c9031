import { describe, expect, it } from "vitest";
import { pngDataUrl } from "../../test/support/png";
import { signaturePng } from "../forms/fixtures/signature";
import { checkSignaturePng } from "./signature-image";

const png = (
  width: number,
  height: number,
  colorType: 2 | 6,
  pixel: (x: number, y: number) => number[],
  filter: 0 | 1 = 0,
) => pngDataUrl({ width, height, colorType, pixel, filter });

describe("the signature image check", () => {
  it("refuses an untouched transparent pad", () => {
    expect(checkSignaturePng(png(30, 10, 6, () => [0, 0, 0, 0]))).toEqual({ ok: false, reason: "empty" });
  });

  it("refuses a plain white pad, whatever the row filter", () => {
    expect(checkSignaturePng(png(30, 10, 2, () => [255, 255, 255], 1))).toEqual({
      ok: false,
      reason: "empty",
    });
  });

  it("accepts a pad with a stroke, filtered or not", () => {
    const stroke = (x: number, y: number) => (y === 5 && x > 3 && x < 20 ? [0, 0, 0, 255] : [0, 0, 0, 0]);
    expect(checkSignaturePng(png(30, 10, 6, stroke)).ok).toBe(true);
    expect(checkSignaturePng(png(30, 10, 6, stroke, 1)).ok).toBe(true);
  });

  it("accepts the signature the forms tests use", () => {
    const url = `data:image/png;base64,${Buffer.from(signaturePng()).toString("base64")}`;
    expect(checkSignaturePng(url).ok).toBe(true);
  });

  it.each(["", "data:image/jpeg;base64,AAAA", "data:image/png;base64,AAAA", "not a data url"])(
    "refuses %j as unreadable",
    (value) => {
      expect(checkSignaturePng(value)).toEqual({ ok: false, reason: "format" });
    },
  );
});
