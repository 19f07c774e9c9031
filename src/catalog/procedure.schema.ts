import { z } from "zod";
import type { LocaleMap } from "../shared/locale";
import { localeMapSchema } from "./locale-map.schema";
import {
  type Benefit,
  benefits,
  type Department,
  type DivorceType,
  departments,
  divorceTypes,
  type EventFlag,
  type EventType,
  eventFlags,
  eventTypes,
  type Handling,
  handlings,
  type Insurance,
  insurances,
  type MemberFlag,
  memberFlags,
  type Origin,
  origins,
  type PensionCategory,
  type Possession,
  pensionCategories,
  possessions,
  type Relation,
  type RequestKind,
  relations,
  requestKinds,
  type Scope,
  type Stage,
  scopes,
  stages,
} from "./vocabulary";

/** A test on one member's facts. `anyOf` and `not` combine tests; all other shapes are leaves. */
export type MemberCondition =
  | { fact: "age"; min?: number; max?: number }
  /** The age the 国民年金 and 介護保険 laws use: reached the day before the birthday ("…歳に達した日"). */
  | { fact: "legalAge"; min?: number; max?: number }
  | { fact: "relation"; in: Relation[] }
  | { fact: "insurance"; in: Insurance[] }
  | { fact: "pension"; in: PensionCategory[] }
  /** Before the event; the current value when the input gives none ("unchanged"). */
  | { fact: "previousInsurance"; in: Insurance[] }
  | { fact: "previousPension"; in: PensionCategory[] }
  | { fact: "careLevel" }
  | { fact: "flag"; name: MemberFlag }
  | { fact: "benefit"; in: Benefit[] }
  | { fact: "owns"; in: Possession[] }
  | { fact: "stage"; is: Stage }
  | { fact: "anyOf"; of: MemberCondition[] }
  | { fact: "not"; of: MemberCondition };

/** A test on the event or on the household as a whole, checked before members are selected. */
export type HouseholdCondition =
  | { if: "origin"; in: Origin[] }
  | { if: "destination"; in: Origin[] }
  | { if: "eventFlag"; name: EventFlag; is: boolean }
  | { if: "request"; name: RequestKind }
  | { if: "divorceType"; in: DivorceType[] }
  | { if: "count"; scope: Scope; where: MemberCondition[]; min?: number; max?: number };

/**
 * One way a procedure is triggered: on one of `events`, when every `when` condition holds, it
 * applies to the members of `members.scope` that pass every `members.where` test. A procedure is
 * listed when at least one rule selects at least one member.
 */
export interface Rule {
  events: EventType[];
  when?: HouseholdCondition[];
  members: { scope: Scope; where?: MemberCondition[] };
}

/**
 * The last permitted day. `civil`: 民法 §140, the event day is not counted (D + days).
 * `koseki`: 戸籍法 §43, the event day is counted (D + days − 1). `years` and `months`: 民法 §140 and
 * §143, from the day after (see calendar.ts). `from: "funeralDate"` counts from the funeral instead
 * of the event, and gives no date while the funeral date is not known. `when`: the deadline exists
 * only when these household conditions hold (a 離婚届 has one only after a court divorce).
 */
export type DeadlineRule = (
  | { kind: "days"; days: number; basis: "civil" | "koseki" }
  | { kind: "months"; months: number }
  | { kind: "years"; years: number }
) & { from?: "funeralDate"; when?: HouseholdCondition[] };

/** A label from data: Japanese required, other languages where translated (see src/shared/locale.ts). */
export type Text = LocaleMap;

export interface ProcedureEntry {
  id: string;
  /** The procedure's name; Japanese is the legal name, the other languages a translation of it. */
  name: Text;
  /** One line for the resident on what the procedure does, in plain words in each language. */
  easy: Text;
  department: Department;
  /** The body outside the ward office that handles it; required for the `external` department. */
  body?: Text;
  /**
   * The body is the resident's own (the spouse's employer), so no place directory can name its
   * address: the sheet names the body alone.
   */
  ownBody?: true;
  handling: Handling;
  rules: Rule[];
  deadline: DeadlineRule | null;
  /** Who files it when that is not the selected member (e.g. the funeral host for a funeral benefit). */
  claimant?: "funeralHost";
  documents: Text[];
  legalBasis: string[];
}

// Japanese required, other keys only language tags (a misspelt key such as "jp" is refused).
const text = localeMapSchema;
const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1);

