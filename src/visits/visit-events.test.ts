import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import type { Household } from "../guidance/household.schema";
import type { VisitRow } from "./visit.repository";
import { eventProblems, planVisit, unionHousehold } from "./visit-events";
import { renderVisitForms, visitFormInputs } from "./visit-forms";

const settings = getMunicipalitySettings("kumamoto");
const takumi = {
  id: "m1",
  name: "阿蘇 拓海",
  relation: "head",
  birthDate: "1993-03-03",
  sex: "male",
  insurance: "employee",
} as const;
const misaki = {
  id: "m2",
  name: "阿蘇 美咲",
  relation: "spouse",
  birthDate: "1995-09-09",
  sex: "female",
  insurance: "kokuho",
} as const;
const sora = {
  id: "m3",
  name: "阿蘇 空",
  relation: "child",
  birthDate: "2019-06-06",
  sex: "male",
  insurance: "kokuho",
} as const;

const marriage = {
  event: { type: "marriage", date: "2027-02-10", partners: ["m1", "m2"], surnameChanges: ["m2"] },
  members: [takumi, misaki],
} as unknown as Household;
// The partner moves in with her child the same day: a member the marriage does not name.
const moveIn = {
  event: { type: "move-in", date: "2027-02-12", origin: "other-municipality" },
  members: [
    { ...takumi, moving: false },
    { ...misaki, moving: true },
    { ...sora, moving: true },
  ],
} as unknown as Household;

const visit = (households: Household[]): VisitRow =>
  ({
    id: "3f2c9a4e-0000-4000-8000-000000000002",
    municipalityId: "kumamoto",
    state: "interview",
    household: households[0],
    moreHouseholds: households.slice(1),
    plan: planVisit(households, settings),
    declined: [],
    answers: {},
    registryFacts: {},
  }) as unknown as VisitRow;

describe("a visit of several events", () => {
  it("plans the union, each procedure once, and records the event that first called for each", () => {
    const plan = planVisit([marriage, moveIn], settings);
    const ids = plan.procedures.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(plan.eventOf?.["koseki.marriage"]).toBe(0);
    expect(plan.eventOf?.["juki.move-in"]).toBe(1);
    const single = planVisit([marriage], settings);
    expect(single).not.toHaveProperty("eventOf");
  });

  it("knows the visit's people as one household: the child only the move-in names comes after the couple", () => {
    expect(unionHousehold([marriage, moveIn]).members.map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    expect(unionHousehold([marriage, moveIn]).event.type).toBe("marriage");
  });

  it.each([
    ["the same event twice", marriage, ["eventAlreadyInVisit"]],
    [
      "a number that names someone else",
      { ...moveIn, members: [takumi, { ...sora, id: "m2" }] } as unknown as Household,
      ["memberDiffers"],
    ],
    ["a further event of the same people", moveIn, []],
  ])("refuses or takes %s", (_case, added, reasons) => {
    expect(eventProblems([marriage], added).map((p) => p.reason)).toEqual(reasons);
  });

  it("fills each form from its own event's household, and asks each question once", async () => {
    const inputs = visitFormInputs(visit([marriage, moveIn]));
    expect(inputs.householdFor("koseki.marriage").event.type).toBe("marriage");
    expect(inputs.householdFor("juki.move-in").event).toMatchObject({ type: "move-in", date: "2027-02-12" });
    expect(inputs.household.members).toHaveLength(3);
    const asked = inputs.questions.map((q) => `${q.key}/${q.memberId ?? ""}`);
    expect(new Set(asked).size).toBe(asked.length);
    const alone = visitFormInputs(visit([moveIn])).questions.map((q) => `${q.key}/${q.memberId ?? ""}`);
    expect(asked).toEqual(expect.arrayContaining(alone));
    const rendered = await renderVisitForms(visit([marriage, moveIn]), inputs, { filedOn: "2027-02-12" });
    expect(rendered.forms.map((f) => f.procedureId)).toEqual(
      expect.arrayContaining(["koseki.marriage", "juki.move-in"]),
    );
    const movedIn = rendered.forms.find((f) => f.procedureId === "juki.move-in");
    expect(movedIn?.members).toEqual(["m2", "m3"]);
  });
});
