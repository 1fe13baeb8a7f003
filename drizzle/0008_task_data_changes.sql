-- Counts and overviews of tasks are cached by the server (src/db/data-changes.ts) until the data
-- they are computed from changes. Every statement that changes that data announces it on commit
-- (NOTIFY is transactional: nothing is said for a rolled-back change, and a transaction's
-- announcements are folded into one), so a server sees changes made by any process: itself, the
-- CLI, another instance.
CREATE OR REPLACE FUNCTION tiendo_task_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tiendo_task_data', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER task_assignments_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER progress_updates_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON progress_updates
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER agencies_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
--> statement-breakpoint
CREATE TRIGGER plans_data_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_task_data_changed();
