import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { municipalities, offices } from "../tenancy/tenancy.table";
import { applications } from "../visits/visits.table";

export const deliveryStates = ["pending", "retrying", "dead", "done"] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/**
 * The outbox: one row per (application, destination), written in the accept transaction. A worker
 * claims due rows with FOR UPDATE SKIP LOCKED, which moves `next_attempt_at` to the end of a lease
 * and sets `lease_token`; it delivers outside any transaction and records the result only while its
 * token still matches. A worker that dies leaves the row to come due again when the lease runs out.
 */
export const handoffDeliveries = pgTable(
  "handoff_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    destination: text("destination").notNull(),
    /** `${applicationId}:${destination}`: what the receiving system de-duplicates on. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    state: text("state", { enum: deliveryStates }).notNull().default("pending").$type<DeliveryState>(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    leaseToken: uuid("lease_token"),
    leasedBy: text("leased_by"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    unique("handoff_deliveries_application_destination").on(t.applicationId, t.destination),
    // The claim's scan: only the rows still to deliver, in due order.
    index("handoff_deliveries_due").on(t.nextAttemptAt).where(sql`${t.state} in ('pending', 'retrying')`),
    index("handoff_deliveries_summary").on(t.municipalityId, t.officeId, t.destination, t.state),
    index("handoff_deliveries_recent").on(t.municipalityId, t.updatedAt),
    // The KPI rollups: a day's deliveries, and the few not yet settled (read live, being time-dependent).
    index("handoff_deliveries_created").on(t.municipalityId, t.createdAt),
    index("handoff_deliveries_unsettled")
      .on(t.municipalityId, t.createdAt)
      .where(sql`${t.state} in ('pending', 'retrying')`),
  ],
);
