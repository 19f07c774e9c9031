// Identity verification once per visit, under 住民基本台帳法 §27 as Kumamoto applies it: one official
// photo document, or two documents (two from list イ, or one from イ and one from ロ). An agent also
// shows a power of attorney unless they belong to the same household. Only document TYPES are kept:
// never a copy or a number of a document, and never the 個人番号.

export type DocumentList = "photo" | "i" | "ro";

export interface IdentityDocument {
  code: string;
  list: DocumentList;
  ja: string;
  en: string;
}

export const identityDocuments: readonly IdentityDocument[] = [
  { code: "mynumber-card", list: "photo", ja: "マイナンバーカード", en: "My Number card" },
  { code: "drivers-licence", list: "photo", ja: "運転免許証", en: "Driving licence" },
  { code: "passport", list: "photo", ja: "パスポート", en: "Passport" },
  { code: "residence-card", list: "photo", ja: "在留カード", en: "Residence card" },
  {
    code: "special-permanent-resident",
    list: "photo",
    ja: "特別永住者証明書",
    en: "Special permanent resident certificate",
  },
  {
    code: "physical-disability-certificate",
    list: "photo",
    ja: "身体障害者手帳",
    en: "Physical disability certificate",
  },
  { code: "ryoiku-techo", list: "photo", ja: "療育手帳", en: "Rehabilitation certificate (療育手帳)" },
  {
    code: "mental-health-certificate",
    list: "photo",
    ja: "精神障害者保健福祉手帳",
    en: "Mental disability certificate",
  },
  {
    code: "health-insurance-certificate",
    list: "i",
    ja: "健康保険の資格確認書",
    en: "Health insurance eligibility certificate",
  },
  {
    code: "care-insurance-certificate",
    list: "i",
    ja: "介護保険被保険者証",
    en: "Long-term care insurance card",
  },
  {
    code: "pension-book",
    list: "i",
    ja: "年金手帳・基礎年金番号通知書",
    en: "Pension book or basic pension number notice",
  },
  { code: "pension-certificate", list: "i", ja: "年金証書", en: "Pension certificate" },
  { code: "student-id", list: "ro", ja: "学生証（写真付き）", en: "Student ID (with photo)" },
  { code: "employee-id", list: "ro", ja: "社員証（写真付き）", en: "Employee ID (with photo)" },
  { code: "bank-passbook", list: "ro", ja: "預金通帳・キャッシュカード", en: "Bank passbook or cash card" },
];

const byCode = new Map(identityDocuments.map((d) => [d.code, d]));

export interface IdentityCheckInput {
  documents: string[];
  /** The person at the counter acts for the resident. */
  agent: boolean;
  /** The agent belongs to the resident's household (no power of attorney needed). */
  agentSameHousehold: boolean;
  /** A power of attorney (委任状) was shown. */
  powerOfAttorney: boolean;
}

export type IdentityCheckResult =
  | { verified: true; rule: "photo" | "two-i" | "i-and-ro"; documents: string[] }
  | { verified: false; problems: Array<{ path: string; ja: string; en: string }> };

/** Applies the one rule; unknown codes and duplicates are refused, never guessed. */
export function checkIdentity(input: IdentityCheckInput): IdentityCheckResult {
  const problems: Array<{ path: string; ja: string; en: string }> = [];
  const unique = [...new Set(input.documents)];
  const docs = unique.map((code) => byCode.get(code));
  if (docs.some((d) => d === undefined)) {
    problems.push({
      path: "documents",
      ja: "確認書類の種類が正しくありません。",
      en: "An identity document type is not known.",
    });
  }
  const known = docs.filter((d): d is IdentityDocument => d !== undefined);
  const photo = known.filter((d) => d.list === "photo").length;
  const i = known.filter((d) => d.list === "i").length;
  const ro = known.filter((d) => d.list === "ro").length;
  const rule = photo >= 1 ? "photo" : i >= 2 ? "two-i" : i >= 1 && ro >= 1 ? "i-and-ro" : undefined;
  if (!rule && problems.length === 0) {
    problems.push({
      path: "documents",
      ja: "写真付きの公的な書類を1点、または健康保険の資格確認書などを含む書類を2点確認してください。",
      en: "Check one official photo document, or two documents including one such as a health insurance certificate.",
    });
  }
  if (input.agent && !input.agentSameHousehold && !input.powerOfAttorney) {
    problems.push({
      path: "powerOfAttorney",
      ja: "代理の方（同じ世帯の方を除く）は委任状が必要です。",
      en: "An agent from outside the household needs a power of attorney.",
    });
  }
  if (problems.length > 0 || !rule) return { verified: false, problems };
  return { verified: true, rule, documents: unique };
}
