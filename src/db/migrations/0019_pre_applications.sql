-- Issue 19: online pre-application (事前入力). The QR's token and the short code are stored as SHA-256
-- only; the household is cleared when the counter takes it over and purged from expired and withdrawn
-- entries, the row kept without it for the KPIs.
CREATE TABLE "pre_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL REFERENCES "municipalities"("id"),
	"state" text NOT NULL,
	"token_hash" text,
	"code_hash" text,
	"event_type" text NOT NULL,
	"household" jsonb,
	"member_count" integer NOT NULL,
	"entered_fields" integer NOT NULL,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"visit_id" uuid REFERENCES "visits"("id"),
	"withdrawn_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "pre_applications_state" CHECK ("state" in ('draft', 'submitted', 'consumed', 'expired', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "pre_applications_token" ON "pre_applications" USING btree ("token_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "pre_applications_code" ON "pre_applications" USING btree ("code_hash");
--> statement-breakpoint
CREATE INDEX "pre_applications_municipality_created" ON "pre_applications" USING btree ("municipality_id", "created_at");
--> statement-breakpoint
CREATE INDEX "pre_applications_due" ON "pre_applications" USING btree ("state", "expires_at");
