import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "../i18n/catalogues";
import { translator } from "../i18n/translate";
import { message, registryCodes } from "./registry.errors";

describe("the registry's codes", () => {
  it.each(registryCodes)("%s has text in Japanese and in English", (code) => {
    expect(OWN_CATALOGUES.ja?.[code], "ja").toBeTruthy();
    expect(OWN_CATALOGUES.en?.[code], "en").toBeTruthy();
  });

  it("words a field named by its code in each language, and prints line numbers as written", () => {
    const tooLong = message("tooLong", { field: "detail", max: "200" });
    expect(translator("ja").message(tooLong)).toBe("詳細は200文字以内で入力してください。");
    expect(translator("en").message(tooLong)).toBe("The details must be 200 characters or fewer.");
    const duplicate = message("importDuplicateResident", { residentNo: "G1", line: "12345" });
    expect(translator("ja").message(duplicate)).toBe("住民番号「G1」が重複しています（12345行目と同じ）。");
    const empty = message("csvEmpty", { column: "kana" });
    expect([translator("ja").message(empty), translator("en").message(empty)]).toEqual([
      "フリガナが空です。",
      "kana is empty.",
    ]);
  });
});
