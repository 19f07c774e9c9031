-- Issue 17 item 7: limits shared by every process, and kiosk devices.
-- The shared rate limits' counts (rate-limiter-flexible's RateLimiterPostgres layout; the library is
-- told the table exists and never creates it). On PGlite the table stays empty: one process counts in memory.
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expire" ON "rate_limits" USING btree ("expire");
--> statement-breakpoint
-- An office may let only its registered kiosk devices issue tickets from the kiosk page.
ALTER TABLE "queue_offices" ADD COLUMN "kiosk_requires_device" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- A kiosk device: registered by a supervisor or administrator, paired once through a one-time code
-- (30 minutes), after which its browser holds a random token in a cookie. Both are stored as SHA-256
-- only. A revoked device keeps its row (who registered and revoked it, and when) without its hashes.
CREATE TABLE "kiosk_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL REFERENCES "municipalities"("id"),
	"office_id" uuid NOT NULL REFERENCES "offices"("id"),
	"label" text NOT NULL,
	"pairing_hash" text,
	"pairing_expires_at" timestamp with time zone,
	"token_hash" text,
	"created_by" uuid NOT NULL REFERENCES "staff"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paired_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid REFERENCES "staff"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "kiosk_devices_pairing" ON "kiosk_devices" USING btree ("pairing_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "kiosk_devices_token" ON "kiosk_devices" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "kiosk_devices_office" ON "kiosk_devices" USING btree ("municipality_id", "office_id");
