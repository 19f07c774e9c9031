import { describe, expect, it } from "vitest";
import { checkIdentity } from "./identity";
import { canTransition, isTerminal, transition, type VisitState, visitStates } from "./visit";

describe("visit state machine", () => {
  const forward: Array<[VisitState, VisitState]> = [
    ["reception", "identity"],
    ["identity", "household"],
    ["household", "plan"],
    ["plan", "interview"],
    ["interview", "review"],
    ["review", "signature"],
    ["signature", "accepted"],
    ["accepted", "closed"],
  ];

  it.each(forward)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(["reception", "identity", "household", "plan", "interview", "review", "signature"] as const)(
    "allows cancelling from %s",
    (from) => {
      expect(canTransition(from, "cancelled")).toBe(true);
    },
  );

  it("refuses skipping a step, such as accepting straight from the interview", () => {
    const result = transition("interview", "accepted", "staff-1", new Date("2026-04-06T01:00:00Z"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result).toMatchObject({ from: "interview", to: "accepted" });
  });

  it("refuses cancelling an accepted visit, whose applications are already committed", () => {
    expect(canTransition("accepted", "cancelled")).toBe(false);
  });

  it("lets nothing leave a closed or cancelled visit", () => {
    for (const to of visitStates) {
      expect(canTransition("closed", to)).toBe(false);
      expect(canTransition("cancelled", to)).toBe(false);
    }
    expect(isTerminal("closed") && isTerminal("cancelled")).toBe(true);
  });

  it("records who moved the visit and when", () => {
    const at = new Date("2026-04-06T01:02:03Z");
    expect(transition("reception", "identity", "staff-7", at)).toEqual({
      ok: true,
      transition: { from: "reception", to: "identity", at: "2026-04-06T01:02:03.000Z", staffId: "staff-7" },
    });
  });
});

describe("identity verification", () => {
  const base = { agent: false, agentSameHousehold: false, powerOfAttorney: false };

  it.each([
    [["mynumber-card"], "photo"],
    [["health-insurance-certificate", "pension-book"], "two-i"],
    [["health-insurance-certificate", "bank-passbook"], "i-and-ro"],
  ] as const)("accepts %j under the %s rule", (documents, rule) => {
    const result = checkIdentity({ ...base, documents: [...documents] });
    expect(result).toEqual({ verified: true, rule, documents });
  });

  it.each([[["bank-passbook", "student-id"]], [["health-insurance-certificate"]], [[]]])(
    "refuses %j",
    (documents) => {
      expect(checkIdentity({ ...base, documents }).verified).toBe(false);
    },
  );

  it("does not count the same document twice", () => {
    expect(checkIdentity({ ...base, documents: ["pension-book", "pension-book"] }).verified).toBe(false);
  });

  it("refuses an unknown document type rather than guessing", () => {
    const result = checkIdentity({ ...base, documents: ["mynumber-card", "library-card"] });
    expect(result.verified).toBe(false);
  });

  it("asks an agent from outside the household for a power of attorney", () => {
    const withoutAttorney = checkIdentity({
      documents: ["drivers-licence"],
      agent: true,
      agentSameHousehold: false,
      powerOfAttorney: false,
    });
    expect(withoutAttorney.verified).toBe(false);
    expect(
      checkIdentity({
        documents: ["drivers-licence"],
        agent: true,
        agentSameHousehold: false,
        powerOfAttorney: true,
      }).verified,
    ).toBe(true);
    expect(
      checkIdentity({
        documents: ["drivers-licence"],
        agent: true,
        agentSameHousehold: true,
        powerOfAttorney: false,
      }).verified,
    ).toBe(true);
  });
});
