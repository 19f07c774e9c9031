import { describe, expect, it } from "vitest";
import { addressKey, isKanaKey, nameKey, queryGrams, searchGrams, splitAddress } from "./name-key";

describe("nameKey", () => {
  it.each([
    ["髙橋　一郎", "高橋一郎"],
    ["山﨑 花子", "山崎花子"],
    ["\u{20BB7}田 太郎", "吉田太郎"],
    ["渡邉", "渡辺"],
    ["渡邊", "渡辺"],
    ["齋藤", "斎藤"],
    ["齊藤", "斎藤"],
    ["斉藤", "斎藤"],
    ["澤田", "沢田"],
    ["國武", "国武"],
    ["濵田", "浜田"],
    ["濱田", "浜田"],
    ["櫻井", "桜井"],
    ["廣田", "広田"],
    ["嶋田", "島田"],
    ["德永", "徳永"],
    ["瀨戸", "瀬戸"],
    ["葛\u{E0100}西", "葛西"],
    ["辻\uFE00", "辻"],
    ["タカハシ　イチロウ", "たかはしいちろう"],
    ["ﾀｶﾊｼ ｲﾁﾛｳ", "たかはしいちろう"],
    ["たかはし", "たかはし"],
    ["スーパー", "すーぱー"],
    ["ヂヅ", "じず"],
    ["ＳＭＩＴＨ　ＪＯＨＮ", "smithjohn"],
    ["スミス・ジョン", "すみすじょん"],
    ["神", "神"],
  ])("folds %s to %s", (input, key) => {
    expect(nameKey(input)).toBe(key);
  });

  it("gives a registered rare form and its common form the same key, so either finds the other", () => {
    expect(nameKey("髙橋")).toBe(nameKey("高橋"));
    expect(nameKey("タカハシ")).toBe(nameKey("たかはし"));
  });

  it("says whether a key is kana only (then it is looked up among フリガナ)", () => {
    expect(isKanaKey(nameKey("タカハシ"))).toBe(true);
    expect(isKanaKey(nameKey("すーぱー"))).toBe(true);
    expect(isKanaKey(nameKey("高橋"))).toBe(false);
    expect(isKanaKey(nameKey("さくら子"))).toBe(false);
  });
});

describe("searchGrams", () => {
  it("cuts keys into overlapping two- and three-character pieces, without duplicates, astral characters whole", () => {
    expect(searchGrams("たかはし")).toEqual(["たか", "たかは", "かは", "かはし", "はし"]);
    expect(searchGrams("吉田", "よしだ")).toEqual(["吉田", "よし", "よしだ", "しだ"]);
    expect(searchGrams("林")).toEqual(["林"]);
    expect(searchGrams("\u{20BB7}田")).toEqual(["\u{20BB7}田"]);
    expect(searchGrams("\u{20BB7}田よ")).toEqual(["\u{20BB7}田", "\u{20BB7}田よ", "田よ"]);
  });

  it.each([
    ["林", []],
    ["ゆう", ["ゆう"]],
    ["ゆうこ", ["ゆうこ"]],
    ["たかはし", ["たかは", "かはし"]],
    ["わたなべゆうこ", ["わたな", "べゆう", "ゆうこ"]],
  ])("looks %s up by pieces every stored key containing it has: %o", (key, grams) => {
    expect(queryGrams(key)).toEqual(grams);
    const stored = new Set(searchGrams(`あ${key}ん`));
    for (const gram of grams) expect(stored.has(gram)).toBe(true);
  });
});

describe("addressKey", () => {
  it("reads the card's, the register's and a typed form of one address as the same key", () => {
    const key = "水前寺6-12-3";
    expect(addressKey("水前寺六丁目12番3号")).toBe(key);
    expect(addressKey("水前寺6丁目12-3")).toBe(key);
    expect(addressKey("水前寺６－１２－３")).toBe(key);
    expect(addressKey("水前寺 6丁目 12番 3号")).toBe(key);
    expect(addressKey("植木町岩野123番地4")).toBe("植木町岩野123-4");
    expect(addressKey("植木町岩野123番地")).toBe("植木町岩野123");
    expect(addressKey("長嶺南十二丁目1番1号")).toBe("長嶺南12-1-1");
  });

  it("splits off the prefecture, the city and the ward", () => {
    const wards = ["中央区", "東区", "西区", "南区", "北区"];
    expect(splitAddress("熊本県熊本市中央区水前寺六丁目12番3号", "熊本市", wards)).toEqual({
      ward: "中央区",
      rest: "水前寺六丁目12番3号",
      key: "水前寺6-12-3",
    });
    expect(splitAddress("東区健軍", "熊本市", wards)).toEqual({ ward: "東区", rest: "健軍", key: "健軍" });
    expect(splitAddress("水前寺", "熊本市", wards)).toEqual({
      ward: undefined,
      rest: "水前寺",
      key: "水前寺",
    });
  });
});
