-- Plan data beside the tasks announces its changes on the same channel as migration 0008's task
-- data (`tiendo_task_data`, src/db/data-changes.ts), so that the server's read cache
-- (src/db/read-cache.ts) may also keep what is computed from them: the public view of a plan,
-- the dashboard's targets and projects, the map's project measures. Targets and their milestones,
-- actuals and contributors; projects and their capital plans, disbursements, milestones, updates and
-- locations; published feedback; the plan's document and sections; and the reporting periods,
-- their agencies and reports and the tasks' outcomes in them (the period recurring work is judged
-- in). One announcement per statement (FOR EACH STATEMENT), folded into one per transaction by
-- NOTIFY; nothing is said for a rolled-back change.
CREATE TRIGGER legal_documents_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON legal_documents
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER plan_nodes_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER targets_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER target_milestones_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON target_milestones
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER target_actuals_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON target_actuals
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER target_contributors_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON target_contributors
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER projects_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER project_capital_plans_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_capital_plans
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER project_disbursements_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_disbursements
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER project_milestones_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_milestones
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER project_updates_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_updates
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER project_locations_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_locations
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER feedback_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feedback
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER reporting_periods_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reporting_periods
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER reporting_period_agencies_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reporting_period_agencies
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER task_period_outcomes_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_period_outcomes
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER agency_reports_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_reports
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
