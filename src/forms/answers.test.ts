import { describe, expect, it } from "vitest";
import { parseAnswers } from "./answers";
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

  it("ignores keys no question has, and says which", () => {
    const parsed = parseAnswers({ newAdress: "typo", age: 40, phone: "096-328-2111" }, household);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ignored).toEqual(["newAdress", "age"]);
    expect(parsed.answers.household.phone).toBe("096-328-2111");
  });
});
