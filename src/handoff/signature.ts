import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signature of an HTTP delivery: HMAC-SHA256 with the destination's shared secret over
 * `${timestamp}.${body}`, where timestamp is the X-Madoguchi-Timestamp header (Unix seconds) and body
 * the exact bytes sent. Sent as `X-Madoguchi-Signature: v1=<hex>`. Used by the sender and by the
 * reference receiver, and specified in docs/handoff.md for vendors.
 */
export const KEY_HEADER = "idempotency-key";
export const TIMESTAMP_HEADER = "x-madoguchi-timestamp";
export const SIGNATURE_HEADER = "x-madoguchi-signature";
/** A secret shorter than this is refused at start: it would be guessable. */
export const MIN_SECRET_LENGTH = 32;

export function signBody(secret: string, timestamp: number, body: Uint8Array | string): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `v1=${mac.digest("hex")}`;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

/**
 * Checks a delivery's signature against any of the receiver's secrets (two during a rotation), in
 * constant time, and refuses a timestamp more than `toleranceSeconds` away from `now`, so a captured
 * request cannot be replayed later.
 */
export function verifySignature(options: {
  secrets: readonly string[];
  timestamp: string | undefined | null;
  signature: string | undefined | null;
  body: Uint8Array;
  now: Date;
  toleranceSeconds: number;
}): SignatureCheck {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  const sent = /^v1=([0-9a-f]{64})$/.exec(signature.trim())?.[1];
  if (!sent) return { ok: false, reason: "malformed" };
  const seconds = Number(timestamp);
  if (Math.abs(options.now.getTime() / 1000 - seconds) > options.toleranceSeconds) {
    return { ok: false, reason: "stale" };
  }
  const given = Buffer.from(sent, "hex");
  let match = false;
  for (const secret of options.secrets) {
    const expected = Buffer.from(signBody(secret, seconds, options.body).slice(3), "hex");
    // Every secret is compared, so the time taken does not tell which one matched.
    if (timingSafeEqual(expected, given)) match = true;
  }
  return match ? { ok: true } : { ok: false, reason: "mismatch" };
}
