CREATE TABLE "target_actuals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(20, 6),
	"achieved" boolean,
	"assessment" text,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "target_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(20, 6)
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "projection_at_risk_share" numeric(4, 3) DEFAULT '0.8' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "projection_about_margin" numeric(4, 3) DEFAULT '0.05' NOT NULL;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "baseline_year" integer;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "kind" text DEFAULT 'number' NOT NULL;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "comparator" text DEFAULT 'at_least' NOT NULL;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "responsible_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "data_source" text;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD CONSTRAINT "target_actuals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD CONSTRAINT "target_actuals_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_milestones" ADD CONSTRAINT "target_milestones_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_actuals_target_idx" ON "target_actuals" USING btree ("target_id","status","year");--> statement-breakpoint
CREATE UNIQUE INDEX "target_milestones_target_year_uq" ON "target_milestones" USING btree ("target_id","year");--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_responsible_agency_id_agencies_id_fk" FOREIGN KEY ("responsible_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;