-- Names and labels of a tenant's municipality, offices, departments and counters become one locale map
-- each ({ "ja": …, "en": …, "zh-Hans": … }, Japanese required), so a language is added as data.
-- The old name_ja / name_en / label_ja / label_en columns go; the tenancy repository still offers the
-- Japanese and English strings, derived from the map, to the readers not yet moved to it.
ALTER TABLE "municipalities" ADD COLUMN "names" jsonb;
--> statement-breakpoint
UPDATE "municipalities" SET "names" = jsonb_build_object('ja', "name_ja", 'en', "name_en");
--> statement-breakpoint
ALTER TABLE "municipalities" DROP COLUMN "name_ja";
--> statement-breakpoint
ALTER TABLE "municipalities" DROP COLUMN "name_en";
--> statement-breakpoint
ALTER TABLE "municipalities" ALTER COLUMN "names" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_names_ja" CHECK (coalesce(jsonb_typeof("names"->'ja'), '') = 'string' AND "names"->>'ja' <> '');
--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "names" jsonb;
--> statement-breakpoint
UPDATE "offices" SET "names" = jsonb_build_object('ja', "name_ja", 'en', "name_en");
--> statement-breakpoint
ALTER TABLE "offices" DROP COLUMN "name_ja";
--> statement-breakpoint
ALTER TABLE "offices" DROP COLUMN "name_en";
--> statement-breakpoint
ALTER TABLE "offices" ALTER COLUMN "names" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_names_ja" CHECK (coalesce(jsonb_typeof("names"->'ja'), '') = 'string' AND "names"->>'ja' <> '');
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "labels" jsonb;
--> statement-breakpoint
UPDATE "departments" SET "labels" = jsonb_build_object('ja', "label_ja", 'en', "label_en");
--> statement-breakpoint
ALTER TABLE "departments" DROP COLUMN "label_ja";
--> statement-breakpoint
ALTER TABLE "departments" DROP COLUMN "label_en";
--> statement-breakpoint
ALTER TABLE "departments" ALTER COLUMN "labels" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_labels_ja" CHECK (coalesce(jsonb_typeof("labels"->'ja'), '') = 'string' AND "labels"->>'ja' <> '');
--> statement-breakpoint
ALTER TABLE "counters" ADD COLUMN "labels" jsonb;
--> statement-breakpoint
UPDATE "counters" SET "labels" = jsonb_build_object('ja', "label_ja", 'en', "label_en");
--> statement-breakpoint
ALTER TABLE "counters" DROP COLUMN "label_ja";
--> statement-breakpoint
ALTER TABLE "counters" DROP COLUMN "label_en";
--> statement-breakpoint
ALTER TABLE "counters" ALTER COLUMN "labels" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "counters" ADD CONSTRAINT "counters_labels_ja" CHECK (coalesce(jsonb_typeof("labels"->'ja'), '') = 'string' AND "labels"->>'ja' <> '');
