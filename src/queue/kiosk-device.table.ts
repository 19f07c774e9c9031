import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { staff } from "../auth/auth.table";
import { municipalities, offices } from "../tenancy/tenancy.table";

/**
 * A kiosk device of an office. Registering gives a one-time pairing code (its SHA-256 in
 * `pairing_hash`, good until `pairing_expires_at`); pairing swaps it for the device's own token, held
 * in the kiosk browser's cookie (its SHA-256 in `token_hash`). Revoking clears both hashes.
 */
export const kioskDevices = pgTable(
  "kiosk_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    officeId: uuid("office_id")
      .notNull()
      .references(() => offices.id),
    label: text("label").notNull(),
    pairingHash: text("pairing_hash"),
    pairingExpiresAt: timestamp("pairing_expires_at", { withTimezone: true }),
    tokenHash: text("token_hash"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    pairedAt: timestamp("paired_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => staff.id),
  },
  (t) => [
    uniqueIndex("kiosk_devices_pairing").on(t.pairingHash),
    uniqueIndex("kiosk_devices_token").on(t.tokenHash),
    index("kiosk_devices_office").on(t.municipalityId, t.officeId),
  ],
);
