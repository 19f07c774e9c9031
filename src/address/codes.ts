/**
 * The codes people type at a counter, read the way they write them: full-width digits, a leading 〒, any
 * of the dashes a Japanese keyboard offers, spaces. Each reader returns the bare digits, or null when the
 * input is not such a code (the caller says "malformed"; an unknown but well-formed code is another matter).
 */

// Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en and em dashes, horizontal bar, minus sign,
// the katakana prolonged sound mark (typed for a dash in kana mode) and its half-width form.
const DASHES = /[\u002D\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF70]/g;

// Far longer than any way of writing a code: not worth normalising.
const MAX_INPUT = 32;

function normalise(input: string): string | null {
  if (input.length > MAX_INPUT) return null;
  return input.normalize("NFKC").replace(DASHES, "-").replace(/\s+/g, "");
}

/** "860-0806", "８６０－０８０６", "〒860 0806", "8600806" → "8600806"; null when not 3 + 4 digits. */
export function readPostalCode(input: string): string | null {
  const s = normalise(input)?.replace(/^〒/, "");
  const match = s ? /^(\d{3})-?(\d{4})$/.exec(s) : null;
  return match ? `${match[1]}${match[2]}` : null;
}

/** "8600806" → "860-0806", the way it is printed. */
export const formatPostalCode = (digits: string): string => `${digits.slice(0, 3)}-${digits.slice(3)}`;

/** A 金融機関コード: 4 digits ("0001", "０００１"); null otherwise. */
export function readBankCode(input: string): string | null {
  const s = normalise(input);
  return s && /^\d{4}$/.test(s) ? s : null;
}

/** A 支店コード (for ゆうちょ銀行, the 店番): 3 digits; null otherwise. */
export function readBranchCode(input: string): string | null {
  const s = normalise(input);
  return s && /^\d{3}$/.test(s) ? s : null;
}
