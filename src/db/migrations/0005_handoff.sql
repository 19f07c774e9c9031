CREATE TABLE "handoff_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"destination" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_token" uuid,
	"leased_by" text,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "handoff_deliveries_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "handoff_deliveries_application_destination" UNIQUE("application_id","destination")
);
--> statement-breakpoint
ALTER TABLE "handoff_deliveries" ADD CONSTRAINT "handoff_deliveries_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_deliveries" ADD CONSTRAINT "handoff_deliveries_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_deliveries" ADD CONSTRAINT "handoff_deliveries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handoff_deliveries_due" ON "handoff_deliveries" USING btree ("next_attempt_at") WHERE "handoff_deliveries"."state" in ('pending', 'retrying');--> statement-breakpoint
CREATE INDEX "handoff_deliveries_summary" ON "handoff_deliveries" USING btree ("municipality_id","office_id","destination","state");--> statement-breakpoint
CREATE INDEX "handoff_deliveries_recent" ON "handoff_deliveries" USING btree ("municipality_id","updated_at");