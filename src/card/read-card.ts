import {
  EF_ATTRIBUTES,
  EF_PIN,
  guarded,
  hexSw,
  KENHOJO_AID,
  parseResponse,
  readBinary,
  SW_OK,
  selectAid,
  selectEf,
  type Transmit,
  verify,
} from "./apdu";
import { type CardAttributes, decodeAttributes } from "./attributes";
import { CardError } from "./card.errors";
import { headerLength } from "./tlv";

export interface ReadCardOptions {
  transmit: Transmit;
  /** The 4-digit PIN of the 券面事項入力補助AP, as typed by the resident. */
  pin: string;
}

export interface PinStatusOptions {
  transmit: Transmit;
}

/** 63 Cx: x tries left. */
const triesOf = (sw: number): number | undefined => ((sw & 0xfff0) === 0x63c0 ? sw & 0x0f : undefined);
// 69 83 (authentication method blocked) and 69 84 (reference data not usable): the PIN is locked.
const isLocked = (sw: number) => sw === 0x6983 || sw === 0x6984 || sw === 0x63c0;

async function send(transmit: Transmit, command: Uint8Array) {
  const response = parseResponse(await transmit(command));
  if (!response) throw new CardError("unexpectedStatus", { sw: "----" });
  return response;
}

async function expectOk(transmit: Transmit, command: Uint8Array): Promise<Uint8Array> {
  const { data, sw } = await send(transmit, command);
  if (sw !== SW_OK) throw new CardError("unexpectedStatus", { sw: hexSw(sw) });
  return data;
}

/** SELECT the AP (a card without it is not a My Number card), then its PIN EF. */
async function selectPin(transmit: Transmit): Promise<void> {
  const { sw } = await send(transmit, selectAid(KENHOJO_AID));
  // 6A82 (not found) and 6A86/6D00 from cards that know no such command: another kind of card.
  if (sw === 0x6a82 || sw === 0x6a86 || sw === 0x6d00 || sw === 0x6e00)
    throw new CardError("notMyNumberCard");
  if (sw !== SW_OK) throw new CardError("unexpectedStatus", { sw: hexSw(sw) });
  await expectOk(transmit, selectEf(EF_PIN));
}

/** Tries left before the PIN locks, by an empty VERIFY (which costs no try). */
async function triesLeft(transmit: Transmit): Promise<number> {
  const { sw } = await send(transmit, verify());
  if (isLocked(sw)) throw new CardError("pinLocked");
  const tries = triesOf(sw);
  // 9000 to an empty VERIFY: already verified in this session; a full try count then.
  if (sw === SW_OK) return 3;
  if (tries === undefined) throw new CardError("unexpectedStatus", { sw: hexSw(sw) });
  return tries;
}

/** How many PIN tries the card in the reader has left (without trying one). */
export async function readPinStatus({ transmit }: PinStatusOptions): Promise<{ triesLeft: number }> {
  const safe = guarded(transmit);
  await selectPin(safe);
  return { triesLeft: await triesLeft(safe) };
}

const PIN = /^[0-9]{4}$/;
/** Short READ BINARY: at most 255 bytes asked per command (Le = 00 means 256 only to some cards). */
const CHUNK = 0xff;
/** The container's header is at most FF 20 83 xx xx xx: read 8 bytes to know its length. */
const HEAD = 8;

/** READ BINARY; 62 82 (end of file before Le bytes) still carries the bytes there are. */
async function readPart(transmit: Transmit, offset: number, length: number): Promise<Uint8Array> {
  const { data, sw } = await send(transmit, readBinary(offset, length));
  if (sw === SW_OK || sw === 0x6282) return data;
  throw new CardError("unexpectedStatus", { sw: hexSw(sw) });
}

async function readAttributeFile(transmit: Transmit): Promise<Uint8Array> {
  await expectOk(transmit, selectEf(EF_ATTRIBUTES));
  const head = await readPart(transmit, 0, HEAD);
  const size = headerLength(head);
  if (!size || size.header + size.value > 0x7fff) throw new CardError("malformedData");
  const total = size.header + size.value;
  const file = new Uint8Array(Math.max(total, head.length));
  file.set(head.subarray(0, Math.min(head.length, file.length)));
  let at = Math.min(head.length, total);
  while (at < total) {
    const part = await readPart(transmit, at, Math.min(CHUNK, total - at));
    if (part.length === 0) throw new CardError("malformedData");
    file.set(part.subarray(0, total - at), at);
    at += part.length;
  }
  return file.subarray(0, total);
}

/**
 * Reads the four attributes: SELECT the 券面事項入力補助AP, its PIN EF, an empty VERIFY for the tries
 * left (a locked card is never sent the PIN), VERIFY with the PIN once, SELECT EF 0002 and READ
 * BINARY it. A wrong PIN is `pinWrong` with the tries left and is never retried here. Every command
 * passes the EF 0001 guard. All four attributes, or a CardError.
 */
export async function readCardAttributes(options: ReadCardOptions): Promise<CardAttributes> {
  if (!PIN.test(options.pin)) throw new CardError("pinFormat");
  const transmit = guarded(options.transmit);
  await selectPin(transmit);
  await triesLeft(transmit);
  const { sw } = await send(transmit, verify(new TextEncoder().encode(options.pin)));
  if (isLocked(sw)) throw new CardError("pinLocked");
  const tries = triesOf(sw);
  if (tries !== undefined) throw new CardError("pinWrong", { triesLeft: String(tries) });
  if (sw !== SW_OK) throw new CardError("unexpectedStatus", { sw: hexSw(sw) });
  return decodeAttributes(await readAttributeFile(transmit));
}
