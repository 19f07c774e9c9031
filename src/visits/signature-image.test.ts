import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { signaturePng } from "../forms/fixtures/signature";
import { checkSignaturePng } from "./signature-image";

function png(
  width: number,
  height: number,
  colorType: 2 | 6,
  pixel: (x: number, y: number) => number[],
  filter = 0,
): string {
  const bpp = colorType === 6 ? 4 : 3;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(filter);
    const line: number[] = [];
    for (let x = 0; x < width; x++) line.push(...pixel(x, y));
    // Sub filter: each byte minus the byte one pixel to the left.
    rows.push(
      ...(filter === 1 ? line.map((v, i) => (v - (i >= bpp ? (line[i - bpp] as number) : 0)) & 0xff) : line),
    );
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "latin1");
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  const file = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${file.toString("base64")}`;
}

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
