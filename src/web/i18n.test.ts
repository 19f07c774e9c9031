import { describe, expect, it } from "vitest";
import { parseLang, translator } from "./i18n";

describe("translator", () => {
  it("gives the Japanese and the English text of a key", () => {
    expect(translator("ja")("auth.signOut")).toBe("サインアウト");
    expect(translator("en")("auth.signOut")).toBe("Sign out");
  });

  it("fills every occurrence of a parameter", () => {
    expect(translator("en")("common.requiredField", { field: "Username" })).toBe("Enter your Username.");
    expect(translator("ja")("auth.accountLocked", { until: "10:15" })).toContain("10:15 以降");
  });
});

describe("parseLang", () => {
  it.each([
    ["ja", "ja"],
    ["en", "en"],
    ["fr", undefined],
    ["EN", "en"],
    ["vi", "vi"],
    ["zh-hans", "zh-Hans"],
    ["", undefined],
    [undefined, undefined],
  ])("reads %j as %j", (value, expected) => {
    expect(parseLang(value)).toBe(expected);
  });
});
