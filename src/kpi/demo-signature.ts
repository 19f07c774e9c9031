import { deflateSync } from "node:zlib";

// A tiny PNG encoder for the simulated residents' signatures: the tablet posts a PNG data URL, and
// signVisit stamps it into every form, so the demo must sign with a real (if plain) image.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * A 120×40 transparent RGBA pad with one dark wavy stroke whose shape follows `variant` (0–1), as a
 * `data:image/png;base64,…` URL like the signature pad's.
 */
export function demoSignatureDataUrl(variant: number): string {
  const width = 120;
  const height = 40;
  const phase = variant * 2 * Math.PI;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let x = 10; x < 110; x++) {
    const y = Math.round(20 + 10 * Math.sin(x / 9 + phase));
    for (const dy of [0, 1]) {
      const row = Math.min(height - 1, y + dy);
      raw.writeUInt32BE(0x101010ff, row * (width * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const file = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${file.toString("base64")}`;
}
