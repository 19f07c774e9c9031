import { Secret, TOTP } from "otpauth";

export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: "Madoguchi",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export const totpUri = (secret: string, label: string): string => totp(secret, label).toString();

const PERIOD_MS = 30_000;

/**
 * The time step (Unix time / 30 s) whose code this is, accepting the current step and one either side
 * for clocks a little apart; null when the code matches none of them.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret, "verify").validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}

/** Accepts the current code and one period either side, for clocks a little apart. */
export function verifyTotp(secret: string, code: string, now = Date.now()): boolean {
  return totpStep(secret, code, now) !== null;
}

export const currentTotp = (secret: string, now = Date.now()): string =>
  totp(secret, "generate").generate({ timestamp: now });
