import { z } from "zod";
import {
  benefits,
  careLevels,
  eventTypes,
  insurances,
  origins,
  pensionCategories,
  possessions,
  relations,
  requestKinds,
  sexes,
} from "../catalog/vocabulary";
import { parseIsoDate } from "./calendar";

/**
 * NFKC folds full-width Latin, half-width katakana and similar input variants, but it also maps
 * the CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F, e.g. 神 U+FA19 → 神) to
 * their unified forms, and a registered name must keep the exact character of the family register.
 * So those ideographs are passed through untouched and only the text between them is normalised.
 * Variation selectors (IVS) and non-BMP kanji such as 𠮷 are not changed by NFKC.
 */
export function normalizeNameText(text: string): string {
  return text.replace(/[^\uF900-\uFAFF\u{2F800}-\u{2FA1F}]+/gu, (run) => run.normalize("NFKC"));
}

// The schema's own checks carry a problem code in `params.code` (read in problems.ts).
const dateIssue = { code: "date.invalid" } as const;
const duplicateIssue = { code: "schema.duplicate" } as const;

const isoDate = z.string().refine((text) => parseIsoDate(text) !== null, { params: dateIssue });
const personText = z.string().transform(normalizeNameText);
const flag = z.boolean().optional();
const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((list) => new Set(list).size === list.length, { params: duplicateIssue });

/** The restatement of `household.schema.json`: unknown keys are refused at every level but `answers`. */
export const eventSchema = z.strictObject({
  type: z.enum(eventTypes),
  date: isoDate,
  origin: z.enum(origins).optional(),
  destination: z.enum(origins).optional(),
  crossPrefecture: flag,
  subject: z.string().optional(),
  funeralHost: z.string().optional(),
  deathRegistered: flag,
  schoolDistrictChanges: flag,
});

export const memberSchema = z.strictObject({
  id: z.string().min(1),
  relation: z.enum(relations),
  name: personText.optional(),
  kana: personText.optional(),
  birthDate: isoDate,
  sex: z.enum(sexes).optional(),
  moving: flag,
  insurance: z.enum(insurances),
  pension: z.enum(pensionCategories).optional(),
  pensionRecipient: flag,
  myNumberCard: flag,
  careLevel: z.enum(careLevels).optional(),
  disabilityCertificate: flag,
  sealRegistered: flag,
  pregnant: flag,
  needsDaycare: flag,
  publicServant: flag,
  benefits: uniqueList(z.enum(benefits)).optional(),
  owns: uniqueList(z.enum(possessions)).optional(),
});

export const householdSchema = z.strictObject({
  event: eventSchema,
  members: z.array(memberSchema).min(1),
  requests: uniqueList(z.enum(requestKinds)).optional(),
  // Interview answers are keyed by the forms; their shape is checked where they are used.
  answers: z.record(z.string(), z.unknown()).optional(),
});

export type HouseholdEvent = z.output<typeof eventSchema>;
export type Member = z.output<typeof memberSchema>;
/** A household that passed {@link householdSchema} and the contradiction checks (validate.ts). */
export type Household = z.output<typeof householdSchema>;

/**
 * The same household with every optional key present (undefined when absent), in a fixed order.
 * Parsed input arrives in as many object shapes as there are combinations of optional fields; one
 * shape keeps the engine's property reads monomorphic, which made it several times faster.
 */
export function canonicalHousehold(h: Household): Household {
  const e = h.event;
  return {
    event: {
      type: e.type,
      date: e.date,
      origin: e.origin,
      destination: e.destination,
      crossPrefecture: e.crossPrefecture,
      subject: e.subject,
      funeralHost: e.funeralHost,
      deathRegistered: e.deathRegistered,
      schoolDistrictChanges: e.schoolDistrictChanges,
    },
    members: h.members.map((m) => ({
      id: m.id,
      relation: m.relation,
      name: m.name,
      kana: m.kana,
      birthDate: m.birthDate,
      sex: m.sex,
      moving: m.moving,
      insurance: m.insurance,
      pension: m.pension,
      pensionRecipient: m.pensionRecipient,
      myNumberCard: m.myNumberCard,
      careLevel: m.careLevel,
      disabilityCertificate: m.disabilityCertificate,
      sealRegistered: m.sealRegistered,
      pregnant: m.pregnant,
      needsDaycare: m.needsDaycare,
      publicServant: m.publicServant,
      benefits: m.benefits,
      owns: m.owns,
    })),
    requests: h.requests,
    answers: h.answers,
  };
}
