import { describe, expect, it } from "vitest";
import { loadAnalyser } from "./analyser";
import { fold, foldWithMap, termsOf } from "./fold";
import { maskQuery } from "./mask-query";

describe("fold", () => {
  it.each([
    ["ﾃﾝﾆｭｳﾄﾄﾞｹ", "てんにゅうとどけ"],
    ["テンニュウ", "てんにゅう"],
    ["ＭＹ　Ｎｕｍｂｅｒ", "my number"],
    ["障がい者手帳", "障害者手帳"],
    ["子ども医療", "こども医療"],
    ["保育所", "保育園"],
    ["轉入屆", "転入届"],
    ["國民健康保險", "国民健康保険"],
    ["引っ越し", "引越"],
    ["ガ", "が"],
  ])("folds %s to %s", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it("maps each folded character back to where it came from", () => {
    const f = foldWithMap("ｶﾞ障がい");
    expect(f.text).toBe("が障害");
    expect(f.from).toEqual([0, 2, 2]);
    expect(f.to).toEqual([2, 5, 5]);
  });
});

describe("termsOf", () => {
  it("cuts Japanese into two-character pieces and keeps English words, stemmed", () => {
    expect(termsOf("転入届 moving in")).toEqual(["転入", "入届", "mov"]);
    expect(termsOf("籍")).toEqual(["籍"]);
  });
});

describe("maskQuery", () => {
  it("never keeps a run of four digits or more, nor an e-mail address", async () => {
    const analyser = await loadAnalyser();
    expect(maskQuery("マイナンバー 1234 5678 9012 の変更", analyser)).toBe("マイナンバー # の変更");
    expect(maskQuery("123456789012", analyser)).toBe("#");
    expect(maskQuery("14日以内", analyser)).toBe("14日以内");
    expect(maskQuery("連絡 taro@example.jp", analyser)).toBe("連絡 @");
  });

  it("masks names and the word before an honorific", async () => {
    const analyser = await loadAnalyser();
    expect(maskQuery("田中太郎の住民票", analyser)).toBe("〇〇の住民票");
    expect(maskQuery("ひまわりさんの転入", analyser)).toBe("〇〇の転入");
    expect(maskQuery("residence certificate for Taro Yamada", analyser)).toBe(
      "residence certificate for 〇〇",
    );
    expect(maskQuery("国保をやめたい", analyser)).toBe("国保をやめたい");
  });
});

describe("fold and foldWithMap", () => {
  it("fold the same text the same way, with or without the map", () => {
    const samples = [
      "ﾃﾝﾆｭｳﾄﾞｹ 障がい者の子供が保育所へ引っ越し",
      "國民健康保險をやめたい ＭＹ Number",
      "ヴァ ヶ月 届け出 申し込み",
    ];
    for (const s of samples) expect(fold(s)).toBe(foldWithMap(s).text);
  });
});
