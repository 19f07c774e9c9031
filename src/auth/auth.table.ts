import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { counters, municipalities, offices } from "../tenancy/tenancy.table";

export const staffRoles = ["counter", "supervisor", "admin"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = pgTable(
  "staff",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    // Sign-in names are unique across tenants so that one sign-in page serves every municipality.
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    passwordHash: text("password_hash").notNull(),
    totpSecret: text("totp_secret"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    // The last TOTP time step (Unix seconds / 30) whose code was accepted: no code is used twice.
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    disabled: boolean("disabled").notNull().default(false),
    // Set when an administrator resets the password: the owner chooses a new one at the next sign-in.
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_municipality").on(t.municipalityId)],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the opaque token in the cookie: a leaked table does not yield usable cookies.
    idHash: text("id_hash").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staff.id),
    // "password" until a supervisor or admin has passed TOTP, "password-change" until the owner of a
    // reset password has chosen a new one; only "active" sessions reach pages.
    stage: text("stage", { enum: ["password", "totp-setup", "password-change", "active"] }).notNull(),
    csrfToken: text("csrf_token").notNull(),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    counterId: uuid("counter_id").references(() => counters.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_staff").on(t.staffId), index("sessions_expires").on(t.expiresAt)],
);

/** Append-only: a trigger in the migration refuses UPDATE, DELETE and TRUNCATE on both engines. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: text("municipality_id").references(() => municipalities.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorStaffId: uuid("actor_staff_id"),
    actorUsername: text("actor_username"),
    officeId: uuid("office_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    reason: text("reason"),
    outcome: text("outcome", { enum: ["success", "failure", "denied"] })
      .notNull()
      .default("success"),
    detail: jsonb("detail").notNull().default(sql`'{}'::jsonb`),
    requestId: text("request_id"),
    ip: text("ip"),
  },
  (t) => [
    index("audit_municipality_time").on(t.municipalityId, t.occurredAt),
    index("audit_target").on(t.municipalityId, t.targetType, t.targetId),
  ],
);

/** TOTP recovery codes: only the SHA-256 of each is kept; a used code keeps its row with `used_at`. */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staff.id),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    index("staff_recovery_codes_staff").on(t.staffId),
    uniqueIndex("staff_recovery_codes_hash").on(t.staffId, t.codeHash),
  ],
);
