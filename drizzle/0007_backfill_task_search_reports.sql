-- Tasks stored before 0006: their folded search text (as db/fold.ts folds in a query) and the day
-- of their latest approved progress report.
UPDATE "tasks" SET "search_text" = lower(unaccent(replace(replace("title" || ' ' || coalesce("body", ''), 'đ', 'd'), 'Đ', 'D')));--> statement-breakpoint
UPDATE "tasks" SET "last_reported_on" = (
  SELECT max(p."reported_on") FROM "progress_updates" p
  WHERE p."task_id" = "tasks"."id" AND p."status" = 'approved' AND p."kind" = 'progress'
);
