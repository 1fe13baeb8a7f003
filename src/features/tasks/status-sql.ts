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
//
// Every expression comes in two halves, one for one-off work (`recurrence_month is null`) and one
// for recurring work, and whole (a CASE or an OR of the halves). Queries that scan many tasks ask
// each half separately (queries.ts): each half then uses its own partial index
// (tasks_open_due_idx, tasks_recurring_idx), sorts by its own date, and the one correlated lookup
// (a recurring report's timeliness) is costed over recurring rows only, which keeps PostgreSQL's
// plans cheap (and its JIT compiler, triggered by estimated cost, out of the way).
import { type SQL, sql } from 'drizzle-orm';
import { progressUpdates, tasks } from '../../db/schema.js';
import { periodWindow } from '../../domain/reporting-period.js';
import type { OverdueAge, TaskState } from '../../domain/task-status.js';

/** The two kinds of work, each judged its own way. */
export type Kind = 'oneOff' | 'recurring';
export const KINDS: readonly Kind[] = ['oneOff', 'recurring'];
/** An expression or predicate for each kind of work. */
export type Halves = Record<Kind, SQL>;

const date = (iso: string) => sql`${iso}::date`;

/** Which rows are of a kind. */
export const ofKind: Halves = {
  oneOff: sql`${tasks.recurrenceMonth} is null`,
  recurring: sql`${tasks.recurrenceMonth} is not null`,
};

/** A predicate over every task from its halves. */
export const either = (p: Halves) =>
  sql`((${ofKind.oneOff} and ${p.oneOff}) or (${ofKind.recurring} and ${p.recurring}))`;

/** A value for every task from its halves. */
const whole = <T>(v: Halves) =>
  sql<T>`(case when ${ofKind.recurring} then ${v.recurring} else ${v.oneOff} end)`;

const started = sql`${tasks.lastReportedOn} is not null`;

/**
 * The reporting period recurring tasks are judged in on `asOf`: the calendar year's annual report
 * (domain/reporting-period.ts#annualPeriod). The one place to change when periods become records
 * (issue #10): its first day, its label, and each task's submission date in it.
 */
export function recurringPeriodSql(asOf: string) {
  const { year, label, from } = periodWindow(asOf);
  const y = sql`${year}::int`;
  // The task's day in that year, clamped to the month (29/2 in 2027 → 28/2): annualDueOn. The
  // months' lengths in that year are a constant of the query.
  const lengths = Array.from({ length: 12 }, (_, m) =>
    new Date(Date.UTC(year, m + 1, 0)).getUTCDate(),
  );
  const lastDay = sql`(${`{${lengths.join(',')}}`}::int[])[${tasks.recurrenceMonth}]`;
  const dueOn = sql`make_date(${y}, ${tasks.recurrenceMonth}, least(${tasks.recurrenceDay}, ${lastDay}))`;
  /**
   * The order of dueOn, written so that an index on the month serves it: sorted month by month
   * (an incremental sort), a page of recurring work by date reads a month's rows, not them all.
   */
  const dueOrder = sql`${tasks.recurrenceMonth}, least(${tasks.recurrenceDay}, ${lastDay})`;
  /** The period's report is in: an approved report on or after the window's first day. */
  const reported = sql`${tasks.lastReportedOn} >= ${date(from)}`;
  const notReported = sql`(${tasks.lastReportedOn} is null or ${tasks.lastReportedOn} < ${date(from)})`;
  /** The latest approved report came by the submission date: then the first one did too. */
  const latestInTime = sql`${tasks.lastReportedOn} <= ${dueOn}`;
  /** An approved report in the period by the submission date (one probe of the approved index). */
  const anyInTime = sql`exists (select 1 from ${progressUpdates} where ${progressUpdates.taskId} = ${tasks.id} and ${progressUpdates.status} = 'approved' and ${progressUpdates.kind} = 'progress' and ${progressUpdates.reportedOn} >= ${date(from)} and ${progressUpdates.reportedOn} <= ${dueOn})`;
  /** The first approved report in the period came by the submission date. */
  const reportedInTime = sql`(${latestInTime} or ${anyInTime})`;
  const asOfMonth = Number(asOf.slice(5, 7));
  const asOfDay = Number(asOf.slice(8, 10));
  /**
   * The submission date is before `asOf`, as an index-friendly row comparison on the stored month
   * and day (tasks_recurring_idx): a clamped day is before asOf's day exactly when the day is.
   */
  const dueBeforeAsOf = sql`(${tasks.recurrenceMonth}, ${tasks.recurrenceDay}) < (${asOfMonth}::int, ${asOfDay}::int)`;
  return {
    year,
    label,
    from,
    dueOn,
    dueOrder,
    reported,
    notReported,
    latestInTime,
    anyInTime,
    reportedInTime,
    dueBeforeAsOf,
  };
}

export type StatusSql = ReturnType<typeof buildStatusSql>;

let last: { asOf: string; value: ReturnType<typeof buildStatusSql> } | null = null;

/** Every status expression and predicate for one day asked (`asOf`, ISO date); built once a day. */
export function statusSql(asOf: string) {
  if (last?.asOf !== asOf) last = { asOf, value: buildStatusSql(asOf) };
  return last.value;
}

