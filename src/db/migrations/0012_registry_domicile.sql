-- Issue 16: the 住民異動届 needs 本籍・筆頭者 for Japanese nationals, and 国籍・地域, 在留資格,
-- 在留カード等の番号 and 在留期間の満了の日 for foreign residents (住基法 §30の45); a visit prefills the
-- household's postal code with its registered address. Every existing resident is a Japanese national
-- whose other facts are not known yet (NULL), so every existing row stays valid.
ALTER TABLE "registry_residents" ADD COLUMN "nationality" text DEFAULT 'JP' NOT NULL;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD COLUMN "honseki" text;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD COLUMN "hittousha" text;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD COLUMN "residence_status" text;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD COLUMN "residence_card_number" text;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD COLUMN "residence_period_end" date;--> statement-breakpoint
ALTER TABLE "registry_residents" ADD CONSTRAINT "registry_residents_nationality" CHECK ("nationality" ~ '^[A-Z]{2}$');--> statement-breakpoint
ALTER TABLE "registry_residents" ADD CONSTRAINT "registry_residents_residence_card_number" CHECK ("residence_card_number" ~ '^[A-Z]{2}[0-9]{8}[A-Z]{2}$');--> statement-breakpoint
-- The import and the counter refuse it first; this is the last line: a run of twelve digits (ASCII or
-- full width) in the free text of the 戸籍 is a 個人番号 typed in the wrong place, never a 本籍.
ALTER TABLE "registry_residents" ADD CONSTRAINT "registry_residents_no_individual_number" CHECK ((coalesce("honseki", '') || ' ' || coalesce("hittousha", '') || ' ' || coalesce("residence_status", '')) !~ '[0-9０-９]{12}');--> statement-breakpoint
ALTER TABLE "registry_households" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "registry_households" ADD CONSTRAINT "registry_households_postal_code" CHECK ("postal_code" ~ '^[0-9]{3}-[0-9]{4}$');
