-- Issue 17 item 4: TOTP recovery codes. Each code is shown once and stored only as the SHA-256 of its
-- high-entropy text (80 random bits), so a leaked table yields no usable code; a code is spent by one
-- UPDATE that sets used_at where it is still null, so it passes once even when sent twice in parallel.
CREATE TABLE "staff_recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL REFERENCES "municipalities"("id"),
	"staff_id" uuid NOT NULL REFERENCES "staff"("id"),
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "staff_recovery_codes_staff" ON "staff_recovery_codes" USING btree ("staff_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "staff_recovery_codes_hash" ON "staff_recovery_codes" USING btree ("staff_id", "code_hash");
--> statement-breakpoint
-- A password set by an administrator (reset) must be replaced by its owner at the next sign-in.
ALTER TABLE "staff" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;
