// EF 0002 of the 券面事項入力補助AP → the four attributes. The file is one BER-TLV container FF20
// holding DF21 (a header of 2-byte offsets), DF22 氏名, DF23 住所, DF24 生年月日 (YYYYMMDD) and DF25
// 性別 (1 male, 2 female; ISO 5218 codes), each UTF-8 (sources in docs/card.md). The text is kept
// exactly as the card encodes it: a character outside the BMP (𠮷) is a 4-byte sequence, an IVS is
// the base character followed by its selector (U+E0100…), and neither is normalised away. Characters
// the card can only write in the Private Use Area (a municipality's own 外字) are kept and flagged.

import { CardError } from "./card.errors";
import { readFirst, type Tlv, TlvError } from "./tlv";

export type CardSex = "male" | "female" | "other";

export interface CardAttributes {
  name: string;
  address: string;
  /** ISO date YYYY-MM-DD. */
  birthDate: string;
  sex: CardSex;
  /** The name or address holds Private Use Area characters (外字 no standard code maps). */
  privateUse: boolean;
}

const sexCodes: Record<string, CardSex> = { "1": "male", "2": "female", "3": "other", "9": "other" };
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u;
// A name or address never holds a C0 or C1 control character; a card that sends one is broken.
const hasControl = (s: string) =>
  [...s].some((ch) => {
    const cp = ch.codePointAt(0) as number;
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
  });

const malformed = (): CardError => new CardError("malformedData");

function text(field: Tlv | undefined, max: number): string {
  if (!field || field.constructed) throw malformed();
  let value: string;
  try {
    value = utf8.decode(field.value);
  } catch {
    throw malformed();
  }
  // Some issuers pad a field with spaces; the value itself never starts or ends with one.
  value = value.replace(/^[ \u3000]+|[ \u3000]+$/g, "");
  if (!value || value.length > max || hasControl(value)) throw malformed();
  return value;
}

function birthDateOf(raw: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) throw malformed();
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d)
  )
    throw malformed();
  return `${y}-${mo}-${d}`;
}

/**
 * Decodes the attribute file. All four attributes or a CardError `malformedData`: never part of a
 * record. Trailing bytes after the container (the EF's unused space, 00 or FF) are ignored.
 */
export function decodeAttributes(file: Uint8Array): CardAttributes {
  let container: Tlv;
  try {
    container = readFirst(file).tlv;
  } catch (error) {
    if (error instanceof TlvError) throw malformed();
    throw error;
  }
  if (container.tag !== "FF20" || !container.constructed) throw malformed();
  const byTag = new Map<string, Tlv>();
  for (const child of container.children) {
    if (byTag.has(child.tag)) throw malformed();
    byTag.set(child.tag, child);
  }
  const header = byTag.get("DF21");
  if (!header || header.value.length % 2 !== 0) throw malformed();
  const name = text(byTag.get("DF22"), 200);
  const address = text(byTag.get("DF23"), 400);
  const birthDate = birthDateOf(text(byTag.get("DF24"), 8));
  const sex = sexCodes[text(byTag.get("DF25"), 1)];
  if (!sex) throw malformed();
  return { name, address, birthDate, sex, privateUse: PRIVATE_USE.test(name) || PRIVATE_USE.test(address) };
}
