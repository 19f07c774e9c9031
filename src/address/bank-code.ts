import { createRequire } from "node:module";
import { readBankCode, readBranchCode } from "./codes";

/** A financial institution as a person names it on a form. */
export interface Bank {
  /** "0001". */
  code: string;
  /** "みずほ銀行", "熊本信金", "熊本宇城農協": the short name with its kind, as it reads on a passbook. */
  name: string;
  /** The data's own short name, without 「銀行」: "みずほ". */
  shortName: string;
  /** Its reading in katakana, as the data gives it: "ミズホ". */
  kana: string;
}

export interface Branch {
  /** "001". */
  code: string;
  /** "東京営業部", "水道町": as the data gives it, without 「支店」. */
  name: string;
  kana: string;
}

interface ZenginBranch {
  code: string;
  name: string;
  kana: string;
}
interface ZenginBank extends ZenginBranch {
  branches: Record<string, ZenginBranch>;
}

let data: Record<string, ZenginBank> | undefined;

/** zengin-code's data (5 MB of JavaScript, ~29,000 branches) is read on the first lookup and kept. */
function banks(): Record<string, ZenginBank> {
  data ??= createRequire(import.meta.url)("zengin-code") as Record<string, ZenginBank>;
  return data;
}

// 全銀協's numbering: 0001–0999 are banks (and 9900 is ゆうちょ銀行), whose short names in the data lack
// 「銀行」; every other institution's short name already says its kind (信金, 信組, 労金, 農協, 漁協, 信連).
// 0200 is a fund-transfer company (資金移動業者) given a code in the banks' range.
const NOT_A_BANK = new Set(["0200"]);
function isBank(code: string): boolean {
  const n = Number(code);
  return ((n >= 1 && n <= 999) || n === 9900) && !NOT_A_BANK.has(code);
}

function fullName(code: string, shortName: string): string {
  // Foreign banks whose names already say so: "シティバンク、エヌ・エイ", "フィリピン・ナショナル・バンク".
  if (!isBank(code) || /銀行|バンク/.test(shortName)) return shortName;
  return `${shortName}銀行`;
}

/** The institution with this 金融機関コード (typed as people type it); null when malformed or unknown. */
export function findBank(input: string): Bank | null {
  const code = readBankCode(input);
  const bank = code ? banks()[code] : undefined;
  if (!code || !bank) return null;
  return { code, name: fullName(code, bank.name), shortName: bank.name, kana: bank.kana };
}

/** The branch with this 支店コード at this institution; null when either code is malformed or unknown. */
export function findBranch(bankInput: string, branchInput: string): Branch | null {
  const bankCode = readBankCode(bankInput);
  const code = readBranchCode(branchInput);
  if (!bankCode || !code) return null;
  const branch = banks()[bankCode]?.branches[code];
  return branch ? { code, name: branch.name, kana: branch.kana } : null;
}

/** "0001" → "みずほ銀行"; null when malformed or unknown. */
export const bankName = (code: string): string | null => findBank(code)?.name ?? null;

/** ("0001", "001") → "東京営業部"; null when malformed or unknown. */
export const branchName = (bankCode: string, branchCode: string): string | null =>
  findBranch(bankCode, branchCode)?.name ?? null;

export interface BankAccountNames {
  /** The institution's name, or null when the code is missing, malformed or unknown. */
  bank: string | null;
  branch: string | null;
}

/**
 * The names to show beside an account's codes where they are reviewed (the interview's check page, a
 * form's preview): each name when its code is known, so a mistyped code shows as a missing name.
 */
export function bankAccountNames(account: {
  bankCode?: string | null;
  branchCode?: string | null;
}): BankAccountNames {
  const bankCode = account.bankCode ?? "";
  const branchCode = account.branchCode ?? "";
  return {
    bank: bankCode ? bankName(bankCode) : null,
    branch: bankCode && branchCode ? branchName(bankCode, branchCode) : null,
  };
}
