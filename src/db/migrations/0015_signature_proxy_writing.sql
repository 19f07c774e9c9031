-- Issue 16: a resident who cannot sign on the pad signs through 代筆 — a staff member or a companion
-- writes, a second staff member confirms. Such a signature has no image; it keeps who wrote, why and
-- who confirmed, and every form prints that in its signature box.
ALTER TABLE "signatures" ALTER COLUMN "image_png" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "proxy_writing" jsonb;
--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_image_or_proxy" CHECK ("image_png" IS NOT NULL OR "proxy_writing" IS NOT NULL);
