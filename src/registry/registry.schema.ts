import { z } from "zod";
import {
  benefits,
  careLevels,
  insurances,
  pensionCategories,
  possessions,
  relations,
  sexes,
} from "../catalog/vocabulary";
import { parseIsoDate } from "../guidance/calendar";

/** A real calendar day written YYYY-MM-DD (2023-02-30 is refused). */
export const isoDate = z
  .string()
  .refine((text) => parseIsoDate(text) !== null, "not a real date (YYYY-MM-DD)");

export const residentFactsSchema = z.object({
  insurance: z.enum(insurances),
  pension: z.enum(pensionCategories).nullable(),
  pensionRecipient: z.boolean(),
  myNumberCard: z.boolean(),
  careLevel: z.enum(careLevels).nullable(),
  disabilityCertificate: z.boolean(),
  sealRegistered: z.boolean(),
  pregnant: z.boolean(),
  needsDaycare: z.boolean(),
  publicServant: z.boolean(),
  benefits: z.array(z.enum(benefits)),
  owns: z.array(z.enum(possessions)),
});

/**
 * 本籍・筆頭者 and the foreign resident's facts (issue 16). A core system that does not send them yet
 * is read as a Japanese national with none of them known.
 */
export const residentDomicileSchema = z.object({
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default("JP"),
  honseki: z.string().nullable().default(null),
  hittousha: z.string().nullable().default(null),
  residenceStatus: z.string().nullable().default(null),
  residenceCardNumber: z
    .string()
    .regex(/^[A-Z]{2}[0-9]{8}[A-Z]{2}$/)
    .nullable()
    .default(null),
  residencePeriodEnd: isoDate.nullable().default(null),
});

export const residentRecordSchema = residentFactsSchema.extend({
  ...residentDomicileSchema.shape,
  id: z.string().min(1),
  residentNo: z.string().min(1),
  householdId: z.string().min(1),
  relation: z.enum(relations),
  name: z.string().min(1),
  kana: z.string(),
  birthDate: isoDate,
  sex: z.enum(sexes),
  version: z.number().int(),
});

export const householdRecordSchema = z.object({
  id: z.string().min(1),
  householdNo: z.string().min(1),
  ward: z.string(),
  address: z.string(),
  postalCode: z
    .string()
    .regex(/^[0-9]{3}-[0-9]{4}$/)
    .nullable()
    .default(null),
  members: z.array(residentRecordSchema),
});

export const residentSummarySchema = z.object({
  id: z.string().min(1),
  householdId: z.string().min(1),
  name: z.string(),
  kana: z.string(),
  birthDate: isoDate,
  sex: z.enum(sexes),
  ward: z.string(),
  address: z.string(),
  addressMatches: z.boolean().optional(),
});

export const searchResultsSchema = z.object({ residents: z.array(residentSummarySchema), more: z.boolean() });

export const residentChangeSchema = z.object({
  occurredAt: z.coerce.date(),
  residentId: z.string().nullable(),
  residentName: z.string().nullable(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  source: z.enum(["counter", "import", "generator", "core-system"]),
  actorUsername: z.string().nullable(),
  reason: z.string().nullable(),
});
