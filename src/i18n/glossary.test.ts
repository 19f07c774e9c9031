import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "./catalogues";
import { LOCALE_CODES, LOCALES_DIR, STAFF_LOCALES } from "./locales";
import { residentKeys } from "./resident-keys";

interface Glossary {
  terms: ({ ja: string } & Record<string, string>)[];
}
const glossary = JSON.parse(readFileSync(join(LOCALES_DIR, "glossary.json"), "utf8")) as Glossary;

describe("the glossary", () => {
  it("names each term in every language", () => {
    for (const term of glossary.terms)
      for (const code of LOCALE_CODES) expect(term[code], `${term.ja} in ${code}`).toBeTruthy();
  });

  it("is followed by every message a resident reads whose Japanese uses a term", () => {
    // Resident languages are read by residents only; in English, the resident-facing keys.
    const ja = OWN_CATALOGUES.ja ?? {};
    const resident = new Set(residentKeys(Object.keys(ja)));
    const misses: string[] = [];
    for (const code of LOCALE_CODES) {
      if (code === "ja") continue;
      for (const [key, message] of Object.entries(OWN_CATALOGUES[code] ?? {})) {
        if (STAFF_LOCALES.includes(code) && !resident.has(key)) continue;
        for (const term of glossary.terms) {
          const wanted = term[code] as string;
          if ((ja[key] ?? "").includes(term.ja) && !message.toLowerCase().includes(wanted.toLowerCase()))
            misses.push(`${code} ${key}: “${wanted}” expected for ${term.ja} in “${message}”`);
        }
      }
    }
    expect(misses).toEqual([]);
  });
});