export const memberConditionSchema: z.ZodType<MemberCondition> = z.lazy(() =>
  z.discriminatedUnion("fact", [
    z
      .strictObject({
        fact: z.literal("age"),
        min: z.int().min(0).optional(),
        max: z.int().min(0).optional(),
      })
      .refine((c) => c.min !== undefined || c.max !== undefined, "an age test needs min or max")
      .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, "min is above max"),
    z
      .strictObject({
        fact: z.literal("legalAge"),
        min: z.int().min(0).optional(),
        max: z.int().min(0).optional(),
      })
      .refine((c) => c.min !== undefined || c.max !== undefined, "an age test needs min or max")
      .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, "min is above max"),
    z.strictObject({ fact: z.literal("relation"), in: nonEmpty(z.enum(relations)) }),
    z.strictObject({ fact: z.literal("insurance"), in: nonEmpty(z.enum(insurances)) }),
    z.strictObject({ fact: z.literal("pension"), in: nonEmpty(z.enum(pensionCategories)) }),
    z.strictObject({ fact: z.literal("previousInsurance"), in: nonEmpty(z.enum(insurances)) }),
    z.strictObject({ fact: z.literal("previousPension"), in: nonEmpty(z.enum(pensionCategories)) }),
    z.strictObject({ fact: z.literal("careLevel") }),
    z.strictObject({ fact: z.literal("flag"), name: z.enum(memberFlags) }),
    z.strictObject({ fact: z.literal("benefit"), in: nonEmpty(z.enum(benefits)) }),
    z.strictObject({ fact: z.literal("owns"), in: nonEmpty(z.enum(possessions)) }),
    z.strictObject({ fact: z.literal("stage"), is: z.enum(stages) }),
    z.strictObject({ fact: z.literal("anyOf"), of: nonEmpty(memberConditionSchema) }),
    z.strictObject({ fact: z.literal("not"), of: memberConditionSchema }),
  ]),
);

export const householdConditionSchema: z.ZodType<HouseholdCondition> = z.discriminatedUnion("if", [
  z.strictObject({ if: z.literal("origin"), in: nonEmpty(z.enum(origins)) }),
  z.strictObject({ if: z.literal("destination"), in: nonEmpty(z.enum(origins)) }),
  z.strictObject({ if: z.literal("eventFlag"), name: z.enum(eventFlags), is: z.boolean() }),
  z.strictObject({ if: z.literal("request"), name: z.enum(requestKinds) }),
  z.strictObject({ if: z.literal("divorceType"), in: nonEmpty(z.enum(divorceTypes)) }),
  z
    .strictObject({
      if: z.literal("count"),
      scope: z.enum(scopes),
      where: z.array(memberConditionSchema),
      min: z.int().min(0).optional(),
      max: z.int().min(0).optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, "a count needs min or max"),
]);

export const ruleSchema: z.ZodType<Rule> = z.strictObject({
  events: nonEmpty(z.enum(eventTypes)),
  when: z.array(householdConditionSchema).optional(),
  members: z.strictObject({ scope: z.enum(scopes), where: z.array(memberConditionSchema).optional() }),
});

const deadlineOptions = {
  from: z.literal("funeralDate").optional(),
  when: z.array(householdConditionSchema).optional(),
};

export const deadlineRuleSchema: z.ZodType<DeadlineRule> = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("days"),
    days: z.int().min(1),
    basis: z.enum(["civil", "koseki"]),
    ...deadlineOptions,
  }),
  z.strictObject({ kind: z.literal("months"), months: z.int().min(1), ...deadlineOptions }),
  z.strictObject({ kind: z.literal("years"), years: z.int().min(1), ...deadlineOptions }),
]);

/** Procedure ids are dotted lowercase words, e.g. `kokuho.funeral-benefit`. */
export const procedureIdSchema = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "not a procedure id");

export const procedureEntrySchema: z.ZodType<ProcedureEntry> = z
  .strictObject({
    id: procedureIdSchema,
    name: text,
    easy: text,
    department: z.enum(departments),
    body: text.optional(),
    ownBody: z.literal(true).optional(),
    handling: z.enum(handlings),
    rules: nonEmpty(ruleSchema),
    deadline: deadlineRuleSchema.nullable(),
    claimant: z.literal("funeralHost").optional(),
    documents: z.array(text),
    legalBasis: nonEmpty(z.string().min(1)),
  })
  .refine((e) => e.department !== "external" || e.body !== undefined, {
    message: "an external procedure must name its body",
    path: ["body"],
  });

export const catalogFileSchema = z.strictObject({
  version: z.literal(1),
  procedures: z.array(z.unknown()).min(1),
  /**
   * Per event, the order of its plan where it is not the catalogue's: the phase-2 events list their
   * own table (catalogue section 5), which reuses procedures of section 3 in another order.
   */
  order: z.partialRecord(z.enum(eventTypes), z.array(procedureIdSchema).min(1)).optional(),
});
