import { describe, expect, it } from "vitest";
import { anyMyNumber, containsMyNumber, isMyNumber } from "./my-number";

describe("the check digit of a 個人番号 (番号法施行令 第8条)", () => {
  it("accepts 123456789018, whose check digit is 8", () => {
    expect(isMyNumber("123456789018")).toBe(true);
  });

  it("refuses the same first eleven digits with any other check digit", () => {
    for (const check of "012345679") expect(isMyNumber(`12345678901${check}`)).toBe(false);
  });

  it("weighs each digit from the right by 2–7 then 2–6, and gives 0 when the remainder is 0 or 1", () => {
    // Remainder 0 → 0.
    expect(isMyNumber("000000000000")).toBe(true);
    // The 11th digit is P1 (weight 2): 1 × 2 = 2 → 11 − 2 = 9.
    expect(isMyNumber("000000000019")).toBe(true);
    // The 6th digit is P6 (weight 7): 7 → 4. The 4th is P8 (weight 3): 3 → 8. The 1st is P11 (weight 6): 6 → 5.
    expect(isMyNumber("000001000004")).toBe(true);
    expect(isMyNumber("000100000008")).toBe(true);
    expect(isMyNumber("100000000005")).toBe(true);
    // Remainder 1: 6 × 2 = 12 → 0, not 10.
    expect(isMyNumber("000000000060")).toBe(true);
    expect(isMyNumber("000000000061")).toBe(false);
  });

  it("needs exactly twelve ASCII digits", () => {
    expect(isMyNumber("12345678901")).toBe(false);
    expect(isMyNumber("1234567890180")).toBe(false);
    expect(isMyNumber("12345678901a")).toBe(false);
  });
});

describe("a 個人番号 found in free text", () => {
  it("is found on its own and inside a sentence, in Japanese or in English", () => {
    expect(containsMyNumber("123456789018")).toBe(true);
    expect(containsMyNumber("本人確認のため 123456789018 を控えた")).toBe(true);
    expect(containsMyNumber("my number is123456789018.")).toBe(true);
    expect(containsMyNumber("番号123456789018番")).toBe(true);
  });

  it("is found in full-width digits and with a full-width space", () => {
    expect(containsMyNumber("１２３４５６７８９０１８")).toBe(true);
    expect(containsMyNumber("番号　１２３４　５６７８　９０１８")).toBe(true);
  });

  it("is found in groups of four separated by spaces or hyphens of any kind", () => {
    expect(containsMyNumber("1234 5678 9018")).toBe(true);
    expect(containsMyNumber("1234-5678-9018")).toBe(true);
    expect(containsMyNumber("1234 - 5678 - 9018")).toBe(true);
    expect(containsMyNumber("１２３４－５６７８－９０１８")).toBe(true);
    expect(containsMyNumber("1234ー5678ー9018")).toBe(true);
    expect(containsMyNumber("1234−5678−9018")).toBe(true);
  });

  it("is not found where the check digit is wrong", () => {
    expect(containsMyNumber("123456789012")).toBe(false);
    expect(containsMyNumber("123456789019")).toBe(false);
    expect(containsMyNumber("1234-5678-9017")).toBe(false);
    expect(containsMyNumber("１２３４５６７８９０１７")).toBe(false);
  });

  it("is not found in a run of 11 or 13 digits, even one that holds a valid number", () => {
    expect(containsMyNumber("12345678901")).toBe(false);
    expect(containsMyNumber("1234567890180")).toBe(false);
    expect(containsMyNumber("0123456789018")).toBe(false);
    expect(containsMyNumber("12345-678-9018")).toBe(false);
  });

  it("leaves ordinary text alone: addresses, phone numbers, dates, postal codes", () => {
    expect(containsMyNumber("熊本市中央区手取本町1-1")).toBe(false);
    expect(containsMyNumber("096-328-2111")).toBe(false);
    expect(containsMyNumber("090-1234-5678")).toBe(false);
    expect(containsMyNumber("2026-04-06")).toBe(false);
    expect(containsMyNumber("〒860-8601")).toBe(false);
    expect(containsMyNumber("")).toBe(false);
  });

  it("is found in any string or whole number of a nested answer", () => {
    expect(anyMyNumber({ previousSchool: { m1: "五福小 123456789018" } })).toBe(true);
    expect(anyMyNumber(123456789018)).toBe(true);
    expect(anyMyNumber(["a", "1234 5678 9018"])).toBe(true);
    expect(anyMyNumber({ a: "123456789012", b: 12 })).toBe(false);
    expect(anyMyNumber(null)).toBe(false);
  });
});
