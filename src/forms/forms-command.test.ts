import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main";
import {
  deathLivingAlone,
  deathOfElder,
  foreignResidentAnswers,
  foreignResidentFromAbroad,
  moveInAnswers,
  moveInFamily,
} from "./fixtures/households";
import { signaturePng } from "./fixtures/signature";
import { formsUsage, runForms } from "./forms-command";
import { pdfImages, pdfText } from "./test-support";

function fakeIo(stdin: string[] = []) {
  let out = "";
  let err = "";
  return {
    stdin: Readable.from(stdin),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mg-forms-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};

describe("madoguchi forms", () => {
  it("writes one PDF with every one-stop form, the names as text", async () => {
    const input = write("family.json", { ...moveInFamily, answers: moveInAnswers });
    const out = join(dir, "bundle.pdf");
    const io = fakeIo();
    expect(
      await main(
        ["forms", input, "--out", out, "--filed-on", "2026-04-08", "--municipality", "kumamoto"],
        io,
      ),
    ).toBe(0);
    expect(io.err()).toBe("");
    expect(io.out()).toContain("申請書 18件・18ページ");
    expect(io.out()).not.toMatch(/juki\.move-in|kokuho\./);
    const text = pdfText(new Uint8Array(readFileSync(out)));
    for (const name of [
      "𠮷田 太郎",
      "𠮷田 花子",
      "𠮷田 一郎",
      "𠮷田 二葉",
      "葛\u{E0100}西 髙子",
      "山﨑 健",
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain("令和8年4月8日");
  });

  it("prints unanswered questions as blank boxes and lists them on stderr", async () => {
    const input = write("death.json", deathOfElder);
    const out = join(dir, "death.pdf");
    const io = fakeIo();
    expect(await runForms([input, "--out", out, "--municipality", "kumamoto"], io)).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(io.err()).toContain("未回答の項目が");
    expect(io.err()).toMatch(/- 葬儀を行った日 \/ Date of the funeral: 後期高齢者医療 葬祭費 支給申請/);
    expect(io.err()).toMatch(/- 金融機関コード \/ Bank code: 後期高齢者医療 葬祭費 支給申請/);
    expect(io.err()).not.toMatch(/funeralDate|bankCode|kouki\.funeral-benefit/);
    const text = pdfText(new Uint8Array(readFileSync(out)));
    expect(text).toContain("髙橋 一郎");
    expect(text).toContain("（あて先）熊本市長");
  });

  it("reads stdin and stamps a signature", async () => {
    const png = write("signature.png", "");
    writeFileSync(png, signaturePng());
    const out = join(dir, "stdin.pdf");
    const io = fakeIo([JSON.stringify(deathOfElder)]);
    expect(await runForms(["-", "--out", out, "--signature", png], io)).toBe(0);
    // Four forms for this bereavement, the signature on each.
    expect(pdfImages(new Uint8Array(readFileSync(out)))).toHaveLength(4);
  });

  it("refuses a signature that is not a PNG", async () => {
    const io = fakeIo();
    const args = [
      write("elder.json", deathOfElder),
      "--out",
      join(dir, "s.pdf"),
      "--signature",
      write("s.png", ""),
    ];
    expect(await runForms(args, io)).toBe(2);
    expect(io.err()).toContain("signature");
  });

  it("refuses an invalid household with its problems, writing nothing", async () => {
    const input = write("bad.json", { event: { type: "death", date: "2026-02-30" }, members: [] });
    const out = join(dir, "bad.pdf");
    const io = fakeIo();
    expect(await runForms([input, "--out", out], io)).toBe(2);
    expect(io.err()).toContain("世帯の情報に問題がある");
    expect(io.err()).toContain("event.date");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses invalid answers, naming each", async () => {
    const input = write("answers.json", {
      ...moveInFamily,
      answers: { accountNumber: "12a4567", newPostalCode: "86" },
    });
    const io = fakeIo();
    expect(await runForms([input, "--out", join(dir, "a.pdf")], io)).toBe(2);
    expect(io.err()).toContain("answers.accountNumber");
    expect(io.err()).toContain("answers.newPostalCode");
  });

  it("refuses a name the font cannot print, listing the character, field and member", async () => {
    const raw = structuredClone(moveInFamily);
    raw.members[1] = { ...raw.members[1], name: "\u{20000}田 花子" } as (typeof raw.members)[1];
    const out = join(dir, "glyph.pdf");
    const io = fakeIo();
    expect(await runForms([write("glyph.json", raw), "--out", out], io)).toBe(2);
    expect(io.err()).toContain("フォントにない文字");
    expect(io.err()).toContain("𠀀 (U+20000): 氏名 / Full name（𠀀田 花子）: 転入届、");
    expect(io.err()).not.toContain("m2");
    expect(existsSync(out)).toBe(false);
  });

  it("uses the demo municipality when none is named, and says so: never （あて先）市区町村長", async () => {
    const input = write("elder-default.json", deathOfElder);
    const out = join(dir, "default.pdf");
    const io = fakeIo();
    expect(await runForms([input, "--out", out], io)).toBe(0);
    expect(io.err()).toContain("デモ用の自治体（熊本市）");
    expect(io.err()).toContain("using the demo municipality kumamoto");
    const text = pdfText(new Uint8Array(readFileSync(out)));
    expect(text).toContain("（あて先）熊本市長");
    expect(text).not.toContain("市区町村長");
  });

  it("prints the household's filer: the wife filing alone signs under her own name", async () => {
    const input = write("wife.json", { ...moveInFamily, filer: { member: "m2" }, answers: moveInAnswers });
    const out = join(dir, "wife.pdf");
    const io = fakeIo();
    expect(await runForms([input, "--out", out, "--municipality", "kumamoto"], io)).toBe(0);
    const pdf = new Uint8Array(readFileSync(out));
    // The 転入届's 届出人 box: her name beside 本人, on page 1.
    const first = pdfText(pdf, 1);
    expect(first.slice(first.indexOf("■ 届出人"))).toContain("𠮷田 花子");
    expect(first.slice(first.indexOf("■ 届出人"))).not.toContain("𠮷田 太郎");
    // The 転校 form names no one of the parents as a member: the filer is printed, not the head.
    const school = pdfText(pdf, 17);
    expect(school).toContain("𠮷田 花子");
    expect(school).not.toContain("𠮷田 太郎");
  });

  it("prints a filer from outside the household and the previous address's head from the file", async () => {
    const input = write("alone.json", {
      ...deathLivingAlone,
      answers: { funeralHostName: "中村 太郎", address: "熊本市南区近見五丁目35番24号" },
    });
    const out = join(dir, "alone.pdf");
    const io = fakeIo();
    expect(await runForms([input, "--out", out, "--municipality", "kumamoto"], io)).toBe(0);
    const text = pdfText(new Uint8Array(readFileSync(out)));
    expect(text).toContain("中村 太郎");
    expect(text).toContain("同居していない親族");
    const moved = write("abroad.json", { ...foreignResidentFromAbroad, answers: foreignResidentAnswers });
    expect(
      await runForms([moved, "--out", join(dir, "abroad.pdf"), "--municipality", "kumamoto"], fakeIo()),
    ).toBe(0);
    const abroad = pdfText(new Uint8Array(readFileSync(join(dir, "abroad.pdf"))), 1);
    for (const fact of ["ベトナム", "技能実習", "AB12345678CD", "令和9年5月31日", "国外"])
      expect(abroad).toContain(fact);
    const head = write("head.json", { ...moveInFamily, previousAddress: { householdHead: "山﨑 健" } });
    expect(
      await runForms([head, "--out", join(dir, "head.pdf"), "--municipality", "kumamoto"], fakeIo()),
    ).toBe(0);
    expect(pdfText(new Uint8Array(readFileSync(join(dir, "head.pdf"))), 1)).toMatch(
      /前住所の世帯主[\s\S]*山﨑 健/,
    );
  });

  it("warns about answer keys no question has", async () => {
    const input = write("typo.json", { ...deathOfElder, answers: { phnoe: "096-000-0000" } });
    const io = fakeIo();
    expect(await runForms([input, "--out", join(dir, "typo.pdf")], io)).toBe(0);
    expect(io.err()).toContain("unknown answer keys ignored: phnoe");
  });

  it.each([
    [["--out", "x.pdf"], "Give one household file"],
    [["family.json"], "--out is required"],
    [["family.json", "--out", "x.pdf", "--filed-on", "2026-13-01"], "--filed-on is not a date"],
    [["family.json", "--out", "x.pdf", "--municipality", "atlantis"], 'Unknown municipality "atlantis"'],
    [["family.json", "--bogus"], "Bad arguments"],
  ])("refuses bad arguments %j", async (args, message) => {
    const io = fakeIo();
    const resolved = args.map((a) => (a === "family.json" ? write("family.json", moveInFamily) : a));
    expect(await runForms(resolved, io)).toBe(2);
    expect(io.err()).toContain(message);
  });

  it("says so when the file is missing or not JSON", async () => {
    const missing = fakeIo();
    expect(await runForms([join(dir, "nope.json"), "--out", join(dir, "n.pdf")], missing)).toBe(2);
    expect(missing.err()).toContain("Cannot read the input");
    const broken = fakeIo();
    expect(await runForms([write("broken.json", "{"), "--out", join(dir, "n.pdf")], broken)).toBe(2);
    expect(broken.err()).toContain("not valid JSON");
  });

  it("prints its usage with --help", async () => {
    const io = fakeIo();
    expect(await runForms(["--help"], io)).toBe(0);
    expect(io.out()).toBe(formsUsage);
    const viaMain = fakeIo();
    expect(await main(["forms", "--help"], viaMain)).toBe(0);
    expect(viaMain.out()).toContain("madoguchi forms FILE --out bundle.pdf");
  });
});
