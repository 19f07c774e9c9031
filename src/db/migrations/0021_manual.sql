-- The unified manual and FAQ (src/manual): entries per municipality, every version of each kept as the
-- Markdown source it was written in (diffable), with the two-person rule checked in the use case and
-- again here (an approver is never the author); anonymous search and feedback logs for content owners.
CREATE TABLE "manual_entries" (
	"municipality_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"audience" text NOT NULL,
	"procedures" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_entries_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "manual_entries_kind" CHECK ("kind" in ('procedure', 'faq', 'general')),
	CONSTRAINT "manual_entries_audience" CHECK ("audience" in ('public', 'staff', 'both'))
);
--> statement-breakpoint
CREATE TABLE "manual_entry_versions" (
	"municipality_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"source_sha256" text NOT NULL,
	"status" text NOT NULL,
	"title_ja" text NOT NULL,
	"last_reviewed" date NOT NULL,
	"author_staff_id" uuid,
	"author_name" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_staff_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "manual_entry_versions_pk" PRIMARY KEY("municipality_id","entry_id","version"),
	CONSTRAINT "manual_entry_versions_status" CHECK ("status" in ('pending', 'published', 'archived', 'rejected', 'withdrawn')),
	CONSTRAINT "manual_entry_versions_two_people" CHECK ("author_staff_id" IS NULL OR "decided_by_staff_id" IS NULL OR "author_staff_id" <> "decided_by_staff_id")
);
--> statement-breakpoint
CREATE TABLE "manual_search_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"searched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audience" text NOT NULL,
	"lang" text NOT NULL,
	"query" text NOT NULL,
	"result_count" integer NOT NULL,
	"clicked_entry_id" text,
	"clicked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "manual_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"version" integer,
	"helpful" boolean NOT NULL,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "manual_entries" ADD CONSTRAINT "manual_entries_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_entry_versions" ADD CONSTRAINT "manual_entry_versions_entry_fk" FOREIGN KEY ("municipality_id","entry_id") REFERENCES "public"."manual_entries"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_search_log" ADD CONSTRAINT "manual_search_log_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_feedback" ADD CONSTRAINT "manual_feedback_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "manual_entry_versions_pending" ON "manual_entry_versions" USING btree ("municipality_id","status") WHERE "status" = 'pending';--> statement-breakpoint
CREATE INDEX "manual_search_log_time" ON "manual_search_log" USING btree ("municipality_id","searched_at");--> statement-breakpoint
CREATE INDEX "manual_feedback_entry" ON "manual_feedback" USING btree ("municipality_id","entry_id");
