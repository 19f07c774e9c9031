CREATE TABLE "queue_counter_states" (
	"counter_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"open" boolean NOT NULL,
	"reason" text,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "queue_daily_numbers" (
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"purpose_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "queue_daily_numbers_purpose_id_service_date_pk" PRIMARY KEY("purpose_id","service_date")
);
--> statement-breakpoint
CREATE TABLE "queue_offices" (
	"office_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"opens_at_minute" integer NOT NULL,
	"closes_at_minute" integer NOT NULL,
	"open_weekdays" integer[] DEFAULT '{1,2,3,4,5}'::integer[] NOT NULL,
	"observe_national_holidays" boolean DEFAULT true NOT NULL,
	"observe_year_end" boolean DEFAULT true NOT NULL,
	"closed_dates" text[] DEFAULT '{}'::text[] NOT NULL,
	"nearly_called_ahead" integer DEFAULT 3 NOT NULL,
	"event_seq" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_offices_hours" CHECK ("queue_offices"."opens_at_minute" >= 0 and "queue_offices"."closes_at_minute" <= 1440 and "queue_offices"."opens_at_minute" < "queue_offices"."closes_at_minute")
);
--> statement-breakpoint
CREATE TABLE "queue_purpose_counters" (
	"municipality_id" text NOT NULL,
	"purpose_id" uuid NOT NULL,
	"counter_id" uuid NOT NULL,
	CONSTRAINT "queue_purpose_counters_purpose_id_counter_id_pk" PRIMARY KEY("purpose_id","counter_id")
);
--> statement-breakpoint
CREATE TABLE "queue_purposes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_ja" text NOT NULL,
	"label_easy" text NOT NULL,
	"label_en" text NOT NULL,
	"band_start" integer NOT NULL,
	"band_end" integer NOT NULL,
	"default_service_minutes" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "queue_purposes_office_code" UNIQUE("office_id","code"),
	CONSTRAINT "queue_purposes_band" CHECK ("queue_purposes"."band_start" >= 1 and "queue_purposes"."band_start" <= "queue_purposes"."band_end")
);
--> statement-breakpoint
CREATE TABLE "queue_ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"purpose_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"counter_id" uuid,
	"staff_id" uuid,
	"lane" text NOT NULL,
	"service_seconds" integer,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"purpose_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"number" integer NOT NULL,
	"kind" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"token_hash" text NOT NULL,
	"target_counter_id" uuid,
	"target_department_id" uuid,
	"counter_id" uuid,
	"waiting_since" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"first_called_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"segment_started_at" timestamp with time zone,
	"segment_seconds" integer DEFAULT 0 NOT NULL,
	"pause_reason" text,
	"visit_id" uuid,
	"issued_by_staff_id" uuid,
	CONSTRAINT "queue_tickets_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "queue_tickets_office_day_number" UNIQUE("office_id","service_date","number")
);
--> statement-breakpoint
ALTER TABLE "queue_counter_states" ADD CONSTRAINT "queue_counter_states_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counter_states" ADD CONSTRAINT "queue_counter_states_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counter_states" ADD CONSTRAINT "queue_counter_states_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_daily_numbers" ADD CONSTRAINT "queue_daily_numbers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_daily_numbers" ADD CONSTRAINT "queue_daily_numbers_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_daily_numbers" ADD CONSTRAINT "queue_daily_numbers_purpose_id_queue_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."queue_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_offices" ADD CONSTRAINT "queue_offices_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_offices" ADD CONSTRAINT "queue_offices_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_purpose_counters" ADD CONSTRAINT "queue_purpose_counters_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_purpose_counters" ADD CONSTRAINT "queue_purpose_counters_purpose_id_queue_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."queue_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_purpose_counters" ADD CONSTRAINT "queue_purpose_counters_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_purposes" ADD CONSTRAINT "queue_purposes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_purposes" ADD CONSTRAINT "queue_purposes_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_ticket_events" ADD CONSTRAINT "queue_ticket_events_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_ticket_events" ADD CONSTRAINT "queue_ticket_events_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_ticket_events" ADD CONSTRAINT "queue_ticket_events_ticket_id_queue_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."queue_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_ticket_events" ADD CONSTRAINT "queue_ticket_events_purpose_id_queue_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."queue_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_purpose_id_queue_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."queue_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_target_counter_id_counters_id_fk" FOREIGN KEY ("target_counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_target_department_id_departments_id_fk" FOREIGN KEY ("target_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_offices_municipality" ON "queue_offices" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "queue_purpose_counters_counter" ON "queue_purpose_counters" USING btree ("counter_id");--> statement-breakpoint
CREATE INDEX "queue_purposes_municipality_office" ON "queue_purposes" USING btree ("municipality_id","office_id");--> statement-breakpoint
CREATE INDEX "queue_ticket_events_office_seq" ON "queue_ticket_events" USING btree ("office_id","seq");--> statement-breakpoint
CREATE INDEX "queue_ticket_events_ticket" ON "queue_ticket_events" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "queue_ticket_events_municipality_at" ON "queue_ticket_events" USING btree ("municipality_id","at");--> statement-breakpoint
CREATE INDEX "queue_ticket_events_samples" ON "queue_ticket_events" USING btree ("office_id","purpose_id","id") WHERE "queue_ticket_events"."service_seconds" is not null;--> statement-breakpoint
CREATE INDEX "queue_tickets_office_day_status" ON "queue_tickets" USING btree ("office_id","service_date","status");--> statement-breakpoint
CREATE INDEX "queue_tickets_municipality" ON "queue_tickets" USING btree ("municipality_id","service_date");