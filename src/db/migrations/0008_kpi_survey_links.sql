CREATE TABLE "kpi_survey_links" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_survey_links_token" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "kpi_survey_links" ADD CONSTRAINT "kpi_survey_links_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_survey_links" ADD CONSTRAINT "kpi_survey_links_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;