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
// report, kept by service.ts#applyApproved: "started"), and for recurring work the plan's period
// records with the task's outcome in each (drizzle/0018). Nothing here is stored: the state
// depends on the day.
//
// Every expression comes in two halves, one for one-off work (`recurrence_month is null`) and one
// for recurring work, and whole (a CASE or an OR of the halves). Queries that scan many tasks ask
// each half separately (queries.ts): each half then uses its own partial index
// (tasks_open_due_idx, tasks_recurring_idx) and sorts by its own date; only the recurring half
// joins the plans' current periods (recurringPeriodSql: found once per statement, not looked up
// per task), which keeps PostgreSQL's plans cheap (and its JIT compiler, triggered by estimated
// cost, out of the way).
import { type SQL, sql } from 'drizzle-orm';
import { reportingPeriods, taskPeriodOutcomes, tasks } from '../../db/schema.js';
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
 * The reporting period recurring tasks are judged in on `asOf`, and what each did in it, from the
 * records (domain/reporting-period.ts): the task's plan's current annual period (of the periods
 * begun, the earliest whose deadline has not passed, else the latest), the task's date in it
 * (`dueOn`), and its stored outcome there (task_period_outcomes, kept by
 * reporting-periods/outcomes.ts).
 *
 * The current period is a plan's, not a task's: `join(tenantId)` is the FROM item that finds it
 * once per statement for every plan of the tenant (one DISTINCT ON over the tenant's annual
 * periods begun, its plan pushed down when the statement names one) and joins it, and the task's
 * outcome in it, to each recurring row as `cp` and `tpo`. Every statement that reads the
 * recurring expressions puts `join` right after `tasks` in its FROM (with drizzle's builder:
 * `.leftJoin(current(tenantId), currentOn).leftJoin(outcome, outcomeOn)`); the expressions read
 * `cp` and `tpo` (null for one-off rows, which the expressions do not read them for).
 */
export function recurringPeriodSql(asOf: string) {
  const today = date(asOf);
  const rp = reportingPeriods;
  /** The current annual period of every plan of the tenant, once per statement: `cp`. */
  const current = (tenantId: string) =>
    sql`(select distinct on (${rp.planId}) ${rp.planId} as plan_id, ${rp.id} as id, ${rp.label} as label, ${rp.windowFrom} as window_from, ${rp.windowTo} as window_to, ${rp.submissionDueOn} as submission_due_on
      from ${rp} where ${rp.tenantId} = ${tenantId} and ${rp.kind} = 'annual' and ${rp.windowFrom} <= ${today}
      order by ${rp.planId}, (${rp.submissionDueOn} < ${today}), (case when ${rp.submissionDueOn} >= ${today} then ${rp.windowFrom} end), ${rp.windowFrom} desc) cp`;
  const currentOn = sql`cp.plan_id = ${tasks.planId} and ${tasks.recurrenceMonth} is not null`;
  /** The task's outcome in it: `tpo` (along the outcomes' primary key). */
  const outcome = sql`${taskPeriodOutcomes} tpo`;
  const outcomeOn = sql`tpo.task_id = ${tasks.id} and tpo.period_id = cp.id`;
  /** Both, as SQL text after `tasks` in a FROM (drizzle's builder: two leftJoin calls). */
  const join = (tenantId: string) =>
    sql`left join ${current(tenantId)} on ${currentOn} left join ${outcome} on ${outcomeOn}`;
  const periodId = sql`cp.id`;
  const label = sql`cp.label`;
  const from = sql`cp.window_from`;
  // An annual task's own day in the period's year (clamped to the month: 29/2 in 2027 → 28/2),
  // else the period's deadline.
  const firstOfMonth = sql`make_date(extract(year from cp.window_to)::int, ${tasks.recurrenceMonth}, 1)`;
  const dueOn = sql`(case when ${tasks.deadlineKind} = 'annual' then least((${firstOfMonth} + interval '1 month - 1 day')::date, ${firstOfMonth} + (${tasks.recurrenceDay} - 1)) else cp.submission_due_on end)`;
  /** The outcome in the current period: true on time, false late, null not reported (yet). */
  const onTime = sql`tpo.on_time`;
  const notReported = sql`(${onTime} is null)`;
  return {
    current,
    currentOn,
    outcome,
    outcomeOn,
    join,
    periodId,
    label,
    from,
    dueOn,
    onTime,
    notReported,
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
  const dueOrderOf: Halves = {
    oneOff: sql`${due} asc nulls last`,
    recurring: sql`${period.dueOn} asc nulls last`,
  };

  const stateOf: Halves = {
    oneOff: sql`(case
      when ${tasks.completedOn} is not null then (case when ${due} is null or ${tasks.completedOn} <= ${due} then 'done_on_time' else 'done_late' end)
      when ${due} < ${today} then 'overdue'
      when ${started} then 'in_progress'
      else 'not_started' end)`,
    recurring: sql`(case ${period.onTime}
      when true then 'done_on_time'
      when false then 'done_late'
      else (case when ${period.dueOn} < ${today} then 'overdue' when ${started} then 'in_progress' else 'not_started' end) end)`,
  };

  /** Overdue: each half written so that it can use its partial index. */
  const overdueOf: Halves = {
    oneOff: sql`(${tasks.completedOn} is null and ${due} < ${today})`,
    recurring: sql`(${period.notReported} and ${period.dueOn} < ${today})`,
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

  /** Overdue work of one age band: overdue (its indexable halves) and its age. */
  const overdueAgedOf = (band: OverdueAge): Halves => ({
    oneOff: sql`(${overdueOf.oneOff} and ${ageOf.oneOff} = ${band})`,
    recurring: sql`(${overdueOf.recurring} and ${ageOf.recurring} = ${band})`,
  });

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
    /** The FROM item the recurring expressions read: right after `tasks` (recurringPeriodSql). */
    periodJoin: period.join,
    /** periodJoin for the statements of one kind of work (one-off work reads no period). */
    periodJoinOf: (kind: Kind, tenantId: string) =>
      kind === 'recurring' ? period.join(tenantId) : sql``,
    dueOnOf,
    dueOrderOf,
    stateOf,
    overdueOf,
    overdueDaysOf,
    ageOf,
    overdueAgedOf,
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
