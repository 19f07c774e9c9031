import { describe, expect, it } from "vitest";
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from "./password";

describe("hashPassword and verifyPassword", () => {
  it("store an argon2id hash that verifies the password and nothing else", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salt each hash, so the same password hashes differently", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("answer false rather than throw for a stored value that is not a hash", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("keep one dummy hash for unknown users, which verifies no guess", async () => {
    const hash = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(hash);
    expect(await verifyPassword(hash, "")).toBe(false);
  });
});

describe("generatePassword", () => {
  it("makes 20 characters from an alphabet without look-alikes by default", () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    }
  });

  it("makes the length asked for", () => {
    expect(generatePassword(32)).toHaveLength(32);
  });

  it("never repeats itself", () => {
    const seen = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(seen.size).toBe(200);
  });
});
