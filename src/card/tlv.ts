// A strict BER-TLV reader (ISO/IEC 8825-1 as ISO/IEC 7816-4 uses it): multi-byte tags, definite
// lengths only. Anything that does not fit exactly is refused, never read in part.

export interface Tlv {
  /** The tag as its bytes in hex, upper case ("FF20", "DF22"). */
  tag: string;
  constructed: boolean;
  value: Uint8Array;
  /** The children of a constructed element. */
  children: Tlv[];
}

export class TlvError extends Error {
  constructor(
    readonly at: number,
    why: string,
  ) {
    super(`BER-TLV: ${why} at byte ${at}`);
    this.name = "TlvError";
  }
}

const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, "0");

function readOne(bytes: Uint8Array, start: number, depth: number): { tlv: Tlv; end: number } {
  let at = start;
  const first = bytes[at++];
  if (first === undefined) throw new TlvError(start, "missing tag");
  let tag = hex(first);
  if ((first & 0x1f) === 0x1f) {
    // Subsequent tag bytes: bit 8 set means another follows. Tags longer than 3 bytes are not used.
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) throw new TlvError(at - 1, "truncated tag");
      tag += hex(b);
      if ((b & 0x80) === 0) break;
      if (tag.length >= 6) throw new TlvError(at - 1, "tag too long");
    }
  }
  const lengthByte = bytes[at++];
  if (lengthByte === undefined) throw new TlvError(at - 1, "missing length");
  let length = lengthByte;
  if (lengthByte === 0x80) throw new TlvError(at - 1, "indefinite length");
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 3) throw new TlvError(at - 1, "length too long");
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[at++];
      if (b === undefined) throw new TlvError(at - 1, "truncated length");
      length = length * 256 + b;
    }
  }
  const end = at + length;
  if (end > bytes.length) throw new TlvError(at, `value of ${length} bytes runs past the end`);
  const value = bytes.subarray(at, end);
  const constructed = (first & 0x20) !== 0;
  const children = constructed ? readAll(value, depth + 1) : [];
  return { tlv: { tag, constructed, value, children }, end };
}

/** Every TLV in `bytes`, in order; throws TlvError unless they fill it exactly. */
export function readAll(bytes: Uint8Array, depth = 0): Tlv[] {
  if (depth > 8) throw new TlvError(0, "nested too deeply");
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const { tlv, end } = readOne(bytes, at, depth);
    out.push(tlv);
    at = end;
  }
  return out;
}

/** The one TLV at the start of `bytes` and where it ends (the rest may be padding). */
export function readFirst(bytes: Uint8Array): { tlv: Tlv; end: number } {
  return readOne(bytes, 0, 0);
}

/** The total length (header + value) of the TLV at the start of `bytes`, from its header alone. */
export function headerLength(bytes: Uint8Array): { header: number; value: number } | undefined {
  let at = 0;
  const first = bytes[at++];
  if (first === undefined) return undefined;
  if ((first & 0x1f) === 0x1f) {
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) return undefined;
      if ((b & 0x80) === 0) break;
    }
  }
  const l = bytes[at++];
  if (l === undefined || l === 0x80) return undefined;
  if (l < 0x80) return { header: at, value: l };
  let value = 0;
  for (let i = 0; i < (l & 0x7f); i++) {
    const b = bytes[at++];
    if (b === undefined) return undefined;
    value = value * 256 + b;
  }
  return { header: at, value };
}

/** Encodes one TLV (definite length), for the software card and tests. */
export function encodeTlv(tagHex: string, value: Uint8Array): Uint8Array {
  const tag = Uint8Array.from(tagHex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  const n = value.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(tag.length + length.length + n);
  out.set(tag, 0);
  out.set(length, tag.length);
  out.set(value, tag.length + length.length);
  return out;
}
