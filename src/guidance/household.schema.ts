import { z } from "zod";
import {
  benefits,
  careLevels,
  divorceTypes,
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
const pattern = (re: RegExp) => z.string().regex(re);
/** A code as typed (ｖｎ, ab-1234 5678cd): NFKC, capitals, no spaces or hyphens, then its pattern. */
const code = (re: RegExp) =>
  z
    .string()
    .transform((s) => s.normalize("NFKC").toUpperCase().replace(/[\s-]/g, ""))
    .pipe(z.string().regex(re));
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
  /** The day of the funeral; not before the death (validate.ts refuses it otherwise). */
  funeralDate: isoDate.optional(),
  deathRegistered: flag,
  schoolDistrictChanges: flag,
  /** birth: the mother's member id, when she is in the household. */
  mother: z.string().optional(),
  birthRegistered: flag,
  /** marriage, divorce: the two partners' member ids (two distinct members: validate.ts). */
  partners: z.array(z.string()).optional(),
  /** marriage, divorce: members whose surname changes. */
  surnameChanges: uniqueList(z.string()).optional(),
  /** divorce: members who keep the married surname (婚氏続称); never also in surnameChanges. */
  keepSurname: uniqueList(z.string()).optional(),
  householdsMerge: flag,
  marriageRegistered: flag,
  divorceType: z.enum(divorceTypes).optional(),
  /** divorce: the partner who keeps the children; the partner who leaves this household. */
  custodian: z.string().optional(),
  leaving: z.string().optional(),
  divorceRegistered: flag,
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
  previousInsurance: z.enum(insurances).optional(),
  previousPension: z.enum(pensionCategories).optional(),
  /** ISO 3166-1 alpha-2; absent means JP. A member who is not JP is a foreign resident (住基法 §30の45). */
  nationality: code(/^[A-Z]{2}$/).optional(),
  /** Japanese nationals: 本籍 and 筆頭者, as the 戸籍 writes them (so no NFKC over its ideographs). */
  honseki: personText.optional(),
  hittousha: personText.optional(),
  /** Foreign residents: 在留資格, 在留カード等の番号, 在留期間の満了の日. */
  residenceStatus: personText.optional(),
  residenceCardNumber: code(/^[A-Z]{2}[0-9]{8}[A-Z]{2}$/).optional(),
  residencePeriodEnd: isoDate.optional(),
});

export const filerRelations = ["proxy", "other-relative", "landlord"] as const;
export type FilerRelation = (typeof filerRelations)[number];

/**
 * Who files at the counter (届出人): a member of the household, or someone else — a relative who
 * does not live here (often the 喪主 of a bereavement), a 任意代理人 with a 委任状, or a landlord.
 */
export const filerSchema = z.union([
  z.strictObject({ member: z.string().min(1) }),
  z.strictObject({
    name: personText.pipe(z.string().trim().min(1)),
    kana: personText.optional(),
    address: personText.optional(),
    phone: z
      .string()
      .transform((s) => s.normalize("NFKC").trim())
      .optional(),
    relation: z.enum(filerRelations),
  }),
]);

/** 前住所 and 前住所の世帯主 of a move-in, as the 転出証明書 gives them. */
export const previousAddressSchema = z.strictObject({
  postalCode: pattern(/^[0-9]{3}-?[0-9]{4}$/).optional(),
  address: personText.optional(),
  householdHead: personText.optional(),
});

export const householdSchema = z.strictObject({
  event: eventSchema,
  members: z.array(memberSchema).min(1),
  requests: uniqueList(z.enum(requestKinds)).optional(),
  // Interview answers are keyed by the forms; their shape is checked where they are used.
  answers: z.record(z.string(), z.unknown()).optional(),
  filer: filerSchema.optional(),
  previousAddress: previousAddressSchema.optional(),
});

export type HouseholdEvent = z.output<typeof eventSchema>;
export type Member = z.output<typeof memberSchema>;
export type Filer = z.output<typeof filerSchema>;
export type MemberFiler = Extract<Filer, { member: string }>;
export type OtherFiler = Exclude<Filer, { member: string }>;
export type PreviousAddress = z.output<typeof previousAddressSchema>;

/** The member's nationality: JP unless the household says otherwise. */
export const nationalityOf = (member: Member): string => member.nationality ?? "JP";
/** A foreign resident (外国人住民): a member whose nationality is not JP. */
export const isForeignResident = (member: Member): boolean => nationalityOf(member) !== "JP";
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
      funeralDate: e.funeralDate,
      deathRegistered: e.deathRegistered,
      schoolDistrictChanges: e.schoolDistrictChanges,
      mother: e.mother,
      birthRegistered: e.birthRegistered,
      partners: e.partners,
      surnameChanges: e.surnameChanges,
      keepSurname: e.keepSurname,
      householdsMerge: e.householdsMerge,
      marriageRegistered: e.marriageRegistered,
      divorceType: e.divorceType,
      custodian: e.custodian,
      leaving: e.leaving,
      divorceRegistered: e.divorceRegistered,
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
      previousInsurance: m.previousInsurance,
      previousPension: m.previousPension,
      nationality: m.nationality,
      honseki: m.honseki,
      hittousha: m.hittousha,
      residenceStatus: m.residenceStatus,
      residenceCardNumber: m.residenceCardNumber,
      residencePeriodEnd: m.residencePeriodEnd,
    })),
    requests: h.requests,
    answers: h.answers,
    filer: h.filer === undefined ? undefined : canonicalFiler(h.filer),
    previousAddress:
      h.previousAddress === undefined
        ? undefined
        : {
            postalCode: h.previousAddress.postalCode,
            address: h.previousAddress.address,
            householdHead: h.previousAddress.householdHead,
          },
  };
}

function canonicalFiler(filer: Filer): Filer {
  if ("member" in filer) return { member: filer.member };
  return {
    name: filer.name,
    kana: filer.kana,
    address: filer.address,
    phone: filer.phone,
    relation: filer.relation,
  };
}
