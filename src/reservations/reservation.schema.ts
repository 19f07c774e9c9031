import { createHash, randomBytes, randomInt } from "node:crypto";
import { z } from "zod";
import { AppError, type Problem } from "../shared/errors";
import { containsMyNumber, myNumberRefused } from "../shared/my-number";

/** The manage link's token: 32 URL-safe characters, stored only as its SHA-256. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
/** The code typed or scanned at the kiosk: 8 digits. */
export const CODE_PATTERN = /^\d{8}$/;

export const newToken = (): string => randomBytes(24).toString("base64url");
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
export const newCode = (): string => String(randomInt(0, 100_000_000)).padStart(8, "0");

/** A code as people type it: full-width digits, spaces and dashes allowed. */
export function normaliseCode(input: string): string {
  return input.normalize("NFKC").replace(/[\s\-－‐]/g, "");
}

/** Who comes: a name (any script), optionally kana, a phone number and an e-mail address. */
export const personSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kana: z.string().trim().max(100).optional(),
  phone: z
    .string()
    .trim()
    .max(20)
    .regex(/^[0-9+\-() ]*$/)
    .optional(),
  email: z.string().trim().max(254).optional(),
});
export type Person = z.infer<typeof personSchema>;

const emailShape = z.email();

/**
 * The person's fields checked and cleaned: empty optional fields dropped, and a 12-digit 個人番号
 * refused in every free-text field (never stored, never echoed).
 */
export function checkPerson(raw: Partial<Record<keyof Person, string | undefined>>): Person {
  const problems: Problem[] = [];
  const clean = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  const person = {
    name: (raw.name ?? "").trim(),
    kana: clean(raw.kana),
    phone: clean(raw.phone),
    email: clean(raw.email),
  };
  for (const field of ["name", "kana", "phone", "email"] as const) {
    const value = person[field];
    if (value && containsMyNumber(value)) problems.push({ path: field, code: myNumberRefused });
  }
  if (problems.length === 0) {
    const parsed = personSchema.safeParse(person);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push({
          path: String(issue.path[0] ?? ""),
          code: `reservations.field.${String(issue.path[0])}`,
        });
    if (person.email && !emailShape.safeParse(person.email).success)
      problems.push({ path: "email", code: "reservations.field.email" });
  }
  if (problems.length > 0) throw new AppError("VALIDATION", problems);
  return Object.fromEntries(Object.entries(person).filter(([, v]) => v !== undefined)) as Person;
}
