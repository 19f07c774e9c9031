import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE } from "../shared/locale";
import { LOCALE_CODES, LOCALES_DIR } from "./locales";

describe("locales/REVIEW.md", () => {
  it("lists every catalogue of every language other than Japanese, so a city knows what to check", () => {
    const review = readFileSync(join(LOCALES_DIR, "REVIEW.md"), "utf8");
    const rows = new Set(
      [...review.matchAll(/^\| ([^|]+?) \| ([^|]+?) \|/gm)].map((m) => `${m[1]?.trim()}/${m[2]?.trim()}`),
    );
    const missing: string[] = [];
    for (const code of LOCALE_CODES) {
      if (code === DEFAULT_LOCALE) continue;
      for (const file of readdirSync(join(LOCALES_DIR, DEFAULT_LOCALE))) {
        if (file === "language.json") continue;
        const row = `${code}/${file.replace(/\.json$/, "")}`;
        if (!rows.has(row)) missing.push(row);
      }
    }
    expect(missing).toEqual([]);
  });
});
