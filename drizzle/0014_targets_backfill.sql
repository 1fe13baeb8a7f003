-- Targets stored before: the value and year the plan stated become their first milestone, and
-- their kind is read from them as the store now does (plans/service.ts#targetKindOf).
INSERT INTO target_milestones (target_id, year, value)
SELECT id, target_year, target_value FROM targets WHERE target_year IS NOT NULL;
--> statement-breakpoint
UPDATE targets SET kind = CASE
  WHEN target_value IS NULL AND target_year IS NULL THEN 'qualitative'
  WHEN target_value IS NULL THEN 'milestone'
  WHEN btrim(unit) = '%' THEN 'percentage'
  ELSE 'number'
END;
