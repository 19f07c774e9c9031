import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getCatalog } from "../catalog/load-catalog";
import { getMunicipalitySettings } from "../catalog/municipalities";
import { benefits, moveEvents, possessions } from "../catalog/vocabulary";
import { addDays, type CalendarDate, formatIsoDate, parseIsoDate } from "./calendar";
import { isClosedDay } from "./due-date";
import { planGuidance } from "./engine";
import { validHousehold } from "./household.arbitrary";
import type { Household, Member } from "./household.schema";
import { parseHousehold } from "./validate";

const settings = getMunicipalitySettings("national");
const catalog = getCatalog();
const order = catalog.procedures.map((p) => p.id);
const runs = { numRuns: 400 };

/** The household as `parseHousehold` returns it, so properties see what the engine sees in use. */
function accepted(h: Household): Household {
  const result = parseHousehold(h);
  if (!result.ok)
    throw new Error(`the arbitrary made an invalid household: ${JSON.stringify(result.problems)}`);
  return result.household;
}
const plan = (h: Household) => planGuidance(accepted(h), settings);

/**
 * Facts that can only add reasons to do something. Not in this list, on purpose: `publicServant`
 * (a moving head or spouse who is one suppresses jidoteate.claim), a change of `insurance`
 * (welfare excludes kodomo-iryo.enroll; kokuho and kouki procedures swap), `moving: false`,
 * `deathRegistered` (suppresses koseki.death) and `origin` (nenkin.address-change vs nenkin.enroll).
 */
type Addition = (h: Household, index: number) => void;
const memberFlag =
  (
    flag:
      | "pensionRecipient"
      | "myNumberCard"
      | "disabilityCertificate"
      | "sealRegistered"
      | "pregnant"
      | "needsDaycare",
  ): Addition =>
  (h, i) => {
    (h.members[i] as Member)[flag] = true;
  };
const additions: [string, Addition][] = [
  ["a pension", memberFlag("pensionRecipient")],
  ["a My Number card", memberFlag("myNumberCard")],
  ["a disability certificate", memberFlag("disabilityCertificate")],
  ["a seal registration", memberFlag("sealRegistered")],
  ["a pregnancy", memberFlag("pregnant")],
  ["a need for day care", memberFlag("needsDaycare")],
  [
    "a care level",
    (h, i) => {
      const m = h.members[i] as Member;
      m.careLevel = m.careLevel ?? "care3";
    },
  ],
  ...benefits.map((b): [string, Addition] => [
    `the benefit ${b}`,
    (h, i) => {
      const m = h.members[i] as Member;
      m.benefits = [...new Set([...(m.benefits ?? []), b])];
    },
  ]),
  ...possessions.map((o): [string, Addition] => [
    `owning a ${o}`,
    (h, i) => {
      const m = h.members[i] as Member;
      m.owns = [...new Set([...(m.owns ?? []), o])];
    },
  ]),
  [
    "a request for a residence certificate",
    (h) => {
      h.requests = ["residenceCertificate"];
    },
  ],
  [
    "a change of school district",
    (h) => {
      h.event.schoolDistrictChanges = true;
    },
  ],
];

/** Benefits whose receipt turns a claim into a change of amount (birth) or none (the divorce's custodian). */
const replacesClaim = ["childAllowance", "childRearingAllowance", "singleParentMedical"];

const nextDay = (iso: string): string => formatIsoDate(addDays(parseIsoDate(iso) as CalendarDate, 1));

