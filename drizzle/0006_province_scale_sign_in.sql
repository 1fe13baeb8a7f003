CREATE TABLE "sign_in_failures" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_failures_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
DROP INDEX "tasks_plan_idx";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_reported_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "effective_due_on" date GENERATED ALWAYS AS (case when deadline_kind in ('annual', 'continuous') then null else coalesce(extended_due_on, due_on, case when deadline_kind = 'none' then assigned_due_on end) end) STORED;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "recurrence_month" integer GENERATED ALWAYS AS (case deadline_kind when 'annual' then (deadline->>'month')::integer when 'continuous' then 12 end) STORED;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "recurrence_day" integer GENERATED ALWAYS AS (case deadline_kind when 'annual' then (deadline->>'day')::integer when 'continuous' then 31 end) STORED;--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD CONSTRAINT "sign_in_failures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_failures_updated_idx" ON "sign_in_failures" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "progress_updates_approved_idx" ON "progress_updates" USING btree ("task_id","reported_on") WHERE "progress_updates"."status" = 'approved' and "progress_updates"."kind" = 'progress';--> statement-breakpoint
CREATE INDEX "task_assignments_current_idx" ON "task_assignments" USING btree ("agency_id","role","task_id") WHERE "task_assignments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "tasks_tenant_plan_position_idx" ON "tasks" USING btree ("tenant_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree ("tenant_id","effective_due_on") WHERE "tasks"."completed_on" is null;--> statement-breakpoint
CREATE INDEX "tasks_recurring_idx" ON "tasks" USING btree ("tenant_id","recurrence_month","recurrence_day") WHERE "tasks"."recurrence_month" is not null;--> statement-breakpoint
CREATE INDEX "tasks_search_trgm_idx" ON "tasks" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";