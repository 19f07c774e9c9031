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

/** Accepts the current code and one period either side, for clocks a little apart. */
export function verifyTotp(secret: string, code: string, now = Date.now()): boolean {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  return totp(secret, "verify").validate({ token, timestamp: now, window: 1 }) !== null;
}

export const currentTotp = (secret: string, now = Date.now()): string =>
  totp(secret, "generate").generate({ timestamp: now });
