import { inflateSync } from "node:zlib";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_SIGNATURE_BYTES = 512 * 1024;

export type SignatureCheck =
  | { ok: true; png: Uint8Array }
  | { ok: false; reason: "format" | "empty" | "size" };

/**
 * Checks a signature sent as a PNG data URL and refuses an empty one. signature_pad draws on a
 * transparent canvas: every pixel byte of an unsigned pad is 0, and stays 0 under every PNG row
 * filter, so "no non-zero byte besides the filter bytes" means nothing was drawn.
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
  let bytesPerPixel = 0;
  const idat: Buffer[] = [];
  try {
    while (offset + 8 <= png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString("latin1", offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      if (type === "IHDR") {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        const bitDepth = data[8] ?? 0;
        const colorType = data[9] ?? 0;
        const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType] ?? 0;
        bytesPerPixel = Math.max(1, (channels * bitDepth) / 8);
        if (colorType !== 6) return { ok: false, reason: "format" };
      } else if (type === "IDAT") idat.push(data);
      else if (type === "IEND") break;
      offset += 12 + length;
    }
    if (width === 0 || height === 0 || idat.length === 0 || width * height > 4_000_000)
      return { ok: false, reason: "format" };
    const raw = inflateSync(Buffer.concat(idat));
    const stride = width * bytesPerPixel + 1;
    if (raw.length < stride * height) return { ok: false, reason: "format" };
    for (let row = 0; row < height; row++) {
      const start = row * stride + 1;
      for (let i = start; i < start + stride - 1; i++)
        if (raw[i] !== 0) return { ok: true, png: new Uint8Array(png) };
    }
    return { ok: false, reason: "empty" };
  } catch {
    return { ok: false, reason: "format" };
  }
}
