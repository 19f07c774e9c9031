/**
 * 個人番号（マイナンバー） in free text. Nobody may type one into a field this system stores: a found
 * number refuses the whole input, with the message `common.myNumberRefused`.
 *
 * A 個人番号 is 11 digits and a check digit (番号法施行令 第8条):
 *   check = 11 − (Σ_{n=1}^{11} Pn × Qn mod 11), or 0 when the remainder is 0 or 1,
 * where Pn is the n-th digit counted from the right of the first 11 (P1 is the 11th digit) and
 * Qn = n + 1 for 1 ≤ n ≤ 6, n − 5 for 7 ≤ n ≤ 11.
 *
 * In text (after NFKC, so full-width digits and spaces count as their ASCII forms) a number is found as
 *  - a run of exactly 12 digits with no digit either side ("ID123456789018" counts; a 13-digit run does not);
 *  - three groups of 4 digits separated by spaces or hyphens of any kind ("1234-5678-9018", "1234 5678 9018").
 * Either is refused only when its check digit is right, so other 12-digit numbers pass.
 */

/** Whether 12 ASCII digits are a valid 個人番号 (the check digit of 番号法施行令 第8条). */
export function isMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(digits[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

// Hyphens and dashes people type between groups (NFKC leaves most of these as they are).
const separator = "[\\s\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF0D\uFF70]+";
const plainRun = /(?<!\d)\d{12}(?!\d)/g;
const grouped = new RegExp(`(?<!\\d)(\\d{4})${separator}(\\d{4})${separator}(\\d{4})(?!\\d)`, "g");

/** Whether the text holds a valid 12-digit 個人番号, written plainly, in full width or in groups of 4. */
export function containsMyNumber(text: string): boolean {
  if (typeof text !== "string" || text === "") return false;
  const normal = text.normalize("NFKC");
  for (const match of normal.matchAll(plainRun)) if (isMyNumber(match[0])) return true;
  for (const match of normal.matchAll(grouped)) {
    if (isMyNumber(`${match[1]}${match[2]}${match[3]}`)) return true;
  }
  return false;
}

/** Whether any string in a value (an answer, a list, an object of answers by member) holds a 個人番号. */
export function anyMyNumber(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return containsMyNumber(value);
  if (typeof value === "number") return Number.isInteger(value) && containsMyNumber(String(value));
  if (depth > 8 || typeof value !== "object" || value === null) return false;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((item) => anyMyNumber(item, depth + 1));
}

/** The message code of the refusal (locales/<lang>/common.json, every resident language). */
export const myNumberRefused = "common.myNumberRefused";

/** The refusal in Japanese and English, for checks that word their message as "日本語 / English". */
export const myNumberRefusedText =
  "個人番号（マイナンバー）は入力できません。番号を消してから送信してください / Do not enter a My Number (個人番号): remove the number and send again";
