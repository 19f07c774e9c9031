import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { municipalities } from "../tenancy/tenancy.table";
import { visits } from "../visits/visits.table";
import { type PreApplicationState, preApplicationStates } from "./pre-application";

/**
 * A resident's pre-application (事前入力). The token of the QR and the short code are kept as SHA-256
 * only. The household is the only personal data: cleared when the counter takes it over (the visit
 * holds it from then on) and purged from expired and withdrawn entries; the row stays, without it and
 * without its hashes, for the KPIs (created, used, expired, fields saved).
 */
export const preApplications = pgTable(
  "pre_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    state: text("state", { enum: preApplicationStates }).notNull().$type<PreApplicationState>(),
    tokenHash: text("token_hash"),
    codeHash: text("code_hash"),
    eventType: text("event_type").notNull(),
    household: jsonb("household"),
    memberCount: integer("member_count").notNull(),
    /** Facts the resident typed (src/preapply/pre-application.ts enteredFieldCount): what staff need not ask. */
    enteredFields: integer("entered_fields").notNull(),
    lang: text("lang").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    visitId: uuid("visit_id").references(() => visits.id),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    expiredAt: timestamp("expired_at", { withTimezone: true }),
    purgedAt: timestamp("purged_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("pre_applications_token").on(t.tokenHash),
    uniqueIndex("pre_applications_code").on(t.codeHash),
    index("pre_applications_municipality_created").on(t.municipalityId, t.createdAt),
    index("pre_applications_due").on(t.state, t.expiresAt),
    check(
      "pre_applications_state",
      sql`${t.state} in ('draft', 'submitted', 'consumed', 'expired', 'withdrawn')`,
    ),
  ],
);
