import type { HouseholdCondition, MemberCondition } from "../catalog/procedure.schema";
import {
  type Benefit,
  benefits,
  type EventFlag,
  type EventType,
  type Insurance,
  type PensionCategory,
  type Possession,
  possessions,
  type Relation,
  type Scope,
} from "../catalog/vocabulary";
import type { Message, MessageParams } from "../shared/locale";
import { compileMemberTest } from "./conditions";
import { bitsOf, type MemberFacts } from "./facts";

/**
 * Reasons as codes. Every rule condition has a fact token, so a reason is generated from the very
 * data that selected the procedure and cannot drift from it; the words live in the catalogues
 * (locales/<lang>/guidance.json, keys `reason.*` and `fact.*`) and only the web layer reads them
 * (src/guidance/pages/guidance.presenter.ts, `reasonText`).
 *
 * A reason is `{ code, params }` with plain data in `params`:
 * - `member1`, `name1`, `member2`, `name2`, …: the members the reason is about, in input order (the
 *   name only where the input had one);
 * - `scope`: why the members are looked at: the move event for movers (`moveIn`, `moveWithin`,
 *   `moveBetweenWards`, `moveOut`, or `moving` for any other event), `subject`, `remaining`,
 *   `household`;
 * - `facts`: what is true of them, as tokens named after the catalogue's own conditions. Tokens
 *   separated by a space all hold ("and"); alternatives within one are separated by `|` ("or"):
 *   `age:15-` `age:20-59` `age:-2` · `relation:head` · `insurance:kokuho` · `pension:cat1` ·
 *   `careLevel` · `flag:myNumberCard` · `benefit:childAllowance` · `owns:lightVehicle+moped` (owns
 *   each) · `ownsAny:lightVehicle+moped` (owns one of) · `stage:schoolAge` · `childMedicalAge:12`
 *   (the municipality's grade limit) — e.g. `age:65-|careLevel flag:sealRegistered`;
 * - `min`: how many members a household condition asks for.
 */
export type Reason = Message;

/** The catalogue ids of reasons (module `guidance`, keys `reason.*`). */
export const reasonCodes = {
  members: "guidance.reason.members",
  membersInScope: "guidance.reason.membersInScope",
  anyone: "guidance.reason.anyone",
  claimant: "guidance.reason.claimant",
  claimantUnknown: "guidance.reason.claimantUnknown",
  fromAbroad: "guidance.reason.fromAbroad",
  fromOtherMunicipality: "guidance.reason.fromOtherMunicipality",
  toAbroad: "guidance.reason.toAbroad",
  toOtherMunicipality: "guidance.reason.toOtherMunicipality",
  crossPrefecture: "guidance.reason.crossPrefecture",
  samePrefecture: "guidance.reason.samePrefecture",
  deathRegistered: "guidance.reason.deathRegistered",
  deathNotRegistered: "guidance.reason.deathNotRegistered",
  schoolDistrictChanges: "guidance.reason.schoolDistrictChanges",
  schoolDistrictSame: "guidance.reason.schoolDistrictSame",
  birthRegistered: "guidance.reason.birthRegistered",
  birthNotRegistered: "guidance.reason.birthNotRegistered",
  marriageRegistered: "guidance.reason.marriageRegistered",
  marriageNotRegistered: "guidance.reason.marriageNotRegistered",
  divorceRegistered: "guidance.reason.divorceRegistered",
  divorceNotRegistered: "guidance.reason.divorceNotRegistered",
  householdsMerge: "guidance.reason.householdsMerge",
  householdsStaySeparate: "guidance.reason.householdsStaySeparate",
  divorceType: "guidance.reason.divorceType",
  residenceCertificateRequested: "guidance.reason.residenceCertificateRequested",
  deceasedWas: "guidance.reason.deceasedWas",
  countWith: "guidance.reason.countWith",
  count: "guidance.reason.count",
  /** A stored reason from before codes (a Japanese sentence nobody could map back): `{ text }`. */
  legacy: "guidance.reason.legacy",
} as const;

const ownsToken = (items: readonly Possession[], kind: "owns" | "ownsAny"): string =>
  `${kind}:${items.join("+")}`;

function ageToken(min: number | undefined, max: number | undefined): string {
  return `age:${min ?? ""}-${max ?? ""}`;
}

/** Adds to `out` the fact tokens of a condition that are true of this member. */
export type MemberDescriber = (facts: MemberFacts, out: string[]) => void;

