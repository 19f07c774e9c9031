// ISO/IEC 7816-4 command APDUs for the My Number card's 券面事項入力補助AP (sources: docs/card.md).
// Only the commands this project needs, and a guard that keeps one file out of reach: EF 0001, the
// 個人番号, which the same PIN opens. The card does not stop a reader from reading it; our code does.

/** 券面事項入力補助AP (Kenhojo AP). */
export const KENHOJO_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);
/** EF 0011: the 4-digit PIN of the AP. */
export const EF_PIN = Uint8Array.of(0x00, 0x11);
/** EF 0002: the four attributes (name, address, birth date, sex) as BER-TLV. */
export const EF_ATTRIBUTES = Uint8Array.of(0x00, 0x02);
/** EF 0001 holds the 個人番号. Named here only so that the guard can refuse it. */
export const EF_MY_NUMBER = Uint8Array.of(0x00, 0x01);

export type Transmit = (command: Uint8Array) => Promise<Uint8Array>;

export interface Response {
  data: Uint8Array;
  sw: number;
}

const bytes = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** SELECT by DF name (AID), no response data (P2 = 0C). */
export const selectAid = (aid: Uint8Array): Uint8Array => bytes([0x00, 0xa4, 0x04, 0x0c, aid.length], aid);
/** SELECT an EF by its identifier under the current DF (P1 = 02, P2 = 0C). */
export const selectEf = (ef: Uint8Array): Uint8Array => bytes([0x00, 0xa4, 0x02, 0x0c, ef.length], ef);
/** VERIFY the current PIN EF; with no PIN it only asks how many tries are left (63 Cx). */
export const verify = (pin?: Uint8Array): Uint8Array =>
  pin ? bytes([0x00, 0x20, 0x00, 0x80, pin.length], pin) : Uint8Array.of(0x00, 0x20, 0x00, 0x80);
/** READ BINARY of the current EF at `offset`, `length` bytes (1–256; 256 is written Le = 00). */
export const readBinary = (offset: number, length: number): Uint8Array =>
  Uint8Array.of(0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, length & 0xff);

/** Splits a response APDU into its data and status word; fewer than 2 bytes is no answer at all. */
export function parseResponse(response: Uint8Array): Response | undefined {
  if (response.length < 2) return undefined;
  const n = response.length;
  return {
    data: response.subarray(0, n - 2),
    sw: ((response[n - 2] as number) << 8) | (response[n - 1] as number),
  };
}

export const SW_OK = 0x9000;
export const hexSw = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, "0");

/** Whether a command APDU selects EF 0001 (by file id under the current DF, or by a path ending in it). */
export function selectsMyNumber(command: Uint8Array): boolean {
  if (command.length < 5 || command[1] !== 0xa4) return false;
  const p1 = command[2];
  const lc = command[4] as number;
  const data = command.subarray(5, 5 + lc);
  if (p1 === 0x00 || p1 === 0x02) return data.length === 2 && data[0] === 0x00 && data[1] === 0x01;
  // Paths (P1 = 08 from MF, 09 from the current DF) end with the file's id.
  if (p1 === 0x08 || p1 === 0x09) return data.length >= 2 && data.at(-2) === 0x00 && data.at(-1) === 0x01;
  return false;
}

export class MyNumberFileRefused extends Error {
  constructor() {
    super("Refused: a command selecting EF 0001 (個人番号) was about to be sent");
    this.name = "MyNumberFileRefused";
  }
}

/**
 * Wraps a transport so that no command selecting EF 0001 ever leaves this process: every read of
 * the card goes through it. Throws before sending (a programming error, not a card failure).
 */
export function guarded(transmit: Transmit): Transmit {
  return async (command) => {
    if (selectsMyNumber(command)) throw new MyNumberFileRefused();
    return transmit(command);
  };
}
