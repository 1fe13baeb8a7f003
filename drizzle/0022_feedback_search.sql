CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"target_id" uuid,
	"project_id" uuid,
	"sender_name" text NOT NULL,
	"sender_organisation" text,
	"sender_contact" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"answer" text,
	"moderation_note" text,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"sender_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_one_item" CHECK (num_nonnulls("feedback"."target_id", "feedback"."project_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_queue_idx" ON "feedback" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "feedback_target_idx" ON "feedback" USING btree ("target_id","status");--> statement-breakpoint
CREATE INDEX "feedback_project_idx" ON "feedback" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "feedback_sender_idx" ON "feedback" USING btree ("tenant_id","sender_key","created_at");--> statement-breakpoint
CREATE INDEX "projects_name_trgm_idx" ON "projects" USING gin (tiendo_fold("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "targets_indicator_trgm_idx" ON "targets" USING gin (tiendo_fold("indicator") gin_trgm_ops);