import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { eventTypes } from "../catalog/vocabulary";
import { planGuidance } from "./engine";
import { validHousehold } from "./household.arbitrary";
import type { Household } from "./household.schema";
import { parseHousehold } from "./validate";

const settings = getMunicipalitySettings("kumamoto");

/** A way to break a valid household, with the problem codes that may then name it. */
type Breakage = {
  name: string;
  applies: (h: Household) => boolean;
  apply: (h: Household) => void;
  codes: string[];
};

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
const yearsBefore = (iso: string, years: number) => `${Number(iso.slice(0, 4)) - years}${iso.slice(4, 10)}`;
const index = (h: Household, id: string | undefined) => h.members.findIndex((m) => m.id === id);

const breakages: Breakage[] = [
  {
    name: "a date that does not exist",
    applies: () => true,
    apply: (h) => {
      h.event.date = "2026-02-30";
    },
    codes: ["date.invalid"],
  },
  {
    name: "an insurance that is not one",
    applies: () => true,
    apply: (h) => {
      (h.members[0] as { insurance: string }).insurance = "private";
    },
    codes: ["schema.value"],
  },
  {
    name: "a newborn born the day before the birth",
    applies: (h) => h.event.type === "birth",
    apply: (h) => {
      const m = h.members[index(h, h.event.subject)];
      if (m) m.birthDate = dayBefore(h.event.date);
    },
    codes: ["event.newborn-birth-date"],
  },
  {
    name: "a marriage partner of 17",
    applies: (h) => h.event.type === "marriage",
    apply: (h) => {
      const m = h.members[index(h, h.event.partners?.[1])];
      if (m) {
        m.birthDate = dayBefore(yearsBefore(h.event.date, 17));
        delete m.pension;
        delete m.previousPension;
      }
    },
    codes: ["event.partner-under-18", "member.pension-age"],
  },
  {
    name: "a custodian who is not a partner",
    applies: (h) => h.event.type === "divorce",
    apply: (h) => {
      h.event.custodian = "m99";
    },
    codes: ["event.member-unknown"],
  },
  {
    name: "one member both changing and keeping a surname",
    applies: (h) => h.event.type === "divorce",
    apply: (h) => {
      const id = h.event.partners?.[0] as string;
      h.event.surnameChanges = [id];
      h.event.keepSurname = [id];
    },
    codes: ["event.surname-both"],
  },
  {
    name: "partners that are one member twice",
    applies: (h) => h.event.type === "marriage" || h.event.type === "divorce",
    apply: (h) => {
      const id = h.event.partners?.[0] as string;
      h.event.partners = [id, id];
    },
    codes: ["event.partners-not-two"],
  },
];

describe("households of every event", () => {
  it("every valid household of every event gets a plan", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(validHousehold, (h) => {
        const parsed = parseHousehold(h);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(Array.isArray(planGuidance(parsed.household, settings).procedures)).toBe(true);
        seen.add(h.event.type);
      }),
      { numRuns: 600 },
    );
    expect([...seen].sort()).toEqual([...eventTypes].sort());
  });

  it("every household broken in a known way is refused with a problem naming a field", () => {
    fc.assert(
      fc.property(validHousehold, fc.nat(), (h, pick) => {
        const applicable = breakages.filter((b) => b.applies(h));
        const breakage = applicable[pick % applicable.length] as Breakage;
        const broken = structuredClone(h);
        breakage.apply(broken);
        const parsed = parseHousehold(broken);
        expect(parsed.ok, breakage.name).toBe(false);
        if (parsed.ok) return;
        for (const problem of parsed.problems) expect(problem.field, breakage.name).not.toBe("");
        const codes = parsed.problems.map((p) => p.code.replace("guidance.problem.", ""));
        expect(
          codes.some((c) => breakage.codes.includes(c)),
          `${breakage.name}: ${codes}`,
        ).toBe(true);
      }),
      { numRuns: 600 },
    );
  });
});
