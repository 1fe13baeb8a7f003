ALTER TABLE "targets" ADD COLUMN "projection_state" text;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "projection_due_year" integer;--> statement-breakpoint
CREATE INDEX "targets_tenant_projection_idx" ON "targets" USING btree ("tenant_id","projection_state");--> statement-breakpoint
CREATE INDEX "targets_responsible_idx" ON "targets" USING btree ("responsible_agency_id");