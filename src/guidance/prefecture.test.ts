import { describe, expect, it } from "vitest";
import { crossesPrefecture, prefectureOf, prefectureOfMunicipalityCode, prefectures } from "./prefecture";

describe("the prefecture of an address", () => {
  it.each([
    ["福岡県福岡市中央区天神1丁目1番1号", "福岡県"],
    ["熊本県熊本市中央区手取本町1番1号", "熊本県"],
    ["東京都千代田区霞が関1丁目", "東京都"],
    ["北海道札幌市中央区北1条西2丁目", "北海道"],
    ["京都府京都市中京区寺町通御池上る", "京都府"],
    ["大阪府大阪市北区中之島1丁目3番20号", "大阪府"],
    ["神奈川県横浜市中区港町1丁目1番地", "神奈川県"],
    ["鹿児島県鹿児島市山下町11番1号", "鹿児島県"],
    ["沖縄県那覇市泉崎1丁目1番1号", "沖縄県"],
    ["〒860-0806 熊本県熊本市中央区花畑町", "熊本県"],
    ["〒８６０－０８０６　熊本県熊本市", "熊本県"],
    ["  福岡県 北九州市", "福岡県"],
    ["福岡市中央区天神1丁目", "福岡県"],
    ["北九州市小倉北区城内1番1号", "福岡県"],
    ["京都市中京区", "京都府"],
    ["横浜市中区", "神奈川県"],
    ["熊本市中央区手取本町", "熊本県"],
    ["八代市松江城町1番25号", undefined],
    ["中央区天神1丁目", undefined],
    ["京都郡苅田町", undefined],
    ["1600 Pennsylvania Avenue NW, Washington, DC", undefined],
    ["", undefined],
  ])("%j is in %s", (address, prefecture) => {
    expect(prefectureOf(address)).toBe(prefecture);
  });

  it("knows each of the 47 prefectures by its full name, in the order of the 都道府県コード", () => {
    expect(prefectures).toHaveLength(47);
    expect(new Set(prefectures).size).toBe(47);
    for (const name of prefectures) expect(prefectureOf(`${name}某市某町1番地`)).toBe(name);
    expect([prefectures[0], prefectures[12], prefectures[39], prefectures[42], prefectures[46]]).toEqual([
      "北海道",
      "東京都",
      "福岡県",
      "熊本県",
      "沖縄県",
    ]);
  });
});

describe("the prefecture of a municipality", () => {
  it.each([
    ["431001", "熊本県"],
    ["432024", "熊本県"],
    ["401005", "福岡県"],
    ["131016", "東京都"],
    ["011002", "北海道"],
    ["47201", "沖縄県"],
    [null, undefined],
    ["", undefined],
    ["481001", undefined],
    ["kumamoto", undefined],
  ])("%j is in %s", (code, prefecture) => {
    expect(prefectureOfMunicipalityCode(code)).toBe(prefecture);
  });
});

describe("a move across prefectures", () => {
  it.each([
    ["福岡県福岡市中央区天神1丁目1番1号", "熊本県", true],
    ["熊本県八代市松江城町1番25号", "熊本県", false],
    ["八代市松江城町1番25号", "熊本県", undefined],
    ["福岡県福岡市", undefined, undefined],
  ] as const)("from %j seen from %s: %s", (address, home, crosses) => {
    expect(crossesPrefecture(address, home)).toBe(crosses);
  });
});
