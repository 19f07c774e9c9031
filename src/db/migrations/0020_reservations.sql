-- Issue 20: reservations (来庁予約). Rules per office purpose, versioned; one lock row per slot that
-- booking takes FOR UPDATE; reservations with the manage token stored as SHA-256 only.
CREATE TABLE "reservation_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL REFERENCES "municipalities"("id"),
	"office_id" uuid NOT NULL REFERENCES "offices"("id"),
	"purpose_id" uuid NOT NULL REFERENCES "queue_purposes"("id"),
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "reservation_rules_version" UNIQUE("purpose_id","version")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reservation_rules_current" ON "reservation_rules" USING btree ("purpose_id") WHERE "superseded_at" is null;
--> statement-breakpoint
CREATE INDEX "reservation_rules_municipality" ON "reservation_rules" USING btree ("municipality_id","office_id");
--> statement-breakpoint
CREATE TABLE "reservation_slot_locks" (
	"municipality_id" text NOT NULL REFERENCES "municipalities"("id"),
	"purpose_id" uuid NOT NULL REFERENCES "queue_purposes"("id"),
	"start" timestamp with time zone NOT NULL,
	CONSTRAINT "reservation_slot_locks_pk" PRIMARY KEY("purpose_id","start")
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL REFERENCES "municipalities"("id"),
	"office_id" uuid NOT NULL REFERENCES "offices"("id"),
	"purpose_id" uuid NOT NULL REFERENCES "queue_purposes"("id"),
	"code" text NOT NULL,
	"status" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"end" timestamp with time zone NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"name" text,
	"kana" text,
	"phone" text,
	"email" text,
	"lang" text DEFAULT 'ja' NOT NULL,
	"token_hash" text NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"ticket_id" uuid REFERENCES "queue_tickets"("id"),
	"pre_application_id" uuid REFERENCES "pre_applications"("id"),
	"checked_in_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"reminder_key" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reservations_code" UNIQUE("code"),
	CONSTRAINT "reservations_token" UNIQUE("token_hash"),
	CONSTRAINT "reservations_reminder_key" UNIQUE("reminder_key"),
	CONSTRAINT "reservations_span" CHECK ("start" < "end")
);
--> statement-breakpoint
CREATE INDEX "reservations_slot" ON "reservations" USING btree ("purpose_id","start");
--> statement-breakpoint
CREATE INDEX "reservations_office_start" ON "reservations" USING btree ("municipality_id","office_id","start");
--> statement-breakpoint
CREATE INDEX "reservations_ticket" ON "reservations" USING btree ("ticket_id") WHERE "ticket_id" is not null;