describe("for any valid household", () => {
  it("the generator only makes households that validation accepts", () => {
    fc.assert(
      fc.property(validHousehold, (h) => {
        expect(parseHousehold(h).ok).toBe(true);
      }),
      runs,
    );
  });

  it("the plan lists only catalogue procedures, each once, in catalogue order or the event's own table", () => {
    fc.assert(
      fc.property(validHousehold, (h) => {
        const own = catalog.order.get(h.event.type) ?? order;
        const positions = plan(h).procedures.map((item) => own.indexOf(item.id));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
      }),
      runs,
    );
  });

  it("members are input members, in input order, and never a non-mover for a procedure about movers", () => {
    fc.assert(
      fc.property(validHousehold, (h) => {
        const ids = h.members.map((m) => m.id);
        const stays = new Set(h.members.filter((m) => m.moving === false).map((m) => m.id));
        for (const item of plan(h).procedures) {
          expect(item.members.length).toBeGreaterThan(0);
          const positions = item.members.map((id) => ids.indexOf(id));
          expect(positions.every((p) => p >= 0)).toBe(true);
          expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
          const rules = catalog.byId.get(item.id)?.rules.filter((r) => r.events.includes(h.event.type)) ?? [];
          const aboutMovers = rules.every((r) => r.members.scope === "moving");
          if (moveEvents.includes(h.event.type) && aboutMovers) {
            expect(item.members.filter((id) => stays.has(id))).toEqual([]);
          }
          if (rules.every((r) => r.members.scope === "subject"))
            expect(item.members).toEqual([h.event.subject]);
        }
      }),
      runs,
    );
  });

  it("every deadline falls on or after the event day, and exactly where the catalogue sets one", () => {
    fc.assert(
      fc.property(validHousehold, (h) => {
        for (const item of plan(h).procedures) {
          const rule = catalog.byId.get(item.id)?.deadline;
          // A deadline counted from the funeral, or only for some divorces, may be unknown or absent.
          const conditional = rule?.from !== undefined || rule?.when !== undefined;
          if (rule === null) expect(item.deadline).toBeNull();
          else if (!conditional) expect(item.deadline).not.toBeNull();
          if (item.deadline !== null) {
            expect(item.deadline >= h.event.date).toBe(true);
            expect(item.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          }
          expect(item.reasons.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it("due is the deadline, or the first open day after it when the office is closed on it", () => {
    fc.assert(
      fc.property(validHousehold, (h) => {
        for (const item of plan(h).procedures) {
          if (item.deadline === null) {
            expect(item.due).toBeNull();
            continue;
          }
          const due = item.due as string;
          expect(due >= item.deadline).toBe(true);
          expect(isClosedDay(due)).toBe(false);
          // Every day from the deadline up to the day before `due` is a closed day.
          for (let day = item.deadline; day < due; day = nextDay(day))
            expect(isClosedDay(day), day).toBe(true);
        }
      }),
      runs,
    );
  });

  it("the same input always gives the same plan", () => {
    fc.assert(
      fc.property(validHousehold, (h) => {
        const first = plan(h);
        expect(plan(structuredClone(h))).toEqual(first);
        const household = accepted(h);
        expect(planGuidance(household, settings)).toEqual(planGuidance(household, settings));
      }),
      runs,
    );
  });

  it.each(additions)("adding %s to a member never removes a procedure or a member from one", (name, add) => {
    fc.assert(
      fc.property(validHousehold, fc.nat(), (h, pick) => {
        // A benefit already received replaces a claim by a change (出生: 額改定; 離婚: the custodian's).
        fc.pre(!(replacesClaim.some((b) => name.endsWith(b)) && ["birth", "divorce"].includes(h.event.type)));
        const before = plan(h);
        const more = structuredClone(h);
        add(more, pick % more.members.length);
        const after = new Map(plan(more).procedures.map((item) => [item.id, item.members]));
        for (const item of before.procedures) {
          expect(after.get(item.id), item.id).toEqual(expect.arrayContaining(item.members));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("adding a member who is not a public servant never removes a procedure or a member from one", () => {
    // Drawn the other way round: the household without its last member must plan a subset.
    fc.assert(
      fc.property(validHousehold, (h) => {
        const last = h.members.at(-1) as Member;
        fc.pre(h.members.length > 1 && last.publicServant !== true);
        fc.pre(last.id !== h.event.subject && last.id !== h.event.funeralHost);
        const named = [
          h.event.mother,
          h.event.custodian,
          h.event.leaving,
          ...(h.event.partners ?? []),
          ...(h.event.surnameChanges ?? []),
          ...(h.event.keepSurname ?? []),
        ];
        fc.pre(!named.includes(last.id));
        fc.pre(h.event.type !== "birth" || !last.benefits?.includes("childAllowance"));
        fc.pre(!(h.filer && "member" in h.filer && h.filer.member === last.id));
        const after = new Map(plan(h).procedures.map((item) => [item.id, item.members]));
        for (const item of plan({ ...h, members: h.members.slice(0, -1) }).procedures) {
          expect(after.get(item.id), item.id).toEqual(expect.arrayContaining(item.members));
        }
      }),
      runs,
    );
  });
});
