import type { Analyser } from "./analyser";

/**
 * A query as it may be logged: never a number that could be a 個人番号, a phone number or an account,
 * never a name. Digits in runs of four or more (spaces and hyphens between them count as one run)
 * become "#"; e-mail addresses "@"; words the analyser knows as personal names (IPADIC 人名), the
 * word before an honorific (さん, 様 …) and two or more capitalised Latin words in a row ("Taro
 * Yamada") become "〇〇". What is left says what people looked for, not who they are.
 */
export function maskQuery(query: string, analyser: Analyser | undefined): string {
  let s = query.normalize("NFKC").replace(/\s+/g, " ").trim().slice(0, 200);
  s = s.replace(/[^\s@]+@[^\s@]+/g, "@");
  s = s.replace(/\d(?:[\s\-‐－ー]*\d){3,}/g, "#");
  s = s.replace(/\b[A-Z][a-z]+(?:[ ,]+[A-Z][a-z]+)+\b/g, "〇〇");
  if (analyser && /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(s)) {
    const tokens = analyser.tokenize(s);
    const masked: string[] = [];
    tokens.forEach((t, i) => {
      const next = tokens[i + 1]?.surface_form ?? "";
      const honorific = /^(さん|様|さま|氏|くん|君|ちゃん|殿|先生)$/.test(next);
      // A katakana word the dictionary also knows as a name (マイ of マイナンバー) is kept unless an
      // honorific follows; a kanji one (田中, 太郎) is masked.
      const name = t.pos_detail_2 === "人名" && /\p{Script=Han}/u.test(t.surface_form);
      const personal =
        name || (honorific && t.pos === "名詞") || (t.pos_detail_1 === "接尾" && t.pos_detail_2 === "人名");
      if (personal) {
        if (masked[masked.length - 1] !== "〇〇") masked.push("〇〇");
      } else masked.push(t.surface_form);
    });
    s = masked.join("");
  }
  return s.slice(0, 100);
}
