-- Issue 15: a queue purpose's names become one locale map ({ "ja": …, "ja-x-easy": …, "en": …, … },
-- Japanese required), a ticket remembers the language chosen at the kiosk, and an office's display
-- board names the languages of its captions.
ALTER TABLE "queue_purposes" ADD COLUMN "labels" jsonb;--> statement-breakpoint
UPDATE "queue_purposes" SET "labels" = jsonb_strip_nulls(jsonb_build_object(
  'ja', "label_ja",
  'ja-x-easy', nullif(btrim("label_easy"), ''),
  'en', nullif(btrim("label_en"), '')
));--> statement-breakpoint
ALTER TABLE "queue_purposes" ALTER COLUMN "labels" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "queue_purposes" ADD CONSTRAINT "queue_purposes_labels_ja" CHECK (jsonb_typeof("labels" -> 'ja') = 'string' and "labels" ->> 'ja' <> '');--> statement-breakpoint
ALTER TABLE "queue_purposes" DROP COLUMN "label_ja";--> statement-breakpoint
ALTER TABLE "queue_purposes" DROP COLUMN "label_easy";--> statement-breakpoint
ALTER TABLE "queue_purposes" DROP COLUMN "label_en";--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "lang" text DEFAULT 'ja' NOT NULL;--> statement-breakpoint
ALTER TABLE "queue_offices" ADD COLUMN "display_captions" text[] DEFAULT '{en}'::text[] NOT NULL;
