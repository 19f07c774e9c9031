import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Benefit, CareLevel, Insurance, PensionCategory, Possession } from "../catalog/vocabulary";
import { benefits, careLevels, insurances, pensionCategories, relations, sexes } from "../catalog/vocabulary";
import { municipalities } from "../tenancy/tenancy.table";

/**
 * The synchronised copy of the municipality's resident registry (住民記録): the facts the counter needs,
 * never the 個人番号. Keys (`*_key`, `search_grams`) are derived from the registered text by
 * name-key.ts and indexed with the C collation, so prefix search and its ordering use one index.
 */
export const registryHouseholds = pgTable(
  "registry_households",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    householdNo: text("household_no").notNull(),
    ward: text("ward").notNull(),
    address: text("address").notNull(),
    addressKey: text("address_key").notNull(),
    /** 郵便番号 as NNN-NNNN (migration 0012); null until the core system or an import gives it. */
    postalCode: text("postal_code"),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("registry_households_no").on(t.municipalityId, t.householdNo),
    index("registry_households_address").on(t.municipalityId, sql`(${t.addressKey} collate "C")`),
  ],
);

export const registryResidents = pgTable(
  "registry_residents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    householdId: uuid("household_id")
      .notNull()
      .references(() => registryHouseholds.id),
    residentNo: text("resident_no").notNull(),
    relation: text("relation", { enum: relations }).notNull(),
    name: text("name").notNull(),
    kana: text("kana").notNull(),
    nameKey: text("name_key").notNull(),
    kanaKey: text("kana_key").notNull(),
    searchGrams: text("search_grams").array().notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    sex: text("sex", { enum: sexes }).notNull(),
    insurance: text("insurance", { enum: insurances }).notNull().$type<Insurance>(),
    pension: text("pension", { enum: pensionCategories }).$type<PensionCategory>(),
    pensionRecipient: boolean("pension_recipient").notNull().default(false),
    myNumberCard: boolean("my_number_card").notNull().default(false),
    careLevel: text("care_level", { enum: careLevels }).$type<CareLevel>(),
    disabilityCertificate: boolean("disability_certificate").notNull().default(false),
    sealRegistered: boolean("seal_registered").notNull().default(false),
    pregnant: boolean("pregnant").notNull().default(false),
    needsDaycare: boolean("needs_daycare").notNull().default(false),
    publicServant: boolean("public_servant").notNull().default(false),
    benefits: text("benefits", { enum: benefits })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`)
      .$type<Benefit[]>(),
    owns: text("owns").array().notNull().default(sql`'{}'::text[]`).$type<Possession[]>(),
    // Migration 0012. Japanese nationals: 本籍 and 筆頭者 as the 戸籍 writes them. Foreign residents
    // (nationality other than JP): 在留資格, 在留カード等の番号 and 在留期間の満了の日 (住基法 §30の45).
    nationality: text("nationality").notNull().default("JP"),
    honseki: text("honseki"),
    hittousha: text("hittousha"),
    residenceStatus: text("residence_status"),
    residenceCardNumber: text("residence_card_number"),
    residencePeriodEnd: date("residence_period_end", { mode: "string" }),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("registry_residents_no").on(t.municipalityId, t.residentNo),
    index("registry_residents_household").on(t.householdId),
    index("registry_residents_name").on(t.municipalityId, sql`(${t.nameKey} collate "C")`),
    index("registry_residents_kana").on(t.municipalityId, sql`(${t.kanaKey} collate "C")`),
    index("registry_residents_birth").on(t.municipalityId, t.birthDate),
    index("registry_residents_grams").using("gin", t.searchGrams),
  ],
);

/** One file or run that wrote to the registry copy: what, by whom, with what outcome. */
export const registryImports = pgTable("registry_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: text("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  source: text("source", { enum: ["import", "generator", "core-system"] }).notNull(),
  fileName: text("file_name"),
  sha256: text("sha256"),
  encoding: text("encoding"),
  rows: integer("rows").notNull().default(0),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  actorUsername: text("actor_username"),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The change history: who changed which fact of which resident (or household), from what to what,
 * when, from which source, and why. Only real changes are written: a re-import of the same file
 * adds nothing here.
 */
export const registryChanges = pgTable(
  "registry_resident_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    householdId: uuid("household_id").notNull(),
    residentId: uuid("resident_id"),
    field: text("field").notNull(),
    oldValue: jsonb("old_value"),
    newValue: jsonb("new_value"),
    source: text("source", { enum: ["counter", "import", "generator", "core-system"] }).notNull(),
    importId: uuid("import_id"),
    actorStaffId: uuid("actor_staff_id"),
    actorUsername: text("actor_username"),
    reason: text("reason"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registry_changes_household").on(t.municipalityId, t.householdId, t.occurredAt),
    index("registry_changes_resident").on(t.municipalityId, t.residentId),
  ],
);
