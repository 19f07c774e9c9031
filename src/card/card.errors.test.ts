import { describe, expect, it } from "vitest";
import { LOCALE_CODES } from "../i18n/locales";
import { translator } from "../i18n/translate";
import { cardReasons } from "./card.errors";

describe("the card's refusals", () => {
  it.each(LOCALE_CODES)("each have a sentence in %s, without the code in it", (locale) => {
    const t = translator(locale);
    for (const reason of cardReasons) {
      const text = t.message({ code: `card.${reason}`, params: { triesLeft: 2, sw: "6F00" } });
      expect(text, reason).not.toContain("card.");
      expect(text.length, reason).toBeGreaterThan(5);
    }
  });

  it("say the tries left after a wrong PIN in Japanese and English", () => {
    expect(translator("ja").message({ code: "card.pinWrong", params: { triesLeft: 1 } })).toContain(
      "あと1回",
    );
    expect(translator("en").message({ code: "card.pinWrong", params: { triesLeft: 1 } })).toContain(
      "After 1 more wrong try",
    );
  });
});
