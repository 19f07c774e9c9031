CREATE TABLE "registry_resident_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_id" uuid,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"source" text NOT NULL,
	"import_id" uuid,
	"actor_staff_id" uuid,
	"actor_username" text,
	"reason" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"household_no" text NOT NULL,
	"ward" text NOT NULL,
	"address" text NOT NULL,
	"address_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_households_no" UNIQUE("municipality_id","household_no")
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"sha256" text,
	"encoding" text,
	"rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"actor_username" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" text NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_no" text NOT NULL,
	"relation" text NOT NULL,
	"name" text NOT NULL,
	"kana" text NOT NULL,
	"name_key" text NOT NULL,
	"kana_key" text NOT NULL,
	"search_grams" text[] NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"insurance" text NOT NULL,
	"pension" text,
	"pension_recipient" boolean DEFAULT false NOT NULL,
	"my_number_card" boolean DEFAULT false NOT NULL,
	"care_level" text,
	"disability_certificate" boolean DEFAULT false NOT NULL,
	"seal_registered" boolean DEFAULT false NOT NULL,
	"pregnant" boolean DEFAULT false NOT NULL,
	"needs_daycare" boolean DEFAULT false NOT NULL,
	"public_servant" boolean DEFAULT false NOT NULL,
	"benefits" text[] DEFAULT '{}'::text[] NOT NULL,
	"owns" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_residents_no" UNIQUE("municipality_id","resident_no")
);
--> statement-breakpoint
ALTER TABLE "registry_resident_changes" ADD CONSTRAINT "registry_resident_changes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_households" ADD CONSTRAINT "registry_households_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD CONSTRAINT "registry_residents_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD CONSTRAINT "registry_residents_household_id_registry_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."registry_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_changes_household" ON "registry_resident_changes" USING btree ("municipality_id","household_id","occurred_at");--> statement-breakpoint
CREATE INDEX "registry_changes_resident" ON "registry_resident_changes" USING btree ("municipality_id","resident_id");--> statement-breakpoint
CREATE INDEX "registry_households_address" ON "registry_households" USING btree ("municipality_id",("address_key" collate "C"));--> statement-breakpoint
CREATE INDEX "registry_residents_household" ON "registry_residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "registry_residents_name" ON "registry_residents" USING btree ("municipality_id",("name_key" collate "C"));--> statement-breakpoint
CREATE INDEX "registry_residents_kana" ON "registry_residents" USING btree ("municipality_id",("kana_key" collate "C"));--> statement-breakpoint
CREATE INDEX "registry_residents_birth" ON "registry_residents" USING btree ("municipality_id","birth_date");--> statement-breakpoint
CREATE INDEX "registry_residents_grams" ON "registry_residents" USING gin ("search_grams");