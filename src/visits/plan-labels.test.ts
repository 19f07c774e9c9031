import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { guideHousehold } from "../guidance/guide";
import type { VisitRow } from "./visit.repository";
import { presentPlan } from "./visits.presenters";

// The visit's plan names where each procedure is done. The city's own waterworks bureau and animal
// centre are city offices: they are named, not lumped in with "市役所以外の機関".
const household = {
  event: { type: "move-in", date: "2026-04-06", origin: "other-municipality", crossPrefecture: false },
  members: [
    {
      id: "m1",
      relation: "head",
      birthDate: "1990-05-01",
      insurance: "kokuho",
      pension: "cat1",
      name: "𠮷田 太郎",
      kana: "ヨシダ タロウ",
      owns: ["dog"],
    },
  ],
};

describe("the visit's plan", () => {
  it("names the city body that takes a procedure outside the ward office", () => {
    const settings = getMunicipalitySettings("kumamoto");
    const guided = guideHousehold(household, settings);
    if (!guided.ok) throw new Error("the household did not plan");
    const visit = {
      id: "v1",
      municipalityId: "kumamoto",
      household,
      plan: guided.plan,
      declined: [],
      answers: {},
      registryFacts: {},
    } as unknown as VisitRow;
    const rows = presentPlan(visit, settings);
    expect(rows.find((r) => r.id === "suido.notice")?.department?.ja).toBe("熊本市上下水道局");
    expect(rows.find((r) => r.id === "inu.registration-change")?.department?.ja).toBe(
      "熊本市動物愛護センター",
    );
    expect(rows.find((r) => r.id === "juki.move-in")?.department?.ja).toBe("区民課");
  });
});
