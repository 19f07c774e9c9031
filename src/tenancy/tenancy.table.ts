import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { LocaleMap } from "../shared/locale";

// Names and labels are locale maps, Japanese required (a CHECK in migration 0011).

/** A municipality is a tenant: every table holding municipal data carries its id. */
export const municipalities = pgTable("municipalities", {
  id: text("id").primaryKey(),
  code: text("code").notNull().unique(),
  names: jsonb("names").$type<LocaleMap>().notNull(),
  settings: jsonb("settings").notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const offices = pgTable(
  "offices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    code: text("code").notNull(),
    kind: text("kind", { enum: ["ward", "branch"] }).notNull(),
    /** Residents read it on the kiosk and the ticket: give it in their languages. */
    names: jsonb("names").$type<LocaleMap>().notNull(),
    oneStop: boolean("one_stop").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [unique("offices_municipality_code").on(t.municipalityId, t.code)],
);

export const departments = pgTable(
  "departments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    code: text("code").notNull(),
    labels: jsonb("labels").$type<LocaleMap>().notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [unique("departments_municipality_code").on(t.municipalityId, t.code)],
);

export const counters = pgTable(
  "counters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    departmentId: uuid("department_id").references(() => departments.id),
    number: integer("number").notNull(),
    /** Residents read a one-stop counter's label on the display and the phone page. */
    labels: jsonb("labels").$type<LocaleMap>().notNull(),
    oneStop: boolean("one_stop").notNull().default(false),
  },
  (t) => [unique("counters_office_number").on(t.officeId, t.number)],
);
