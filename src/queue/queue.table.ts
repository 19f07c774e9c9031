import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { LocaleMap } from "../shared/locale";
import { counters, departments, municipalities, offices } from "../tenancy/tenancy.table";

export const ticketKinds = ["normal", "priority", "reservation"] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketStatuses = ["waiting", "called", "serving", "paused", "done", "absent"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketEventKinds = [
  "issued",
  "called",
  "recalled",
  "absent",
  "served",
  "transferred",
  "paused",
  "resumed",
  "finished",
] as const;
export type TicketEventKind = (typeof ticketEventKinds)[number];

/**
 * The queue settings of one office: when tickets may be issued (Japan time) and which days are closed.
 * `event_seq` numbers every change to the office's queue: each mutating transaction takes this row
 * first (UPDATE … RETURNING), so the numbers follow commit order and serve as SSE event ids.
 */
export const queueOffices = pgTable(
  "queue_offices",
  {
    officeId: uuid("office_id")
      .primaryKey()
      .references(() => offices.id),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    // Minutes after midnight, Japan time: 510 = 08:30, 1035 = 17:15.
    opensAtMinute: integer("opens_at_minute").notNull(),
    closesAtMinute: integer("closes_at_minute").notNull(),
    // 0 = Sunday … 6 = Saturday.
    openWeekdays: integer("open_weekdays").array().notNull().default(sql`'{1,2,3,4,5}'::integer[]`),
    observeNationalHolidays: boolean("observe_national_holidays").notNull().default(true),
    observeYearEnd: boolean("observe_year_end").notNull().default(true),
    // Local closed days (ISO dates), in addition to national holidays and 12/29–1/3.
    closedDates: text("closed_dates").array().notNull().default(sql`'{}'::text[]`),
    // The phone page says "nearly your turn" when this many people or fewer are ahead.
    nearlyCalledAhead: integer("nearly_called_ahead").notNull().default(3),
    // The languages the display board shows under its Japanese (and announces calls in).
    displayCaptions: text("display_captions").array().notNull().default(sql`'{en}'::text[]`),
    // Only registered kiosk devices may issue tickets from the kiosk page (src/queue/kiosk-device.ts).
    kioskRequiresDevice: boolean("kiosk_requires_device").notNull().default(false),
    eventSeq: bigint("event_seq", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    index("queue_offices_municipality").on(t.municipalityId),
    check(
      "queue_offices_hours",
      sql`${t.opensAtMinute} >= 0 and ${t.closesAtMinute} <= 1440 and ${t.opensAtMinute} < ${t.closesAtMinute}`,
    ),
  ],
);

/** What a resident chooses at the kiosk; each purpose has its own number band. */
export const queuePurposes = pgTable(
  "queue_purposes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    code: text("code").notNull(),
    // The name in each language it has ({ ja, "ja-x-easy", en, "zh-Hans", ko, vi }); Japanese required.
    labels: jsonb("labels").$type<LocaleMap>().notNull(),
    bandStart: integer("band_start").notNull(),
    bandEnd: integer("band_end").notNull(),
    // The estimate's starting point until enough services have been timed.
    defaultServiceMinutes: integer("default_service_minutes").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    unique("queue_purposes_office_code").on(t.officeId, t.code),
    index("queue_purposes_municipality_office").on(t.municipalityId, t.officeId),
    check("queue_purposes_band", sql`${t.bandStart} >= 1 and ${t.bandStart} <= ${t.bandEnd}`),
    check(
      "queue_purposes_labels_ja",
      sql`jsonb_typeof(${t.labels} -> 'ja') = 'string' and ${t.labels} ->> 'ja' <> ''`,
    ),
  ],
);

/** The counters that call a purpose's tickets. */
export const queuePurposeCounters = pgTable(
  "queue_purpose_counters",
  {
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => queuePurposes.id),
    counterId: uuid("counter_id")
      .notNull()
      .references(() => counters.id),
  },
  (t) => [
    primaryKey({ columns: [t.purposeId, t.counterId] }),
    index("queue_purpose_counters_counter").on(t.counterId),
  ],
);

