import { describe, expect, it } from "vitest";
import { createTotpSecret, currentTotp, totpStep, totpUri, verifyTotp } from "./totp";

const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const at = Date.parse("2026-04-01T09:00:00+09:00");

describe("TOTP", () => {
  it("makes a new base32 secret of 160 bits each time", () => {
    const a = createTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(createTotpSecret()).not.toBe(a);
  });

  it("accepts the current code, with spaces typed in it", () => {
    const code = currentTotp(secret, at);
    expect(code).toMatch(/^\d{6}$/);
    expect(verifyTotp(secret, code, at)).toBe(true);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(true);
  });

  it("accepts the code of the period before or after, for clocks a little apart", () => {
    expect(verifyTotp(secret, currentTotp(secret, at - 30_000), at)).toBe(true);
    expect(verifyTotp(secret, currentTotp(secret, at + 30_000), at)).toBe(true);
  });

  it("tells which time step a code belongs to, so that a used step can be refused later", () => {
    const step = Math.floor(at / 30_000);
    expect(totpStep(secret, currentTotp(secret, at), at)).toBe(step);
    expect(totpStep(secret, currentTotp(secret, at - 30_000), at)).toBe(step - 1);
    expect(totpStep(secret, currentTotp(secret, at + 30_000), at)).toBe(step + 1);
    expect(totpStep(secret, currentTotp(secret, at - 60_000), at)).toBeNull();
  });

  it("refuses a code two periods old", () => {
    expect(verifyTotp(secret, currentTotp(secret, at - 60_000), at)).toBe(false);
  });

  it.each(["", "12345", "1234567", "abcdef", "12 34 5"])("refuses %j, which is not six digits", (code) => {
    expect(verifyTotp(secret, code, at)).toBe(false);
  });

  it("refuses the code of another secret", () => {
    const other = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(verifyTotp(other, currentTotp(other, at), at)).toBe(true);
    expect(verifyTotp(secret, currentTotp(other, at), at)).toBe(false);
  });

  it("describes the secret as an otpauth URI an authenticator app can scan", () => {
    const uri = totpUri(secret, "kumamoto-admin");
    expect(uri.startsWith("otpauth://totp/")).toBe(true);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=Madoguchi");
    expect(uri).toContain("kumamoto-admin");
  });
});
