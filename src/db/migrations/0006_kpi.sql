CREATE TABLE "kpi_demo_tickets" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_survey_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"visit_id" uuid,
	"ticket_id" uuid,
	"event_type" text,
	"score" integer NOT NULL,
	"comment" text,
	"lang" text NOT NULL,
	"channel" text NOT NULL,
	"answered_on" date NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_survey_answers_visit" UNIQUE("visit_id"),
	CONSTRAINT "kpi_survey_answers_ticket" UNIQUE("ticket_id"),
	CONSTRAINT "kpi_survey_answers_score" CHECK ("kpi_survey_answers"."score" between 1 and 5),
	CONSTRAINT "kpi_survey_answers_subject" CHECK ("kpi_survey_answers"."visit_id" is not null or "kpi_survey_answers"."ticket_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "kpi_ticket_facts" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"office_id" uuid NOT NULL,
	"purpose_id" uuid NOT NULL,
	"event_type" text,
	"service_date" date NOT NULL,
	"outcome" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"wait_seconds" integer,
	"stay_seconds" integer,
	"service_seconds" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"transfers" integer DEFAULT 0 NOT NULL,
	"recalls" integer DEFAULT 0 NOT NULL,
	"last_event_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_demo_tickets" ADD CONSTRAINT "kpi_demo_tickets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_survey_answers" ADD CONSTRAINT "kpi_survey_answers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_survey_answers" ADD CONSTRAINT "kpi_survey_answers_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_ticket_facts" ADD CONSTRAINT "kpi_ticket_facts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_ticket_facts" ADD CONSTRAINT "kpi_ticket_facts_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_demo_tickets_municipality" ON "kpi_demo_tickets" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "kpi_survey_answers_municipality_date" ON "kpi_survey_answers" USING btree ("municipality_id","answered_on");--> statement-breakpoint
CREATE INDEX "kpi_ticket_facts_municipality_event" ON "kpi_ticket_facts" USING btree ("municipality_id","last_event_id");--> statement-breakpoint
CREATE INDEX "kpi_ticket_facts_municipality_date" ON "kpi_ticket_facts" USING btree ("municipality_id","service_date");--> statement-breakpoint
CREATE INDEX "kpi_ticket_facts_office_date" ON "kpi_ticket_facts" USING btree ("office_id","service_date");--> statement-breakpoint
CREATE INDEX "visits_municipality_accepted" ON "visits" USING btree ("municipality_id","accepted_at") WHERE "visits"."accepted_at" is not null;