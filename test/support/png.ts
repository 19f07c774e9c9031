import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export interface PngOptions {
  width: number;
  height: number;
  /** 2 = RGB, 6 = RGBA (8 bits a sample). */
  colorType: 2 | 6;
  pixel: (x: number, y: number) => number[];
  /** Row filter: 0 None, 1 Sub. */
  filter?: 0 | 1;
}

/** A PNG as a data URL, as the signature pad posts it: for tests of the signature checks. */
export function pngDataUrl({ width, height, colorType, pixel, filter = 0 }: PngOptions): string {
  const bpp = colorType === 6 ? 4 : 3;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(filter);
    const line: number[] = [];
    for (let x = 0; x < width; x++) line.push(...pixel(x, y));
    rows.push(
      ...(filter === 1 ? line.map((v, i) => (v - (i >= bpp ? (line[i - bpp] as number) : 0)) & 0xff) : line),
    );
  }
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

/** A 40×20 transparent pad, with one dark stroke unless `empty`. */
export function signatureDataUrl(empty = false): string {
  return pngDataUrl({
    width: 40,
    height: 20,
    colorType: 6,
    pixel: (x, y) => (!empty && y === 10 && x >= 5 && x < 30 ? [0, 0, 0, 255] : [0, 0, 0, 0]),
  });
}
