import { inflateSync } from "node:zlib";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_SIGNATURE_BYTES = 512 * 1024;

export type SignatureCheck =
  | { ok: true; png: Uint8Array }
  | { ok: false; reason: "format" | "empty" | "size" };

/** Undoes PNG row filtering (None, Sub, Up, Average, Paeth) for 8-bit samples. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer | undefined {
  const stride = width * bpp;
  if (raw.length < (stride + 1) * height) return undefined;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[src + x] as number;
      const a = x >= bpp ? (out[row + x - bpp] as number) : 0;
      const b = y > 0 ? (out[prev + x] as number) : 0;
      const c = x >= bpp && y > 0 ? (out[prev + x - bpp] as number) : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) return undefined;
      out[row + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

/**
 * Checks a signature sent as a PNG data URL and refuses an empty one: a pad nobody drew on is one
 * uniform colour (transparent for signature_pad), so "every pixel equals the first" means unsigned.
 * 8-bit greyscale, RGB and their alpha variants are read; palettes and 16-bit images are refused.
 */
export function checkSignaturePng(dataUrl: string): SignatureCheck {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl.trim());
  if (!match?.[1]) return { ok: false, reason: "format" };
  const png = Buffer.from(match[1], "base64");
  if (png.length > MAX_SIGNATURE_BYTES) return { ok: false, reason: "size" };
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC)) return { ok: false, reason: "format" };
  let offset = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  const idat: Buffer[] = [];
  try {
    while (offset + 8 <= png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString("latin1", offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      if (type === "IHDR") {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9] ?? -1];
        if (data[8] !== 8 || !channels || data[12] !== 0) return { ok: false, reason: "format" };
        bpp = channels;
      } else if (type === "IDAT") idat.push(data);
      else if (type === "IEND") break;
      offset += 12 + length;
    }
    if (width === 0 || height === 0 || idat.length === 0 || width * height > 4_000_000)
      return { ok: false, reason: "format" };
    const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, bpp);
    if (!pixels) return { ok: false, reason: "format" };
    for (let i = bpp; i < pixels.length; i++) {
      if (pixels[i] !== pixels[i % bpp]) return { ok: true, png: new Uint8Array(png) };
    }
    return { ok: false, reason: "empty" };
  } catch {
    return { ok: false, reason: "format" };
  }
}
