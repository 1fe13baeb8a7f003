-- tasks.current_lead_agency_id is the agency of the task's current lead assignment (at most one:
-- task_assignments_current_lead_uq). Triggers keep it whoever writes assignments (assigning,
-- a plan's store, a reorganisation), once per statement for the tasks the statement touched.
CREATE OR REPLACE FUNCTION tiendo_refresh_current_lead(task_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE tasks t SET current_lead_agency_id = l.agency_id
  FROM (
    SELECT u.id, (
      SELECT a.agency_id FROM task_assignments a
      WHERE a.task_id = u.id AND a.role = 'lead' AND a.ended_on IS NULL
    ) AS agency_id
    FROM (SELECT DISTINCT id FROM unnest(task_ids) AS ids(id)) u
  ) l
  WHERE t.id = l.id AND t.current_lead_agency_id IS DISTINCT FROM l.agency_id;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tiendo_current_lead_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tiendo_refresh_current_lead(array(SELECT task_id FROM new_rows));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tiendo_current_lead_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tiendo_refresh_current_lead(
    array(SELECT task_id FROM new_rows UNION SELECT task_id FROM old_rows));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tiendo_current_lead_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tiendo_refresh_current_lead(array(SELECT task_id FROM old_rows));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER task_assignments_current_lead_inserted
  AFTER INSERT ON task_assignments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_current_lead_inserted();
--> statement-breakpoint
CREATE TRIGGER task_assignments_current_lead_updated
  AFTER UPDATE ON task_assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_current_lead_updated();
--> statement-breakpoint
CREATE TRIGGER task_assignments_current_lead_deleted
  AFTER DELETE ON task_assignments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_current_lead_deleted();
--> statement-breakpoint
UPDATE tasks t SET current_lead_agency_id = a.agency_id
FROM task_assignments a
WHERE a.task_id = t.id AND a.role = 'lead' AND a.ended_on IS NULL;
