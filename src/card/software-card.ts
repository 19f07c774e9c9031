// A software My Number card: answers the APDUs of the 券面事項入力補助AP as the specification and
// the open-source readers describe them (docs/card.md), for tests at the APDU level and, through
// vpcd, for the real PC/SC stack. It is not a card emulator for anything else.

import { EF_ATTRIBUTES, EF_MY_NUMBER, EF_PIN, KENHOJO_AID } from "./apdu";
import { encodeTlv } from "./tlv";

export interface SoftwareCardOptions {
  name: string;
  address: string;
  /** YYYYMMDD as the card holds it. */
  birth: string;
  /** "1" male, "2" female. */
  sex: string;
  pin: string;
  /** Tries left at the start (3 on a fresh card; 0 = locked). */
  triesLeft?: number;
  /** false: a card without the 券面事項入力補助AP (a bank or transit card). */
  hasKenhojoAp?: boolean;
  /** The attribute file's bytes as given, instead of the TLV built from the fields (malformed cards). */
  attributeFile?: Uint8Array;
  /** The 12 digits the card keeps in EF 0001; tests check they never leave it. */
  myNumber?: string;
}

const sw = (value: number) => Uint8Array.of(value >> 8, value & 0xff);
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const withSw = (data: Uint8Array, status: number) => {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out.set(sw(status), data.length);
  return out;
};

/** The attribute EF as a card writes it: FF20 { DF21 offsets, DF22, DF23, DF24, DF25 }, then padding. */
export function attributeFileOf(
  fields: Pick<SoftwareCardOptions, "name" | "address" | "birth" | "sex">,
): Uint8Array {
  const enc = new TextEncoder();
  const values = [fields.name, fields.address, fields.birth, fields.sex].map((v) => enc.encode(v));
  const tags = ["DF22", "DF23", "DF24", "DF25"];
  const parts = values.map((v, i) => encodeTlv(tags[i] as string, v));
  // The header's offsets: where each attribute's TLV starts, counted from the container's value.
  const headerSize = 3 + 2 * parts.length;
  const offsets = new Uint8Array(2 * parts.length);
  let at = headerSize;
  parts.forEach((p, i) => {
    offsets[2 * i] = at >> 8;
    offsets[2 * i + 1] = at & 0xff;
    at += p.length;
  });
  const body = [encodeTlv("DF21", offsets), ...parts];
  const joined = new Uint8Array(body.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of body) {
    joined.set(p, pos);
    pos += p.length;
  }
  const container = encodeTlv("FF20", joined);
  // The EF is larger than its content; unused bytes read as 00.
  const file = new Uint8Array(container.length + 32);
  file.set(container);
  return file;
}

function atr(): Uint8Array {
  // TS 3B, T0 8A (TD1 follows, 10 historical bytes), TD1 80 (TD2 follows, T=0), TD2 01 (T=1), TCK.
  const historical = new TextEncoder().encode("\x80MADOGUCHI");
  const body = [0x8a, 0x80, 0x01, ...historical];
  const tck = body.reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([0x3b, ...body, tck]);
}

export class SoftwareMyNumberCard {
  readonly atr = atr();
  /** Every command APDU received, in order (hex), for tests. */
  readonly received: string[] = [];
  private triesLeft: number;
  private apSelected = false;
  private ef: "pin" | "attributes" | "myNumber" | undefined;
  private verified = false;
  private readonly files: Record<"attributes" | "myNumber", Uint8Array>;

  constructor(private readonly options: SoftwareCardOptions) {
    this.triesLeft = options.triesLeft ?? 3;
    this.files = {
      attributes: options.attributeFile ?? attributeFileOf(options),
      myNumber: encodeTlv("04", new TextEncoder().encode(options.myNumber ?? "123456789018")),
    };
  }

  get tries(): number {
    return this.triesLeft;
  }

  /** Power off, on or reset: the selection and the PIN's verification are lost; the counter stays. */
  reset(): void {
    this.apSelected = false;
    this.ef = undefined;
    this.verified = false;
  }

  /** One command APDU → its response APDU (data + SW1 SW2). */
  transmit(command: Uint8Array): Uint8Array {
    this.received.push(Buffer.from(command).toString("hex").toUpperCase());
    if (command.length < 4) return sw(0x6700);
    const [cla, ins, p1, p2] = command as unknown as [number, number, number, number];
    if (cla !== 0x00) return sw(0x6e00);
    const lc = command.length > 5 ? (command[4] as number) : 0;
    const data = command.subarray(5, 5 + lc);
    if (command.length > 5 && data.length !== lc) return sw(0x6700);
    switch (ins) {
      case 0xa4:
        return this.select(p1, p2, data);
      case 0x20:
        return this.verify(p1, p2, command.length === 4 ? undefined : data);
      case 0xb0:
        return this.readBinary(p1, p2, command.length === 5 ? (command[4] as number) : -1);
      default:
        return sw(0x6d00);
    }
  }

  private select(p1: number, p2: number, data: Uint8Array): Uint8Array {
    if (p2 !== 0x0c) return sw(0x6a86);
    if (p1 === 0x04) {
      this.ef = undefined;
      this.verified = false;
      this.apSelected = this.options.hasKenhojoAp !== false && eq(data, KENHOJO_AID);
      return sw(this.apSelected ? 0x9000 : 0x6a82);
    }
    if (p1 !== 0x02 || !this.apSelected) return sw(0x6a82);
    if (eq(data, EF_PIN)) this.ef = "pin";
    else if (eq(data, EF_ATTRIBUTES)) this.ef = "attributes";
    else if (eq(data, EF_MY_NUMBER)) this.ef = "myNumber";
    else return sw(0x6a82);
    return sw(0x9000);
  }

  private verify(p1: number, p2: number, pin: Uint8Array | undefined): Uint8Array {
    if (p1 !== 0x00 || p2 !== 0x80) return sw(0x6a86);
    if (this.ef !== "pin") return sw(0x6985);
    if (this.triesLeft === 0) return sw(0x6983);
    if (!pin) return this.verified ? sw(0x9000) : sw(0x63c0 | this.triesLeft);
    if (new TextDecoder().decode(pin) === this.options.pin) {
      this.triesLeft = 3;
      this.verified = true;
      return sw(0x9000);
    }
    this.triesLeft -= 1;
    this.verified = false;
    return sw(0x63c0 | this.triesLeft);
  }

  private readBinary(p1: number, p2: number, le: number): Uint8Array {
    if (le < 0) return sw(0x6700);
    if (this.ef === undefined || this.ef === "pin") return sw(0x6986);
    if (!this.verified) return sw(0x6982);
    const file = this.files[this.ef];
    const offset = ((p1 & 0x7f) << 8) | p2;
    if (offset > file.length) return sw(0x6b00);
    const want = le === 0 ? 256 : le;
    const part = file.subarray(offset, Math.min(file.length, offset + want));
    return withSw(part, part.length < want ? 0x6282 : 0x9000);
  }
}
