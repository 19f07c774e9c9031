import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { guideHousehold } from "./guide";

const kumamoto = getMunicipalitySettings("kumamoto");
const date = "2026-04-06";
const husband = {
  id: "m1",
  relation: "head",
  birthDate: "1990-05-05",
  insurance: "employee",
  pension: "cat2",
};
const wife = {
  id: "m2",
  relation: "spouse",
  birthDate: "1992-08-08",
  insurance: "employee",
  pension: "cat3",
  previousPension: "cat1",
  myNumberCard: true,
  sealRegistered: true,
};

describe("a visit with a marriage and the partner's move-in on one day", () => {
  const visit = [
    {
      event: { type: "marriage", date, partners: ["m1", "m2"], surnameChanges: ["m2"] },
      members: [husband, wife],
    },
    {
      event: { type: "move-in", date, origin: "other-municipality" },
      members: [{ ...husband, moving: false }, wife],
    },
  ];

  it("plans the union: each procedure once, in the order it first appears", () => {
    const result = guideHousehold(visit, kumamoto);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const ids = result.plan.procedures.map((p) => p.id);
    expect(ids).toEqual([
      "koseki.marriage",
      "mynumber.name-change",
      "inkan.register",
      "nenkin.cat3-guidance",
      "juki.move-in",
      "mynumber.address-update",
      "suido.notice",
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("merges the members and keeps the earlier deadline of a procedure both events call for", () => {
    const result = guideHousehold(
      [
        {
          event: { type: "divorce", date, partners: ["m1", "m2"], custodian: "m2" },
          members: [husband, { ...wife, insurance: "kokuho", previousInsurance: "employee" }],
        },
        {
          event: { type: "move-in", date: "2026-04-01" },
          members: [
            { ...husband, moving: false },
            { ...wife, insurance: "kokuho", previousInsurance: "employee" },
            { id: "m3", relation: "child", birthDate: "2018-01-01", insurance: "kokuho" },
          ],
        },
      ],
      kumamoto,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const enroll = result.plan.procedures.find((p) => p.id === "kokuho.enroll");
    expect(enroll?.members).toEqual(["m2", "m3"]);
    expect(enroll?.deadline).toBe("2026-04-15");
    expect(enroll?.reasons.length).toBeGreaterThan(1);
  });

  it("refuses a visit whose second event contradicts itself, naming the event by its place", () => {
    const result = guideHousehold(
      [visit[0], { event: { type: "marriage", date, partners: ["m1"] }, members: [husband] }],
      kumamoto,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems.map((p) => p.path)).toEqual(["[1].event.partners"]);
  });

  it("refuses an empty list of events", () => {
    expect(guideHousehold([], kumamoto).ok).toBe(false);
  });
});
