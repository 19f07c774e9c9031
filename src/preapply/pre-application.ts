import { createHash, randomBytes } from "node:crypto";
import { todayInJapan } from "../shared/dates";

/**
 * A pre-application (事前入力): a household and event a resident entered at home, waiting for the
 * counter. Pure: states, transitions, the token and the short code. No I/O.
 *
 * draft → submitted → consumed | expired | withdrawn. The draft lives only in the resident's browser
 * (the form posts back to itself); the stored row starts at `submitted`, so nothing is kept before the
 * resident has read the privacy notice and pressed 送信.
 */
export const preApplicationStates = ["draft", "submitted", "consumed", "expired", "withdrawn"] as const;
export type PreApplicationState = (typeof preApplicationStates)[number];

const allowed: Record<PreApplicationState, readonly PreApplicationState[]> = {
  draft: ["submitted"],
  submitted: ["consumed", "expired", "withdrawn"],
  consumed: [],
  expired: [],
  withdrawn: [],
};

export type TransitionResult =
  | { ok: true; to: PreApplicationState }
  | { ok: false; from: PreApplicationState; to: PreApplicationState };

/** Whether a pre-application may move from one state to another; the end states never move. */
export function transition(from: PreApplicationState, to: PreApplicationState): TransitionResult {
  return allowed[from].includes(to) ? { ok: true, to } : { ok: false, from, to };
}

/** The state as the clock sees it: a submitted entry past its expiry is expired, purged or not yet. */
export function effectiveState(
  row: { state: PreApplicationState; expiresAt: Date },
  now: Date,
): PreApplicationState {
  return row.state === "submitted" && row.expiresAt.getTime() <= now.getTime() ? "expired" : row.state;
}

/** The default life of a pre-application, in days, when the municipality sets none. */
export const DEFAULT_PRE_APPLICATION_DAYS = 14;

/** The moment a pre-application submitted at `now` expires: the end of its last day, in Japan. */
export function expiryOf(now: Date, days: number): Date {
  // The resident reads "until 4月20日（月）": the whole of that day counts, to 23:59:59 in Japan.
  const endOfToday = new Date(`${todayInJapan(now)}T23:59:59+09:00`);
  return new Date(endOfToday.getTime() + days * 86_400_000);
}

/** 256 random bits, URL-safe: the key the QR carries (in the URL of the resident's page). */
export const newToken = (): string => randomBytes(32).toString("base64url");
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Crockford base32 without I, L, O, U: what people can read out and type without confusion. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;

/**
 * The short code to read out or type: 10 Crockford characters (50 bits) taken from a one-way hash of
 * the token, so the resident's page (which has the token in its URL) can show it again while the
 * database keeps only its hash, and the token cannot be found from the code. Guessing a code needs a
 * staff session of the municipality, and every lookup is audited; see docs/pre-application.md.
 */
export function shortCodeOf(token: string): string {
  const digest = createHash("sha256").update(`madoguchi-preapply-short:${token}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD[Number((bits >> BigInt(51 - 5 * i)) & 31n)];
  return code;
}

/** 「ABCDE-FGHJK」: the code as shown, in two groups of five. */
export const groupCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

/**
 * A code as people type it: case, spaces, hyphens, full-width characters, and the letters Crockford
 * reads as digits (O → 0, I and L → 1). `undefined` when it cannot be a code.
 */
export function normalizeShortCode(input: string): string | undefined {
  const text = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−ー－]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (text.length !== CODE_LENGTH) return undefined;
  for (const ch of text) if (!CROCKFORD.includes(ch)) return undefined;
  return text;
}

export const hashToken = (token: string): string =>
  createHash("sha256").update(`madoguchi-preapply-token:${token}`).digest("hex");
export const hashShortCode = (code: string): string =>
  createHash("sha256").update(`madoguchi-preapply-code:${code}`).digest("hex");

/** What the counter's field received: the QR's URL or token (a USB scanner types it), or a short code. */
export type CodeInput = { kind: "token"; hash: string } | { kind: "code"; hash: string };

/** Reads the counter field: a URL ending in `/pre-apply/t/<token>`, a bare token, or a short code. */
export function readCodeInput(input: string): CodeInput | undefined {
  const text = input.normalize("NFKC").trim();
  if (text === "" || text.length > 500) return undefined;
  const fromUrl = /\/pre-apply\/t\/([A-Za-z0-9_-]{43})(?:[/?#]|$)/.exec(text)?.[1];
  const token = fromUrl ?? (TOKEN.test(text) ? text : undefined);
  if (token) return { kind: "token", hash: hashToken(token) };
  const code = normalizeShortCode(text);
  return code ? { kind: "code", hash: hashShortCode(code) } : undefined;
}

/**
 * How many facts the resident typed that staff would otherwise ask: every non-empty value of the
 * household (the event's and the members' fields, the filer, the answers), ids not counted.
 */
export function enteredFieldCount(value: unknown, key = ""): number {
  if (key === "id" || key === "member") return 0;
  if (value === null || value === undefined || value === "" || value === false) return 0;
  if (Array.isArray(value))
    return value.length === 0
      ? 0
      : value.every((v) => typeof v !== "object")
        ? 1
        : value.reduce((n: number, v) => n + enteredFieldCount(v), 0);
  if (typeof value === "object")
    return Object.entries(value).reduce((n, [k, v]) => n + enteredFieldCount(v, k), 0);
  return 1;
}
