CREATE TABLE "project_capital_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"amount" numeric(20, 3) NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"amount" numeric(20, 3) NOT NULL,
	"update_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"planned_on" date,
	"actual_on" date
);
--> statement-breakpoint
CREATE TABLE "project_targets" (
	"project_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	CONSTRAINT "project_targets_project_id_target_id_pk" PRIMARY KEY("project_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "project_tasks" (
	"project_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	CONSTRAINT "project_tasks_project_id_task_id_pk" PRIMARY KEY("project_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "project_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"disbursed" numeric(20, 3),
	"clearance_done" numeric(14, 3),
	"construction_percent" integer,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"narrative" text NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "target_contributors" (
	"target_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	CONSTRAINT "target_contributors_target_id_agency_id_pk" PRIMARY KEY("target_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "target_tasks" (
	"target_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	CONSTRAINT "target_tasks_target_id_task_id_pk" PRIMARY KEY("target_id","task_id")
);
--> statement-breakpoint
ALTER TABLE "evidence_files" ALTER COLUMN "progress_update_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "target_actual_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "project_update_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "owner_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "total_investment" numeric(20, 3);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "approval_documents" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "start_year" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "end_year" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "clearance_unit" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "clearance_total" numeric(14, 3);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "clearance_done" numeric(14, 3);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "construction_percent" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "last_updated_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD COLUMN "agency_id" uuid;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD COLUMN "period_end" date;--> statement-breakpoint
-- Actuals stored before were by year.
UPDATE "target_actuals" SET "period" = "year"::text, "period_end" = make_date("year", 12, 31);--> statement-breakpoint
ALTER TABLE "target_actuals" ALTER COLUMN "period" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "target_actuals" ALTER COLUMN "period_end" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "reporting_frequency" text DEFAULT 'annual' NOT NULL;--> statement-breakpoint
ALTER TABLE "project_capital_plans" ADD CONSTRAINT "project_capital_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_capital_plans" ADD CONSTRAINT "project_capital_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_capital_plans" ADD CONSTRAINT "project_capital_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_disbursements" ADD CONSTRAINT "project_disbursements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_disbursements" ADD CONSTRAINT "project_disbursements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_disbursements" ADD CONSTRAINT "project_disbursements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_targets" ADD CONSTRAINT "project_targets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_targets" ADD CONSTRAINT "project_targets_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_contributors" ADD CONSTRAINT "target_contributors_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_contributors" ADD CONSTRAINT "target_contributors_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_tasks" ADD CONSTRAINT "target_tasks_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_tasks" ADD CONSTRAINT "target_tasks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_capital_plans_uq" ON "project_capital_plans" USING btree ("project_id","year","source");--> statement-breakpoint
CREATE INDEX "project_capital_plans_tenant_year_idx" ON "project_capital_plans" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "project_disbursements_uq" ON "project_disbursements" USING btree ("project_id","year","month");--> statement-breakpoint
CREATE INDEX "project_disbursements_tenant_year_idx" ON "project_disbursements" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "project_milestones_uq" ON "project_milestones" USING btree ("project_id","kind");--> statement-breakpoint
CREATE INDEX "project_targets_target_idx" ON "project_targets" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "project_tasks_task_idx" ON "project_tasks" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "project_updates_project_idx" ON "project_updates" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_updates_agency_status_idx" ON "project_updates" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "target_tasks_task_idx" ON "target_tasks" USING btree ("task_id");--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_target_actual_id_target_actuals_id_fk" FOREIGN KEY ("target_actual_id") REFERENCES "public"."target_actuals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_project_update_id_project_updates_id_fk" FOREIGN KEY ("project_update_id") REFERENCES "public"."project_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD CONSTRAINT "target_actuals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_files_target_actual_idx" ON "evidence_files" USING btree ("target_actual_id");--> statement-breakpoint
CREATE INDEX "evidence_files_project_update_idx" ON "evidence_files" USING btree ("project_update_id");--> statement-breakpoint
CREATE INDEX "evidence_files_project_idx" ON "evidence_files" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "projects_owner_agency_idx" ON "projects" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "target_actuals_agency_status_idx" ON "target_actuals" USING btree ("agency_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "target_actuals_pending_uq" ON "target_actuals" USING btree ("target_id","period") WHERE "target_actuals"."status" = 'pending';--> statement-breakpoint
-- An evidence file belongs to exactly one thing.
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_one_owner_ck" CHECK (num_nonnulls("progress_update_id", "target_actual_id", "project_update_id", "project_id") = 1);
