ALTER TABLE "import_drafts" ALTER COLUMN "extraction" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_drafts" ADD COLUMN "extraction_gz" "bytea";