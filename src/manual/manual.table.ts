import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { municipalities } from "../tenancy/tenancy.table";

/** One row per manual entry of a municipality; what it is about, and which version residents see. */
export const manualEntries = pgTable(
  "manual_entries",
  {
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    id: text("id").notNull(),
    kind: text("kind", { enum: ["procedure", "faq", "general"] }).notNull(),
    audience: text("audience", { enum: ["public", "staff", "both"] }).notNull(),
    procedures: text("procedures").array().notNull().default(sql`'{}'::text[]`),
    // The version shown (null: none approved yet).
    publishedVersion: integer("published_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "manual_entries_pk", columns: [t.municipalityId, t.id] })],
);

export const VERSION_STATUSES = ["pending", "published", "archived", "rejected", "withdrawn"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * Every version of every entry, as the Markdown source (front matter and parts) it was written in:
 * never updated except for its status and decision, never deleted, so any two can be diffed.
 */
export const manualEntryVersions = pgTable(
  "manual_entry_versions",
  {
    municipalityId: text("municipality_id").notNull(),
    entryId: text("entry_id").notNull(),
    version: integer("version").notNull(),
    source: text("source").notNull(),
    sourceSha256: text("source_sha256").notNull(),
    status: text("status", { enum: VERSION_STATUSES }).notNull(),
    titleJa: text("title_ja").notNull(),
    lastReviewed: date("last_reviewed", { mode: "string" }).notNull(),
    // Null for an import from the repository (its review happened there); else the staff member.
    authorStaffId: uuid("author_staff_id"),
    authorName: text("author_name").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedByStaffId: uuid("decided_by_staff_id"),
    decidedByName: text("decided_by_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "manual_entry_versions_pk", columns: [t.municipalityId, t.entryId, t.version] }),
    index("manual_entry_versions_pending").on(t.municipalityId, t.status).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * What was searched, without who: the query as typed after numbers and names were masked
 * (`maskQuery`), how many results it had, and which entry (if any) was opened from them.
 */
export const manualSearchLog = pgTable(
  "manual_search_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    searchedAt: timestamp("searched_at", { withTimezone: true }).notNull().defaultNow(),
    audience: text("audience", { enum: ["public", "staff"] }).notNull(),
    lang: text("lang").notNull(),
    query: text("query").notNull(),
    resultCount: integer("result_count").notNull(),
    clickedEntryId: text("clicked_entry_id"),
    clickedAt: timestamp("clicked_at", { withTimezone: true }),
  },
  (t) => [index("manual_search_log_time").on(t.municipalityId, t.searchedAt)],
);

/** "Was this helpful?" on public entries: yes or no, the entry's version and language, nothing else. */
export const manualFeedback = pgTable(
  "manual_feedback",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    entryId: text("entry_id").notNull(),
    version: integer("version"),
    helpful: boolean("helpful").notNull(),
    lang: text("lang").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("manual_feedback_entry").on(t.municipalityId, t.entryId)],
);
