// `madoguchi forms` on the worked examples of phase 2 (#18): a birth, a marriage and a divorce.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main";
import { pdfText } from "./test-support";

const examples = new URL("../../test/fixtures/examples/", import.meta.url);

function fakeIo() {
  let out = "";
  let err = "";
  return {
    stdin: Readable.from([]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mg-forms-family-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("madoguchi forms for a birth, a marriage and a divorce", () => {
  it.each([
    [
      "birth-second-child",
      ["出生届", "出生証明書", "国民健康保険 出産育児一時金 支給申請書", "児童手当 額改定認定請求書"],
      ["熊本 結", "クマモト ユイ", "熊本 大輔", "熊本 真由"],
    ],
    [
      "marriage-wife-takes-surname",
      ["婚姻届", "証人", "世帯合併届", "個人番号カード 券面記載事項変更届", "印鑑登録申請書"],
      ["阿蘇 拓海", "阿蘇 美咲", "アソ ミサキ"],
    ],
    [
      "divorce-mother-keeps-children",
      ["離婚届", "証人", "児童扶養手当 認定請求書", "国民年金 被保険者関係届書", "児童手当 受給事由消滅届"],
      ["天草 誠", "天草 由美", "天草 悠"],
    ],
  ])("%s: a PDF with the 届書 and the members' names as text", async (name, titles, names) => {
    const out = join(dir, `${name}.pdf`);
    const io = fakeIo();
    const input = new URL(`${name}.json`, examples).pathname;
    const code = await main(
      ["forms", input, "--out", out, "--filed-on", "2027-03-08", "--municipality", "kumamoto"],
      io,
    );
    expect(code, io.err()).toBe(0);
    // The 戸籍 届書 is the first form, on one A3 page.
    expect(io.out()).toMatch(/^ {2}(出生届|婚姻届|離婚届)（p\.1）$/m);
    const text = pdfText(new Uint8Array(readFileSync(out)));
    for (const title of titles) expect(text).toContain(title);
    for (const person of names) expect(text).toContain(person);
    expect(text).toContain("令和9年3月8日");
    expect(text).toContain("（あて先）熊本市長");
  });

  it("prints the 出生届 on two A4 pages for a municipality whose setting says so", async () => {
    const out = join(dir, "birth-a4.pdf");
    const io = fakeIo();
    const input = new URL("birth-second-child.json", examples).pathname;
    expect(await main(["forms", input, "--out", out, "--municipality", "yatsushiro"], io)).toBe(0);
    expect(io.out()).toMatch(/^ {2}出生届（p\.1,2）$/m);
    const pdf = new Uint8Array(readFileSync(out));
    expect(pdfText(pdf, 2)).toContain("出生証明書");
    expect(pdfText(pdf, 1)).toContain("八代市長");
  });
});
