import { beforeAll, describe, expect, it } from "vitest";
import { loadAnalyser } from "./analyser";
import { defaultContentDir, loadEntriesFromDir } from "./load-entries";
import { libraryOf, type ManualLibrary } from "./manual-library";
import { buildReadingsCache, loadReadingsCache, type ReadingsCache } from "./readings";

/**
 * What people type → the entry that must be among the first three results, on the Kumamoto content
 * (content/manual/kumamoto). Kana for kanji, colloquial phrases, half-width kana, full-width letters,
 * old kanji and variant spellings, and English.
 */
const table: ReadonlyArray<readonly [kind: string, query: string, expected: string]> = [
  // kana → kanji
  ["kana", "てんにゅう", "proc-juki-move-in"],
  ["kana", "てんしゅつ", "proc-juki-move-out"],
  ["kana", "てんきょ", "proc-juki-move-within"],
  ["kana", "じゅうみんひょう", "proc-juki-certificate"],
  ["kana", "いんかんとうろく", "proc-inkan-register"],
  ["kana", "こくほ かにゅう", "proc-kokuho-enroll"],
  ["kana", "しぼうとどけ", "proc-koseki-death"],
  ["kana", "しゅっしょうとどけ", "proc-koseki-birth"],
  ["kana", "こんいんとどけ", "proc-koseki-marriage"],
  ["kana", "りこんとどけ", "proc-koseki-divorce"],
  ["kana", "そうさいひ", "proc-kokuho-funeral-benefit"],
  ["kana", "じどうてあて", "proc-jidoteate-claim"],
  ["kana", "せたいぬし", "proc-juki-head-change"],
  ["kana", "いにんじょう", "gen-proxy-and-authorization"],
  ["kana", "かいごほけん", "proc-kaigo-enroll"],
  // kanji
  ["kanji", "転入届", "proc-juki-move-in"],
  ["kanji", "住民票の写し", "proc-juki-certificate"],
  ["kanji", "印鑑登録証", "proc-inkan-return"],
  ["kanji", "出産育児一時金", "proc-kokuho-childbirth-grant"],
  ["kanji", "後期高齢者医療", "proc-kouki-enroll"],
  ["kanji", "遺族基礎年金", "proc-nenkin-survivor-benefit"],
  ["kanji", "児童扶養手当", "proc-jido-fuyo-claim"],
  ["kanji", "世帯合併", "proc-juki-household-merge"],
  ["kanji", "婚氏続称", "proc-koseki-keep-surname"],
  ["kanji", "軽自動車", "proc-keiji-vehicle-address"],
  ["kanji", "原付", "proc-keiji-moped"],
  ["kanji", "犬の登録", "proc-inu-registration-change"],
  ["kanji", "水道", "proc-suido-notice"],
  ["kanji", "転校", "proc-gakko-transfer"],
  ["kanji", "生活保護", "proc-seikatsuhogo-consult"],
  ["kanji", "本人確認書類", "gen-identity-documents"],
  ["kanji", "第3号被保険者", "proc-nenkin-cat3-guidance"],
  // colloquial
  ["colloquial", "国保をやめたい", "proc-kokuho-withdraw"],
  ["colloquial", "引っ越してきた", "proc-juki-move-in"],
  ["colloquial", "市外に引っ越す", "proc-juki-move-out"],
  ["colloquial", "赤ちゃんが生まれた", "proc-koseki-birth"],
  ["colloquial", "親が亡くなった", "proc-koseki-death"],
  ["colloquial", "結婚した", "proc-koseki-marriage"],
  ["colloquial", "はんこを登録したい", "proc-inkan-register"],
  ["colloquial", "代わりに手続きしてほしい", "gen-proxy-and-authorization"],
  ["colloquial", "会社を辞めた 保険", "proc-kokuho-enroll"],
  ["colloquial", "年金の住所", "proc-nenkin-address-change"],
  // half-width kana and full-width letters
  ["half-width", "ﾃﾝﾆｭｳ", "proc-juki-move-in"],
  ["half-width", "ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ 住所", "proc-mynumber-address-update"],
  ["half-width", "ｼﾞｭｳﾐﾝﾋｮｳ", "proc-juki-certificate"],
  ["half-width", "ｲﾝｶﾝ", "proc-inkan-register"],
  ["full-width", "ｍｙ ｎｕｍｂｅｒ ｃａｒｄ", "gen-my-number-card"],
  // old kanji and variants
  ["old kanji", "轉入屆", "proc-juki-move-in"],
  ["old kanji", "國民健康保險 加入", "proc-kokuho-enroll"],
  ["old kanji", "印鑑證明", "proc-inkan-register"],
  ["variant", "障がい者手帳", "proc-shogai-address-change"],
  ["variant", "障碍者手帳 返す", "proc-shogai-return"],
  ["variant", "こども医療費", "proc-kodomo-iryo-enroll"],
  ["variant", "子供の医療費", "proc-kodomo-iryo-enroll"],
  ["variant", "保育所", "proc-hoiku-guidance"],
  ["variant", "保育園 入りたい", "proc-hoiku-guidance"],
  ["variant", "市内で引越し", "proc-juki-move-within"],
  // questions (FAQ entries)
  ["colloquial", "暗証番号 ロック", "faq-my-number-pin-locked"],
  ["colloquial", "期限が土日", "faq-deadline-on-weekend"],
  ["colloquial", "届出が遅れた", "faq-late-notification"],
  ["colloquial", "犬 引っ越し", "faq-dog-moving"],
  ["colloquial", "外国人 転入", "faq-foreign-resident-move-in"],
  ["colloquial", "仕事を辞めた 年金", "faq-left-job-insurance-pension"],
  ["English", "PIN locked", "faq-my-number-pin-locked"],
  ["English", "family member died", "faq-family-member-died"],
  // English
  ["English", "moving in", "proc-juki-move-in"],
  ["English", "move out", "proc-juki-move-out"],
  ["English", "residence certificate", "proc-juki-certificate"],
  ["English", "seal registration", "proc-inkan-register"],
  ["English", "national health insurance enrolment", "proc-kokuho-enroll"],
  ["English", "death", "proc-koseki-death"],
  ["English", "birth registration", "proc-koseki-birth"],
  ["English", "marriage", "proc-koseki-marriage"],
  ["English", "child allowance", "proc-jidoteate-claim"],
  ["English", "pension address", "proc-nenkin-address-change"],
  ["English", "power of attorney", "gen-proxy-and-authorization"],
  ["English", "identity documents", "gen-identity-documents"],
  ["English", "school transfer", "proc-gakko-transfer"],
  ["English", "dog registration", "proc-inu-registration-change"],
];

