-- Issue 18 item 4 and 5: a visit can hold more than one event of one household on one day (a marriage and
-- the partner's move-in). `household` stays the first event's household; each further event's household
-- (the same members under the same ids, its own event) is kept here, in the order they were added.
ALTER TABLE "visits" ADD COLUMN "more_households" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
-- The second 届出人's drawn signature (the other partner of a 婚姻届 or 協議離婚届), stamped into their
-- box of those forms; absent when one person files every form.
ALTER TABLE "signatures" ADD COLUMN "cosignature_png" bytea;
