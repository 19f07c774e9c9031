import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import { answersDocument, parseAnswers } from "./answers";
import { moveInAnswers, moveInFamily } from "./fixtures/households";
import { planned } from "./test-support";

const { household } = planned(moveInFamily);

describe("parseAnswers", () => {
  it("accepts the answers of a complete interview", () => {
    const parsed = parseAnswers(moveInAnswers, household);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ignored).toEqual([]);
    expect(parsed.answers.household.newPostalCode).toBe("860-0806");
    expect(parsed.answers.members.m3?.previousSchool).toBe("福岡市立天神小学校");
    expect(parsed.answers.members.m1?.basicPensionNumber).toBe("1234567890");
  });

  it.each([
    ["a date that does not exist", { funeralDate: "2026-02-30" }, "answers.funeralDate"],
    ["a postal code of the wrong length", { newPostalCode: "860-080" }, "answers.newPostalCode"],
    ["a bank account with letters", { accountNumber: "12a4567" }, "answers.accountNumber"],
    ["a bank account of six digits", { accountNumber: "123456" }, "answers.accountNumber"],
    ["a bank code of three digits", { bankCode: "018" }, "answers.bankCode"],
    ["a branch code of four digits", { branchCode: "1011" }, "answers.branchCode"],
    ["an account holder in kanji", { accountHolderKana: "𠮷田太郎" }, "answers.accountHolderKana"],
    ["a phone number that is not one", { phone: "12345" }, "answers.phone"],
    ["an unknown account type", { accountType: "savings" }, "answers.accountType"],
    ["a member answer given for the household", { previousSchool: "天神小学校" }, "answers.previousSchool"],
    [
      "an answer about an unknown member",
      { previousSchool: { m9: "天神小学校" } },
      "answers.previousSchool.m9",
    ],
    ["a new head who is not a member", { newHead: "m9" }, "answers.newHead"],
    ["a line break in an address", { newAddress: "熊本市\n中央区" }, "answers.newAddress"],
    ["a moped over 125 cc", { mopedDisplacement: { m1: 250 } }, "answers.mopedDisplacement.m1"],
  ])("refuses %s, naming the field", (_, answers, path) => {
    const parsed = parseAnswers(answers, household);
    expect(parsed.problems.map((p) => p.path)).toEqual([path]);
    expect(parsed.problems[0]?.ja).not.toBe("");
    expect(parsed.problems[0]?.en).not.toBe("");
  });

  it("normalises what staff type: full-width digits, 〒, hiragana, hyphens", () => {
    const parsed = parseAnswers(
      {
        newPostalCode: "〒８６０－０８０６",
        phone: "０９６－３２８－２１１１",
        accountNumber: "０１２３４５６",
        accountHolderKana: "よしだ　たろう",
        basicPensionNumber: { m1: "1234 567890" },
        certificateCopies: "２",
      },
      household,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.answers.household).toMatchObject({
      newPostalCode: "860-0806",
      phone: "096-328-2111",
      accountNumber: "0123456",
      accountHolderKana: "ヨシダ タロウ",
      certificateCopies: 2,
    });
    expect(parsed.answers.members.m1?.basicPensionNumber).toBe("1234567890");
  });

  it("keeps a name's exact characters: compatibility ideographs and variation selectors", () => {
    const parsed = parseAnswers({ heirName: "山﨑 葛\u{E0100}子" }, household);
    expect(parsed.answers.household.heirName).toBe("山﨑 葛\u{E0100}子");
  });

  it("words a problem as a catalogue code naming the member by name and the field by its label", () => {
    const parsed = parseAnswers(
      { previousSchool: { m3: "x".repeat(41), m9: "天神小学校" }, funeralDate: "2026-02-30" },
      household,
    );
    expect(parsed.problems.map((p) => [p.path, p.code])).toEqual([
      ["answers.previousSchool.m3", "forms.answerInvalid"],
      ["answers.previousSchool.m9", "forms.answerUnknownMember"],
      ["answers.funeralDate", "forms.answerInvalid"],
    ]);
    const [school, unknown, funeral] = parsed.problems;
    const ja = translator("ja");
    const en = translator("en");
    expect(ja.message(school as never)).toMatch(/^𠮷田 一郎: 前に通っていた学校: /);
    expect(en.message(school as never)).toMatch(/^𠮷田 一郎: Previous school: /);
    expect(school?.ja).toBe(ja.message(school as never));
    expect(ja.message(funeral as never)).toBe("葬儀を行った日: その日付はありません");
    for (const p of parsed.problems) {
      const text = `${ja.message(p as never)} ${en.message(p as never)} ${p.ja} ${p.en}`;
      expect(text).not.toMatch(/\bm\d\b|previousSchool|funeralDate/);
    }
    expect(unknown?.memberId).toBeUndefined();
  });

  it("reads dates as people write them: 和暦, full-width digits", () => {
    const parsed = parseAnswers(
      {
        funeralDate: "令和8年2月5日",
        expectedDeliveryDate: { m2: "R8.9.30" },
        careCertificationEnd: { m5: "２０２７－０３－３１" },
      },
      household,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.answers.household.funeralDate).toBe("2026-02-05");
    expect(parsed.answers.members.m2?.expectedDeliveryDate).toBe("2026-09-30");
    expect(parsed.answers.members.m5?.careCertificationEnd).toBe("2027-03-31");
  });

  it("checks a residence card number and writes it in capitals", () => {
    const parsed = parseAnswers({ residenceCardNumber: { m1: "ab 12345678 cd", m2: "AB1234CD" } }, household);
    expect(parsed.answers.members.m1?.residenceCardNumber).toBe("AB12345678CD");
    expect(parsed.problems.map((p) => p.path)).toEqual(["answers.residenceCardNumber.m2"]);
  });

  it("gives back the answers document it read", () => {
    const parsed = parseAnswers(moveInAnswers, household);
    expect(parseAnswers(answersDocument(parsed.answers), household).answers).toEqual(parsed.answers);
  });

  it("ignores keys no question has, and says which", () => {
    const parsed = parseAnswers({ newAdress: "typo", age: 40, phone: "096-328-2111" }, household);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ignored).toEqual(["newAdress", "age"]);
    expect(parsed.answers.household.phone).toBe("096-328-2111");
  });
});