let library: ManualLibrary;
let cached: ManualLibrary;
let committed: ReadingsCache | undefined;
let fresh: ReadingsCache;
beforeAll(async () => {
  const { entries } = await loadEntriesFromDir(defaultContentDir("kumamoto"));
  library = await libraryOf(entries);
  committed = await loadReadingsCache(defaultContentDir("kumamoto"));
  fresh = buildReadingsCache(entries, await loadAnalyser());
  // The cached readings alone: an analyser that is never ready, so every reading comes from the cache.
  cached = await libraryOf(entries, new Map(), fresh, () => undefined);
});

describe("manual search on the Kumamoto content", () => {
  it("has at least 60 queries in its table", () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each(table)("finds, for a %s query 「%s」, %s among the first three", (_kind, query, expected) => {
    const top = library.index.search(query, { audience: "staff", limit: 3 }).map((h) => h.id);
    expect(top).toContain(expected);
  });

  it("marks the matched words of a kana query in the kanji title", () => {
    const [hit] = library.index.search("てんにゅう", { audience: "public", lang: "ja" });
    expect(hit?.title.segments).toEqual([
      { text: "転入", hit: true },
      { text: "届", hit: false },
    ]);
  });

  it("answers an English query with English titles", () => {
    const [hit] = library.index.search("moving in", { audience: "public", lang: "en" });
    expect(hit?.title.text).toBe("Notification of moving in");
    expect(hit?.title.segments.filter((s) => s.hit).map((s) => s.text)).toEqual(["moving"]);
  });
});

describe("manual search from cached readings, without the analyser", () => {
  it("keeps content/manual/kumamoto/_readings.json up to date (run `madoguchi manual import` after edits)", () => {
    expect(committed).toEqual(fresh);
  });

  it.each(table)("finds, for a %s query 「%s」, %s among the first three", async (_kind, query, expected) => {
    const top = cached.index.needsAnalyser(query)
      ? (await library.search(query, { audience: "staff", limit: 3 })).map((h) => h.id)
      : cached.index.search(query, { audience: "staff", limit: 3 }).map((h) => h.id);
    expect(top).toContain(expected);
  });

  it("reads most kanji queries of the table from the corpus's words alone", () => {
    const kanji = table.filter(([, q]) => /\p{Script=Han}/u.test(q));
    const unread = kanji.filter(([, q]) => cached.index.needsAnalyser(q)).map(([, q]) => q);
    expect(unread.length).toBeLessThanOrEqual(kanji.length / 4);
  });

  it("asks for the analyser only for a kanji the corpus does not hold", () => {
    expect(cached.index.needsAnalyser("てんにゅう")).toBe(false);
    expect(cached.index.needsAnalyser("転入届")).toBe(false);
    expect(cached.index.needsAnalyser("鬱蒼")).toBe(true);
  });
});
