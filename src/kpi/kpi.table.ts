import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { municipalities, offices } from "../tenancy/tenancy.table";
import { visits } from "../visits/visits.table";

/**
 * One row per ticket that has ended (done or absent), derived from the ticket and its events by
 * `refreshTicketFacts`. Terminal tickets never change again, so a fact is written once; the dashboard
 * reads these narrow rows instead of re-walking millions of events. Every figure can be recomputed
 * from `queue_tickets` and `queue_ticket_events` (docs/kpi.md gives the definitions).
 */
export const kpiTicketFacts = pgTable(
  "kpi_ticket_facts",
  {
    ticketId: uuid("ticket_id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    purposeId: uuid("purpose_id").notNull(),
    // The life event of the visit the ticket opened ("move-in", …), or null for a ticket without a visit.
    eventType: text("event_type"),
    // The ticket's service date (Japan date of issue): the day, week, month and fiscal year it counts in.
    serviceDate: date("service_date", { mode: "string" }).notNull(),
    outcome: text("outcome", { enum: ["done", "absent"] }).notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    // Issued → first call; null when never called.
    waitSeconds: integer("wait_seconds"),
    // Issued → the last service finished (done tickets only).
    staySeconds: integer("stay_seconds"),
    // Call → finish or transfer, one entry per counter that served the ticket, in order.
    serviceSeconds: integer("service_seconds").array().notNull().default(sql`'{}'::integer[]`),
    transfers: integer("transfers").notNull().default(0),
    recalls: integer("recalls").notNull().default(0),
    // The id of the ticket's last event (finished or absent): the refresh resumes after the highest.
    lastEventId: bigint("last_event_id", { mode: "number" }).notNull(),
  },
  (t) => [
    index("kpi_ticket_facts_municipality_event").on(t.municipalityId, t.lastEventId),
    index("kpi_ticket_facts_municipality_date").on(t.municipalityId, t.serviceDate),
    index("kpi_ticket_facts_office_date").on(t.officeId, t.serviceDate),
  ],
);

/**
 * A resident's answer to the satisfaction survey: a score and an optional comment, nothing about the
 * person. One answer per visit (and per ticket, for the QR on a ticket without a visit).
 */
export const kpiSurveyAnswers = pgTable(
  "kpi_survey_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    visitId: uuid("visit_id").unique("kpi_survey_answers_visit"),
    ticketId: uuid("ticket_id").unique("kpi_survey_answers_ticket"),
    eventType: text("event_type"),
    score: integer("score").notNull(),
    comment: text("comment"),
    // The locale the resident answered in ("ja", "en", "zh-Hans", "ko", "vi"; やさしい日本語 is "easy").
    lang: text("lang").notNull(),
    channel: text("channel", { enum: ["tablet", "qr"] }).notNull(),
    answeredOn: date("answered_on", { mode: "string" }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("kpi_survey_answers_municipality_date").on(t.municipalityId, t.answeredOn),
    check("kpi_survey_answers_score", sql`${t.score} between 1 and 5`),
    check("kpi_survey_answers_subject", sql`${t.visitId} is not null or ${t.ticketId} is not null`),
  ],
);

/** Tickets made by `madoguchi demo simulate`: what `demo clear` removes. */
export const kpiDemoTickets = pgTable(
  "kpi_demo_tickets",
  {
    ticketId: uuid("ticket_id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [index("kpi_demo_tickets_municipality").on(t.municipalityId)],
);

/**
 * What the dashboard reads: per day (and per month or fiscal year once it is over), office, purpose and event
 * type, each KPI's number of values, their exact sum, and a histogram of the values — exact integers for
 * every KPI but the durations, whose values go into buckets (`bucketOf` in kpi-rollups.ts). Derived from
 * the facts, visits, settled deliveries and survey answers by `refreshKpiRollups`; any day can be rebuilt
 * from them. docs/kpi.md says what is exact and what is bucketed.
 */
export const kpiRollups = pgTable(
  "kpi_rollups",
  {
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    grain: text("grain", { enum: ["day", "month", "fy"] }).notNull(),
    // The day, the first day of the month, or the first day of the fiscal year (1 April).
    period: date("period", { mode: "string" }).notNull(),
    officeId: uuid("office_id").notNull(),
    purposeId: uuid("purpose_id"),
    eventType: text("event_type"),
    kpi: text("kpi").notNull(),
    n: integer("n").notNull(),
    total: doublePrecision("total").notNull(),
    // Bucket keys ascending (the value itself, or a duration bucket's lower bound), and their counts.
    vals: integer("vals").array().notNull(),
    cnts: integer("cnts").array().notNull(),
  },
  (t) => [index("kpi_rollups_lookup").on(t.municipalityId, t.grain, t.kpi, t.period)],
);

/**
 * Days (and months) whose rollups no longer match their sources: written by triggers on the source
 * tables in the same transaction as the change, consumed by `refreshKpiRollups`. Deliberately without a
 * unique key: a marker written by a transaction still open when a refresh takes the others survives
 * that refresh (an upsert could have found the old marker, done nothing, and lost the change).
 */
export const kpiRollupStale = pgTable(
  "kpi_rollup_stale",
  {
    municipalityId: text("municipality_id").notNull(),
    grain: text("grain", { enum: ["day", "month", "fy"] }).notNull(),
    period: date("period", { mode: "string" }).notNull(),
  },
  (t) => [index("kpi_rollup_stale_municipality").on(t.municipalityId, t.grain, t.period)],
);

/**
 * The survey link printed as a QR code on a visit's guidance sheet: `/survey/s/<token>`. The token is
 * random (128 bits) and kept as it is, not hashed, because every reprint of the sheet must show the
 * same code; it lets its holder answer that one visit's survey once and nothing else (no personal data
 * is behind it), so a copy of the database gains nothing from it.
 */
export const kpiSurveyLinks = pgTable("kpi_survey_links", {
  visitId: uuid("visit_id")
    .primaryKey()
    .references(() => visits.id, { onDelete: "cascade" }),
  municipalityId: text("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  token: text("token").notNull().unique("kpi_survey_links_token"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
