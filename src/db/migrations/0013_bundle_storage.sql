-- Issue 16: the signed bundle is kept once, with the signature, exactly as signing rendered it, and
-- accepting no longer renders the forms again nor stores one PDF per application (each with its own
-- copy of the font subset: 1,151 KB for a 113 KB bundle). An application refers to the signature and
-- to its pages of the bundle; its own PDF is cut from the bundle when it is asked for. Applications
-- accepted before keep their form_pdf, and a signature taken before has no bundle (accept renders it
-- once, as it did, and keeps it).
ALTER TABLE "signatures" ADD COLUMN "bundle_pdf" bytea;
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "bundle_sha256" text;
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "visit_version" integer;
--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_bundle_whole" CHECK (("bundle_pdf" IS NULL) = ("bundle_sha256" IS NULL) AND ("bundle_pdf" IS NULL) = ("visit_version" IS NULL));
--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "form_pdf" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "signature_id" uuid;
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "first_page" integer;
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "last_page" integer;
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_form_pdf_or_pages" CHECK ("form_pdf" IS NOT NULL OR ("signature_id" IS NOT NULL AND "first_page" >= 1 AND "last_page" >= "first_page"));