function buildStatusSql(asOf: string) {
  const period = recurringPeriodSql(asOf);
  const today = date(asOf);
  const due = tasks.effectiveDueOn;

  /** The date judged against: the one-off due date, or the period's submission date. */
  const dueOnOf: Halves = { oneOff: sql`${due}`, recurring: period.dueOn };
  /** ORDER BY terms giving the order of dueOnOf, each along its kind's index. */
  const dueOrderOf: Halves = { oneOff: sql`${due} asc nulls last`, recurring: period.dueOrder };

  const recurringState = (inTime: SQL) => sql`(case
      when ${period.reported} then (case when ${inTime} then 'done_on_time' else 'done_late' end)
      when ${period.dueBeforeAsOf} then 'overdue'
      when ${started} then 'in_progress'
      else 'not_started' end)`;
  const stateOf: Halves = {
    oneOff: sql`(case
      when ${tasks.completedOn} is not null then (case when ${due} is null or ${tasks.completedOn} <= ${due} then 'done_on_time' else 'done_late' end)
      when ${due} < ${today} then 'overdue'
      when ${started} then 'in_progress'
      else 'not_started' end)`,
    recurring: recurringState(period.reportedInTime),
  };
  /**
   * For counting many recurring tasks without a lookup per row: the state judged by the latest
   * report alone (done_late where it came after the date), and the tasks it misjudges: their
   * latest report came late but an earlier one in the period was in time (done_on_time).
   */
  const recurringByLatest = {
    state: recurringState(period.latestInTime),
    misjudgedLate: sql`(${period.reported} and not ${period.latestInTime} and ${period.anyInTime})`,
  };

  /** Overdue: each half written so that it can use its partial index. */
  const overdueOf: Halves = {
    oneOff: sql`(${tasks.completedOn} is null and ${due} < ${today})`,
    recurring: sql`(${period.notReported} and ${period.dueBeforeAsOf})`,
  };

  /** Days past the date judged against, for overdue work; null otherwise. */
  const overdueDaysOf: Halves = {
    oneOff: sql`(case when ${overdueOf.oneOff} then ${today} - ${due} end)`,
    recurring: sql`(case when ${overdueOf.recurring} then ${today} - ${period.dueOn} end)`,
  };

  /**
   * domain/task-status.ts#overdueAge, for overdue work: more than 120, 60, 30 days past the date
   * judged against is that date before asOf − 120, − 60, − 30 days (constants of the query).
   */
  const bound = (days: number) => date(addDays(asOf, -days));
  const ageBy = (overdue: SQL, dueOn: SQL) =>
    sql<OverdueAge | null>`(case when ${overdue} then (case
      when ${dueOn} < ${bound(120)} then 'over_120'
      when ${dueOn} < ${bound(60)} then 'over_60'
      when ${dueOn} < ${bound(30)} then 'over_30'
      else 'under_30' end) end)`;
  const ageOf: Halves = {
    oneOff: ageBy(overdueOf.oneOff, sql`${due}`),
    recurring: ageBy(overdueOf.recurring, period.dueOn),
  };

  /** Not done (in progress, overdue, not started). */
  const openOf: Halves = {
    oneOff: sql`${tasks.completedOn} is null`,
    recurring: period.notReported,
  };

  /** Open, and the date judged against satisfies `condition`. */
  const openDue = (condition: (d: SQL) => SQL): Halves => ({
    oneOff: sql`(${tasks.completedOn} is null and ${condition(sql`${due}`)})`,
    recurring: sql`(${period.notReported} and ${condition(period.dueOn)})`,
  });

  /** Not done, and judged against a date on or before `last` (overdue included). */
  const openDueByOf = (last: string) => openDue((d) => sql`${d} <= ${date(last)}`);

  /** Not done, and due between `first` and `last` (both included): "due soon" from asOf. */
  const openDueBetweenOf = (first: string, last: string) =>
    openDue((d) => sql`${d} between ${date(first)} and ${date(last)}`);

  /** Tasks in one state: overdue through its index-friendly halves, the others by their state. */
  const inStateOf = (s: TaskState): Halves =>
    s === 'overdue'
      ? overdueOf
      : { oneOff: sql`${stateOf.oneOff} = ${s}`, recurring: sql`${stateOf.recurring} = ${s}` };

  const overdueDays = whole<number | null>(overdueDaysOf);

  return {
    asOf,
    period,
    dueOnOf,
    dueOrderOf,
    stateOf,
    recurringByLatest,
    overdueOf,
    overdueDaysOf,
    ageOf,
    openOf,
    openDueByOf,
    openDueBetweenOf,
    inStateOf,
    state: whole<TaskState>(stateOf),
    dueOn: whole<string | null>(dueOnOf),
    overdueDays,
    age: whole<OverdueAge | null>(ageOf),
    overdue: either(overdueOf),
    open: either(openOf),
    openDueBy: (last: string) => either(openDueByOf(last)),
    openDueBetween: (first: string, last: string) => either(openDueBetweenOf(first, last)),
    inState: (s: TaskState) => either(inStateOf(s)),
  };
}

/** An ISO day `days` after `iso` (calendar days, UTC arithmetic on dates). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}
