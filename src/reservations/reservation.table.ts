import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { preApplications } from "../preapply/pre-application.table";
import { queuePurposes, queueTickets } from "../queue/queue.table";
import { municipalities, offices } from "../tenancy/tenancy.table";
import type { SlotRules } from "./slot-rules";

export const reservationStatuses = [
  "held",
  "booked",
  "cancelled",
  "checked_in",
  "walk_in",
  "no_show",
  "expired",
] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/**
 * The booking rules of an office's purpose, one row per saved version: the current one has no
 * `superseded_at`; saving a change closes it and adds the next version, so the history stays.
 */
export const reservationRules = pgTable(
  "reservation_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => queuePurposes.id),
    version: integer("version").notNull(),
    rules: jsonb("rules").$type<SlotRules>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    unique("reservation_rules_version").on(t.purposeId, t.version),
    uniqueIndex("reservation_rules_current").on(t.purposeId).where(sql`${t.supersededAt} is null`),
    index("reservation_rules_municipality").on(t.municipalityId, t.officeId),
  ],
);

/**
 * One row per slot anyone has tried to book: booking, moving and cancelling take it FOR UPDATE, so the
 * seats of a slot are counted and taken by one transaction at a time and never overbooked.
 */
export const reservationSlotLocks = pgTable(
  "reservation_slot_locks",
  {
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => queuePurposes.id),
    start: timestamp("start", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.purposeId, t.start] })],
);

export const reservations = pgTable(
  "reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => queuePurposes.id),
    /** 8 digits, typed or scanned at the kiosk. */
    code: text("code").notNull(),
    status: text("status", { enum: reservationStatuses }).notNull(),
    start: timestamp("start", { withTimezone: true }).notNull(),
    end: timestamp("end", { withTimezone: true }).notNull(),
    holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true }),
    name: text("name"),
    kana: text("kana"),
    phone: text("phone"),
    email: text("email"),
    lang: text("lang").notNull().default("ja"),
    /** SHA-256 of the manage link's token: the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    /** The calendar file's SEQUENCE: raised on every move and on cancelling. */
    sequence: integer("sequence").notNull().default(0),
    ticketId: uuid("ticket_id").references(() => queueTickets.id),
    /** The resident's pre-application, by reference only: its household stays in pre_applications. */
    preApplicationId: uuid("pre_application_id").references(() => preApplications.id),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** The reminder's dedup key ("<id>:<date>") once a reminder was sent or listed as done. */
    reminderKey: text("reminder_key"),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("reservations_code").on(t.code),
    unique("reservations_token").on(t.tokenHash),
    unique("reservations_reminder_key").on(t.reminderKey),
    index("reservations_slot").on(t.purposeId, t.start),
    index("reservations_office_start").on(t.municipalityId, t.officeId, t.start),
    index("reservations_ticket").on(t.ticketId).where(sql`${t.ticketId} is not null`),
    check("reservations_span", sql`${t.start} < ${t.end}`),
  ],
);
