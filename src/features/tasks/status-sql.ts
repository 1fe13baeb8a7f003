// A task's status in SQL: the rule of domain/task-status.ts (judge) and domain/reporting-period.ts
// (the period recurring work is judged in) as expressions over the `tasks` row and the day asked,
// so that lists, filters, counts and the urging overview are queries over indexed columns and never
// a walk over every task of the province in JavaScript. The domain functions stay the statement of
// the rule (and serve single objects and tests); status-sql.test.ts generates random tasks, stores
// them, and holds every expression here to them on both engines.
//
// The columns it reads (drizzle/0006): `effective_due_on` (generated: the extension, else the plan's
// date, else the consolidator's for a task the plan gives none; null for recurring work),
// `completed_on`, `recurrence_month`/`recurrence_day` (generated: annual → its day, continuous →
// 31/12; null for one-off work), `last_reported_on` (the day of the latest approved progress
// report, kept by service.ts#applyApproved). Nothing here is stored: the state depends on the day.
import { type SQL, sql } from 'drizzle-orm';
import { progressUpdates, tasks } from '../../db/schema.js';
import { periodWindow } from '../../domain/reporting-period.js';
import type { OverdueAge, TaskState } from '../../domain/task-status.js';

const date = (iso: string) => sql`${iso}::date`;

const recurring = sql`${tasks.recurrenceMonth} is not null`;
const oneOff = sql`${tasks.recurrenceMonth} is null`;
const started = sql`${tasks.lastReportedOn} is not null`;

/**
 * The reporting period recurring tasks are judged in on `asOf`: the calendar year's annual report
 * (domain/reporting-period.ts#annualPeriod). The one place to change when periods become records
 * (issue #10): its first day, its label, and each task's submission date in it.
 */
export function recurringPeriodSql(asOf: string) {
  const { year, label, from } = periodWindow(asOf);
  const y = sql`${year}::int`;
  // The task's day in that year, clamped to the month (29/2 in 2027 → 28/2): annualDueOn.
  const lastDay = sql`extract(day from make_date(${y}, ${tasks.recurrenceMonth}, 1) + interval '1 month - 1 day')::int`;
  const dueOn = sql`make_date(${y}, ${tasks.recurrenceMonth}, least(${tasks.recurrenceDay}, ${lastDay}))`;
  /** The period's report is in: an approved report on or after the window's first day. */
  const reported = sql`${tasks.lastReportedOn} >= ${date(from)}`;
  const notReported = sql`(${tasks.lastReportedOn} is null or ${tasks.lastReportedOn} < ${date(from)})`;
  /** The first approved report in the period came by the submission date (one index probe). */
  const reportedInTime = sql`exists (select 1 from ${progressUpdates} where ${progressUpdates.taskId} = ${tasks.id} and ${progressUpdates.status} = 'approved' and ${progressUpdates.kind} = 'progress' and ${progressUpdates.reportedOn} >= ${date(from)} and ${progressUpdates.reportedOn} <= ${dueOn})`;
  const asOfMonth = Number(asOf.slice(5, 7));
  const asOfDay = Number(asOf.slice(8, 10));
  /**
   * The submission date is before `asOf`, as an index-friendly row comparison on the stored month
   * and day (tasks_recurring_idx): a clamped day is before asOf's day exactly when the day is.
   */
  const dueBeforeAsOf = sql`(${tasks.recurrenceMonth}, ${tasks.recurrenceDay}) < (${asOfMonth}::int, ${asOfDay}::int)`;
  return { year, label, from, dueOn, reported, notReported, reportedInTime, dueBeforeAsOf };
}

export type StatusSql = ReturnType<typeof statusSql>;

/** Every status expression and predicate for one day asked (`asOf`, ISO date). */
export function statusSql(asOf: string) {
  const period = recurringPeriodSql(asOf);
  const today = date(asOf);
  const due = tasks.effectiveDueOn;

  /** The date judged against: the one-off due date, or the period's submission date. */
  const dueOn = sql<string | null>`(case when ${recurring} then ${period.dueOn} else ${due} end)`;

  const state = sql<TaskState>`(case when ${recurring} then (case
      when ${period.reported} then (case when ${period.reportedInTime} then 'done_on_time' else 'done_late' end)
      when ${period.dueBeforeAsOf} then 'overdue'
      when ${started} then 'in_progress'
      else 'not_started' end)
    else (case
      when ${tasks.completedOn} is not null then (case when ${due} is null or ${tasks.completedOn} <= ${due} then 'done_on_time' else 'done_late' end)
      when ${due} < ${today} then 'overdue'
      when ${started} then 'in_progress'
      else 'not_started' end)
    end)`;

  /** Open one-off work by its due date: the partial index tasks_open_due_idx answers it. */
  const openOneOffDue = (condition: SQL) =>
    sql`(${tasks.completedOn} is null and ${due} is not null and ${condition})`;
  const openRecurringDue = (condition: (dueOn: SQL) => SQL) =>
    sql`(${recurring} and ${period.notReported} and ${condition(period.dueOn)})`;

  /** Overdue: written so that each half can use its partial index. */
  const overdue = sql`(${openOneOffDue(sql`${due} < ${today}`)} or (${recurring} and ${period.notReported} and ${period.dueBeforeAsOf}))`;

  /** Days past the date judged against, for overdue work; null otherwise. */
  const overdueDays = sql<number | null>`(case
      when ${recurring} then (case when ${period.notReported} and ${period.dueBeforeAsOf} then ${today} - ${period.dueOn} end)
      when ${tasks.completedOn} is null and ${due} < ${today} then ${today} - ${due}
    end)`;

  /** domain/task-status.ts#overdueAge over `overdueDays`. */
  const age = sql<OverdueAge | null>`(case
      when ${overdueDays} > 120 then 'over_120'
      when ${overdueDays} > 60 then 'over_60'
      when ${overdueDays} > 30 then 'over_30'
      when ${overdueDays} is not null then 'under_30'
    end)`;

  /** Not done (in progress, overdue, not started). */
  const open = sql`((${oneOff} and ${tasks.completedOn} is null) or (${recurring} and ${period.notReported}))`;

  /** Not done, and judged against a date on or before `last` (overdue included). */
  const openDueBy = (last: string) =>
    sql`(${openOneOffDue(sql`${due} <= ${date(last)}`)} or ${openRecurringDue((d) => sql`${d} <= ${date(last)}`)})`;

  /** Not done, and due between `first` and `last` (both included): "due soon" from asOf. */
  const openDueBetween = (first: string, last: string) =>
    sql`(${openOneOffDue(sql`${due} between ${date(first)} and ${date(last)}`)} or ${openRecurringDue((d) => sql`${d} between ${date(first)} and ${date(last)}`)})`;

  /** Tasks in one state; overdue and the open states through the index-friendly predicates. */
  const inState = (s: TaskState): SQL => {
    if (s === 'overdue') return overdue;
    return sql`${state} = ${s}`;
  };

  /** Sorting by the date judged against: the earliest first, work without one last. */
  const byDue = sql`${dueOn} asc nulls last`;

  return {
    asOf,
    period,
    state,
    dueOn,
    overdueDays,
    age,
    overdue,
    open,
    openDueBy,
    openDueBetween,
    inState,
    byDue,
  };
}

/** An ISO day `days` after `iso` (calendar days, UTC arithmetic on dates). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}
