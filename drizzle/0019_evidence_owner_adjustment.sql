-- Custom: check constraints drizzle-kit does not generate (evidence owner, period window).
-- A proposed adjustment of the plan carries its evidence too: evidence files keep exactly one owner.
ALTER TABLE "evidence_files" DROP CONSTRAINT "evidence_files_one_owner_ck";--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_one_owner_ck" CHECK (num_nonnulls("progress_update_id", "target_actual_id", "project_update_id", "project_id", "adjustment_proposal_id") = 1);
--> statement-breakpoint
-- A period's data window runs forwards.
ALTER TABLE "reporting_periods" ADD CONSTRAINT "reporting_periods_window_ck" CHECK ("window_from" <= "window_to");
