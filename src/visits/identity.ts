// Identity verification once per visit, under 住民基本台帳法 §27 as Kumamoto applies it: one official
// photo document, or two documents (two from list イ, or one from イ and one from ロ). An agent also
// shows a power of attorney unless they belong to the same household. Only document TYPES are kept:
// never a copy or a number of a document, and never the 個人番号.

import type { Problem } from "../shared/errors";
import { visitProblem } from "./visits.errors";

export type DocumentList = "photo" | "i" | "ro";

export interface IdentityDocument {
  /** Stable code, stored with the visit; the identity page names it from the catalogue (`visits.doc…`). */
  code: string;
  list: DocumentList;
}

const documentsIn = (list: DocumentList, codes: string[]): IdentityDocument[] =>
  codes.map((code) => ({ code, list }));

export const identityDocuments: readonly IdentityDocument[] = [
  ...documentsIn("photo", [
    "mynumber-card",
    "drivers-licence",
    "passport",
    "residence-card",
    "special-permanent-resident",
    "physical-disability-certificate",
    "ryoiku-techo",
    "mental-health-certificate",
  ]),
  ...documentsIn("i", [
    "health-insurance-certificate",
    "care-insurance-certificate",
    "pension-book",
    "pension-certificate",
  ]),
  ...documentsIn("ro", ["student-id", "employee-id", "bank-passbook"]),
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
  | { verified: false; problems: Problem[] };

/** Applies the one rule; unknown codes and duplicates are refused, never guessed. */
export function checkIdentity(input: IdentityCheckInput): IdentityCheckResult {
  const problems: Problem[] = [];
  const unique = [...new Set(input.documents)];
  const docs = unique.map((code) => byCode.get(code));
  if (docs.some((d) => d === undefined)) {
    problems.push(visitProblem("documentUnknown", undefined, "documents"));
  }
  const known = docs.filter((d): d is IdentityDocument => d !== undefined);
  const photo = known.filter((d) => d.list === "photo").length;
  const i = known.filter((d) => d.list === "i").length;
  const ro = known.filter((d) => d.list === "ro").length;
  const rule = photo >= 1 ? "photo" : i >= 2 ? "two-i" : i >= 1 && ro >= 1 ? "i-and-ro" : undefined;
  if (!rule && problems.length === 0) {
    problems.push(visitProblem("documentsInsufficient", undefined, "documents"));
  }
  if (input.agent && !input.agentSameHousehold && !input.powerOfAttorney) {
    problems.push(visitProblem("powerOfAttorneyRequired", undefined, "powerOfAttorney"));
  }
  if (problems.length > 0 || !rule) return { verified: false, problems };
  return { verified: true, rule, documents: unique };
}