/** Whether a counter is open now (for the estimates), and why it is not. */
export const queueCounterStates = pgTable("queue_counter_states", {
  counterId: uuid("counter_id")
    .primaryKey()
    .references(() => counters.id),
  municipalityId: text("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  officeId: uuid("office_id")
    .notNull()
    .references(() => offices.id),
  open: boolean("open").notNull(),
  reason: text("reason"),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  changedBy: uuid("changed_by"),
});

/**
 * The last number issued per office, purpose and day. Issuing increments it with UPDATE … RETURNING in
 * the ticket's own transaction: concurrent kiosks queue on the row, and a rolled-back issue gives its
 * number back, so numbers have neither duplicates nor gaps.
 */
export const queueDailyNumbers = pgTable(
  "queue_daily_numbers",
  {
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => queuePurposes.id),
    serviceDate: date("service_date", { mode: "string" }).notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.purposeId, t.serviceDate] })],
);

export const queueTickets = pgTable(
  "queue_tickets",
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
    serviceDate: date("service_date", { mode: "string" }).notNull(),
    number: integer("number").notNull(),
    kind: text("kind", { enum: ticketKinds }).notNull().default("normal"),
    status: text("status", { enum: ticketStatuses }).notNull().default("waiting"),
    // SHA-256 of the phone token in the QR code: the token itself is never stored.
    tokenHash: text("token_hash").notNull().unique(),
    // After a transfer the ticket waits for one counter or for any counter of one department.
    targetCounterId: uuid("target_counter_id").references(() => counters.id),
    targetDepartmentId: uuid("target_department_id").references(() => departments.id),
    // The counter that called it last (and serves it while called, serving or paused).
    counterId: uuid("counter_id").references(() => counters.id),
    // Issue time, or the time of the last transfer: the order of calling counts from here.
    waitingSince: timestamp("waiting_since", { withTimezone: true }).notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    firstCalledAt: timestamp("first_called_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // The running service segment (reset by a transfer) and its seconds before the last pause.
    segmentStartedAt: timestamp("segment_started_at", { withTimezone: true }),
    segmentSeconds: integer("segment_seconds").notNull().default(0),
    pauseReason: text("pause_reason"),
    // The counter visit (issue 5) this ticket opened; set by onOneStopTicketCalled.
    visitId: uuid("visit_id"),
    issuedByStaffId: uuid("issued_by_staff_id"),
    // The language chosen at the kiosk: the printed ticket and the phone page speak it.
    lang: text("lang").notNull().default("ja"),
  },
  (t) => [
    // Bands of one office never overlap, so a number identifies a ticket within an office and a day.
    unique("queue_tickets_office_day_number").on(t.officeId, t.serviceDate, t.number),
    index("queue_tickets_office_day_status").on(t.officeId, t.serviceDate, t.status),
    index("queue_tickets_municipality").on(t.municipalityId, t.serviceDate),
    // A ticket's place on its own lane is counted at every issue (migration 0022).
    index("queue_tickets_waiting_lane")
      .on(t.officeId, t.serviceDate, t.purposeId)
      .where(
        sql`${t.status} = 'waiting' and ${t.targetCounterId} is null and ${t.targetDepartmentId} is null`,
      ),
  ],
);

/**
 * Every change to a ticket, timestamped, with the counter and staff member: the source of the waiting
 * and stay-time KPIs. `seq` is the office's event number; `lane` is where the ticket waited
 * ("purpose", "counter:<id>" or "department:<id>"); `service_seconds` is the length of a service
 * segment that ended with this event (finished or transferred), pauses excluded.
 */
export const queueTicketEvents = pgTable(
  "queue_ticket_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => queueTickets.id),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => queuePurposes.id),
    seq: bigint("seq", { mode: "number" }).notNull(),
    kind: text("kind", { enum: ticketEventKinds }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    counterId: uuid("counter_id"),
    staffId: uuid("staff_id"),
    lane: text("lane").notNull(),
    serviceSeconds: integer("service_seconds"),
    detail: jsonb("detail").notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index("queue_ticket_events_office_seq").on(t.officeId, t.seq),
    index("queue_ticket_events_ticket").on(t.ticketId),
    index("queue_ticket_events_municipality_at").on(t.municipalityId, t.at),
    index("queue_ticket_events_samples")
      .on(t.officeId, t.purposeId, t.id)
      .where(sql`${t.serviceSeconds} is not null`),
  ],
);
