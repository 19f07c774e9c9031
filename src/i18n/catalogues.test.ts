import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { afterAll, describe, expect, it } from "vitest";
import { missingKeys, OWN_CATALOGUES, strayKeys, useLocalesDir } from "./catalogues";
import { LANGUAGES, LOCALE_CODES, LOCALES_DIR, parseLocale, STAFF_LOCALES } from "./locales";
import { residentKeys } from "./resident-keys";
import { translator } from "./translate";

/** The argument names a message uses (`{name}`, `{n, plural, …}` and those nested in its branches). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type !== TYPE.literal && e.type !== TYPE.pound && e.type !== TYPE.tag) into.add(e.value);
    if ("options" in e)
      for (const option of Object.values(e.options))
        argumentsOf(option.value as MessageFormatElement[], into);
  }
  return into;
}

describe("message catalogues", () => {
  it("has the six languages, Japanese and English for staff", () => {
    expect(LOCALE_CODES).toEqual(["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"]);
    expect(STAFF_LOCALES).toEqual(["ja", "en"]);
    expect(LANGUAGES.map((l) => l.name)).toEqual([
      "日本語",
      "やさしい日本語",
      "English",
      "中文",
      "한국어",
      "Tiếng Việt",
    ]);
  });

  it("has no module file in any language that Japanese lacks, and no key that Japanese lacks", () => {
    const modules = new Set(readdirSync(join(LOCALES_DIR, "ja")));
    for (const code of LOCALE_CODES) {
      for (const file of readdirSync(join(LOCALES_DIR, code)))
        expect(modules, `${code}/${file}`).toContain(file);
      expect(strayKeys(code), code).toEqual([]);
    }
  });

  it("gives staff languages every key", () => {
    for (const code of STAFF_LOCALES) expect(missingKeys(code), code).toEqual([]);
  });

  it("gives every resident language every key a resident page shows", () => {
    const resident = residentKeys(Object.keys(OWN_CATALOGUES.ja ?? {}));
    expect(resident.length).toBeGreaterThan(50);
    for (const code of LOCALE_CODES) {
      const missing = missingKeys(code).filter((key) => resident.includes(key));
      expect(missing, `${code} lacks resident-facing keys`).toEqual([]);
    }
  });

  it("lists, per language, the staff-only keys that read in Japanese", () => {
    // Not a failure: staff pages are offered in ja and en only; this is the fallback list a city reads.
    const list = Object.fromEntries(LOCALE_CODES.map((code) => [code, missingKeys(code).length]));
    console.info("keys that fall back to Japanese:", list);
    expect(list.ja).toBe(0);
  });

  it("parses every message as ICU MessageFormat, using only arguments the code passes", () => {
    // The Japanese and English messages are written with the code, so their arguments are what the code
    // passes; a translation may leave one out (Japanese needs no plural count) but never invent one,
    // which would fail at run time.
    const ja = OWN_CATALOGUES.ja ?? {};
    const en = OWN_CATALOGUES.en ?? {};
    const args = (message: string | undefined) => argumentsOf(parse(message ?? "", { ignoreTag: true }));
    const failures: string[] = [];
    for (const code of LOCALE_CODES) {
      for (const [key, message] of Object.entries(OWN_CATALOGUES[code] ?? {})) {
        try {
          const passed = new Set([...args(ja[key]), ...args(en[key])]);
          const unknown = [...args(message)].filter((name) => !passed.has(name));
          if (unknown.length > 0) failures.push(`${code} ${key}: {${unknown}} is not passed by the code`);
        } catch (error) {
          failures.push(`${code} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("never shows a key: a missing translation reads in Japanese, an unknown code as the generic error", () => {
    const ja = translator("ja");
    const vi = translator("vi");
    expect(vi.message({ code: "nowhere.toBeFound" })).toBe(vi("common.errorLead"));
    expect(vi("common.errorLead")).not.toBe(ja("common.errorLead"));
    expect(translator("xx-unknown").locale).toBe("ja");
    expect(translator("en")("common.invalidInput", { detail: "x" })).toBe("Invalid input: x");
  });

  it("formats plurals, dates and numbers through Intl in the reader's language", () => {
    const en = translator("en");
    expect(en("common.errorTitlePrefix", { title: "Oops" })).toBe("Error: Oops");
    expect(parseLocale("ZH-hans")).toBe("zh-Hans");
    expect(parseLocale("fr")).toBeUndefined();
  });
});

describe("a new language is a catalogue folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "madoguchi-locales-"));
  afterAll(() => {
    useLocalesDir(LOCALES_DIR);
    rmSync(dir, { recursive: true, force: true });
  });

  it("is offered and read once its folder exists, with Japanese for what it lacks", () => {
    cpSync(LOCALES_DIR, dir, { recursive: true });
    mkdirSync(join(dir, "fr"));
    writeFileSync(
      join(dir, "fr", "language.json"),
      JSON.stringify({ name: "Français", intl: "fr", audience: "resident", order: 7 }),
    );
    writeFileSync(join(dir, "fr", "common.json"), JSON.stringify({ skipToContent: "Aller au contenu" }));
    useLocalesDir(dir);
    expect(LOCALE_CODES).toContain("fr");
    expect(parseLocale("fr")).toBe("fr");
    const fr = translator("fr");
    expect(fr("common.skipToContent")).toBe("Aller au contenu");
    expect(fr("common.backToHome")).toBe(
      JSON.parse(readFileSync(join(dir, "ja", "common.json"), "utf8")).backToHome,
    );
    expect(missingKeys("fr")).toContain("common.backToHome");
  });
});