/**
 * The fact token for a member condition: a string when it is the same for every member it selects
 * (so the reason can be built once), a describer when it depends on the member (a list of allowed
 * values names the member's own value). `not` adds no token: what a member is not is no reason for
 * a procedure.
 */
export function compileDescriber(
  condition: MemberCondition,
  childMedicalGradeLimit: number,
): string | MemberDescriber {
  switch (condition.fact) {
    case "age":
    case "legalAge":
      return ageToken(condition.min, condition.max);
    case "relation":
      return condition.in.length === 1
        ? `relation:${condition.in[0] as Relation}`
        : (f, out) => out.push(`relation:${f.relation}`);
    case "previousInsurance":
      return condition.in.length === 1
        ? `previousInsurance:${condition.in[0] as Insurance}`
        : (f, out) => out.push(`previousInsurance:${f.previousInsurance}`);
    case "previousPension":
      return condition.in.length === 1
        ? `previousPension:${condition.in[0] as PensionCategory}`
        : (f, out) => {
            if (f.previousPension) out.push(`previousPension:${f.previousPension}`);
          };
    case "insurance":
      return condition.in.length === 1
        ? `insurance:${condition.in[0] as Insurance}`
        : (f, out) => out.push(`insurance:${f.insurance}`);
    case "pension":
      return condition.in.length === 1
        ? `pension:${condition.in[0] as PensionCategory}`
        : (f, out) => {
            if (f.pension) out.push(`pension:${f.pension}`);
          };
    case "careLevel":
      return "careLevel";
    case "flag":
      return `flag:${condition.name}`;
    case "benefit": {
      if (condition.in.length === 1) return `benefit:${condition.in[0] as Benefit}`;
      const wanted = condition.in.map((item) => ({
        bit: bitsOf(benefits, [item]),
        token: `benefit:${item}`,
      }));
      return (f, out) => {
        for (const { bit, token } of wanted) if ((f.benefits & bit) !== 0) out.push(token);
      };
    }
    case "owns": {
      if (condition.in.length === 1) return ownsToken(condition.in, "owns");
      const wanted = condition.in.map((item) => ({ item, bit: bitsOf(possessions, [item]) }));
      return (f, out) =>
        out.push(
          ownsToken(
            wanted.filter(({ bit }) => (f.owns & bit) !== 0).map((w) => w.item),
            "owns",
          ),
        );
    }
    case "stage":
      return condition.is === "childMedicalAge"
        ? `childMedicalAge:${childMedicalGradeLimit}`
        : `stage:${condition.is}`;
    case "anyOf": {
      // Only the alternatives that hold are named: "65歳以上", not "65歳以上または認定済み".
      const parts = condition.of.map((c) => ({
        test: compileMemberTest(c, childMedicalGradeLimit),
        token: compileDescriber(c, childMedicalGradeLimit),
      }));
      return (f, out) => {
        for (const { test, token } of parts) {
          if (!test(f)) continue;
          if (typeof token === "function") token(f, out);
          else if (token !== "") out.push(token);
        }
      };
    }
    case "not":
      return "";
  }
}

// ICU select keys cannot hold a hyphen, hence camelCase.
const movingScopes: Partial<Record<EventType, string>> = {
  "move-in": "moveIn",
  "move-within": "moveWithin",
  "move-between-wards": "moveBetweenWards",
  "move-out": "moveOut",
};

/** The `scope` parameter: who is looked at, with the move event for movers; a birth's subject is the newborn. */
export function scopeParam(scope: Scope, event: EventType): string {
  if (scope === "moving") return movingScopes[event] ?? "moving";
  if (scope === "subject" && event === "birth") return "newborn";
  return scope;
}

/** The condition's tokens independent of any member: lists become alternatives ("a|b"). */
function genericToken(condition: MemberCondition, childMedicalGradeLimit: number): string | null {
  switch (condition.fact) {
    case "age":
    case "legalAge":
      return ageToken(condition.min, condition.max);
    case "relation":
      return condition.in.map((r) => `relation:${r}`).join("|");
    case "previousInsurance":
      return condition.in.map((i) => `previousInsurance:${i}`).join("|");
    case "previousPension":
      return condition.in.map((p) => `previousPension:${p}`).join("|");
    case "insurance":
      return condition.in.map((i) => `insurance:${i}`).join("|");
    case "pension":
      return condition.in.map((p) => `pension:${p}`).join("|");
    case "benefit":
      return condition.in.map((b) => `benefit:${b}`).join("|");
    case "owns":
      return ownsToken(condition.in, condition.in.length === 1 ? "owns" : "ownsAny");
    case "careLevel":
    case "flag":
    case "stage":
      return compileDescriber(condition, childMedicalGradeLimit) as string;
    case "anyOf": {
      const parts = condition.of
        .map((c) => genericToken(c, childMedicalGradeLimit))
        .filter((w) => w !== null);
      return parts.length > 0 ? parts.join("|") : null;
    }
    case "not":
      return null;
  }
}

const eventFlagCodes: Record<EventFlag, [string, string]> = {
  crossPrefecture: [reasonCodes.crossPrefecture, reasonCodes.samePrefecture],
  deathRegistered: [reasonCodes.deathRegistered, reasonCodes.deathNotRegistered],
  schoolDistrictChanges: [reasonCodes.schoolDistrictChanges, reasonCodes.schoolDistrictSame],
  birthRegistered: [reasonCodes.birthRegistered, reasonCodes.birthNotRegistered],
  marriageRegistered: [reasonCodes.marriageRegistered, reasonCodes.marriageNotRegistered],
  divorceRegistered: [reasonCodes.divorceRegistered, reasonCodes.divorceNotRegistered],
  householdsMerge: [reasonCodes.householdsMerge, reasonCodes.householdsStaySeparate],
};

/**
 * The reason a household condition adds when it holds, or null when it only rules something out
 * (a "none of" count is the absence of a fact, which is no reason to do anything).
 */
export function householdReason(
  condition: HouseholdCondition,
  event: EventType,
  childMedicalGradeLimit: number,
): Reason | null {
  switch (condition.if) {
    case "origin":
      return {
        code:
          condition.in.length === 1 && condition.in[0] === "abroad"
            ? reasonCodes.fromAbroad
            : reasonCodes.fromOtherMunicipality,
      };
    case "destination":
      return {
        code:
          condition.in.length === 1 && condition.in[0] === "abroad"
            ? reasonCodes.toAbroad
            : reasonCodes.toOtherMunicipality,
      };
    case "eventFlag": {
      const [yes, no] = eventFlagCodes[condition.name];
      return { code: condition.is ? yes : no };
    }
    case "request":
      return { code: reasonCodes.residenceCertificateRequested };
    case "divorceType":
      return { code: reasonCodes.divorceType, params: { type: condition.in.join("|") } };
    case "count": {
      const min = condition.min ?? 0;
      if (min === 0) return null;
      const facts = condition.where
        .map((c) => genericToken(c, childMedicalGradeLimit))
        .filter((w) => w !== null && w !== "")
        .join(" ");
      if (condition.scope === "subject" && event === "death")
        return facts ? { code: reasonCodes.deceasedWas, params: { facts } } : null;
      const scope = scopeParam(condition.scope, event);
      return facts
        ? { code: reasonCodes.countWith, params: { scope, facts, min } }
        : { code: reasonCodes.count, params: { scope, min } };
    }
  }
}

/** A stable text for a reason, so the same household reason is listed once per procedure. */
export const reasonKey = (reason: Reason): string =>
  reason.params ? `${reason.code} ${JSON.stringify(reason.params)}` : reason.code;

/** The `member1`, `name1`, … parameters for members (input order). */
export function memberParams(members: readonly MemberFacts[], into: MessageParams = {}): MessageParams {
  for (let i = 0; i < members.length; i++) {
    const f = members[i] as MemberFacts;
    into[`member${i + 1}`] = f.id;
    if (f.member.name !== undefined) into[`name${i + 1}`] = f.member.name;
  }
  return into;
}

/** The reason for members of a scope: with what is true of them, or only that they are in it. */
export function membersReason(members: readonly MemberFacts[], scope: string, facts: string): Reason {
  const params: MessageParams = { scope };
  if (facts !== "") params.facts = facts;
  memberParams(members, params);
  return { code: facts === "" ? reasonCodes.membersInScope : reasonCodes.members, params };
}

/** Who files a procedure claimed by the funeral host (named when the input says who). */
export function claimantReason(host: MemberFacts | undefined): Reason {
  return host
    ? { code: reasonCodes.claimant, params: memberParams([host]) }
    : { code: reasonCodes.claimantUnknown };
}
