// A live task's status from its facts, in JavaScript: the domain rule (domain/task-status.ts) with
// the task's own inputs (the consolidator's date for a task the plan gives none, the approved
// extension, the annual period for recurring work). Lists and counts compute the same in SQL
// (status-sql.ts); status-sql.test.ts holds the two together.
import type { Deadline } from '../../domain/deadline.js';
import {
  currentPeriod,
  isRecurring,
  type PeriodRecord,
  recurringOutcomes,
  taskDueInPeriod,
} from '../../domain/reporting-period.js';
import { type TaskStatus, taskStatus } from '../../domain/task-status.js';

/** The period recurring work is judged in, as the API shows it. */
export type StatusPeriod = { label: string; from: string; submissionDueOn: string };

export type LiveTaskStatus = TaskStatus & { period: StatusPeriod | null };

/**
 * Status on a day: one-off deadlines against the (extended) due date, recurring ones in the plan's
 * current period (`periods`: the plan's period records) by the outcome the reports give there.
 */
export function statusOf(
  t: {
    deadline: Deadline;
    assignedDueOn?: string | null;
    extendedDueOn: string | null;
    completedOn: string | null;
  },
  approvedReports: readonly string[],
  asOf: string,
  periods: readonly PeriodRecord[],
): LiveTaskStatus {
  const started = approvedReports.length > 0;
  // A task the plan gave no deadline is judged against the date the consolidator set, if any.
  const deadline: Deadline =
    t.deadline.kind === 'none' && t.assignedDueOn
      ? { kind: 'date', date: t.assignedDueOn }
      : t.deadline;
  if (isRecurring(deadline)) {
    const period = currentPeriod(periods, asOf);
    if (!period) return { ...taskStatus({ deadline, started }, asOf), period: null };
    const dueOn = taskDueInPeriod(deadline, period);
    const outcome = recurringOutcomes(deadline, periods, approvedReports).get(period.id);
    const status = taskStatus({ deadline, started }, asOf, {
      submissionDueOn: dueOn,
      reportedOn: outcome?.reportedOn ?? null,
      started,
    });
    return {
      ...status,
      period: { label: period.label, from: period.windowFrom, submissionDueOn: dueOn },
    };
  }
  const extensions = t.extendedDueOn
    ? [{ approvedOn: '0000-01-01', newDueOn: t.extendedDueOn }]
    : [];
  return {
    ...taskStatus({ deadline, extensions, completedOn: t.completedOn, started }, asOf),
    period: null,
  };
}

/** Open work due within `days` of `asOf` (the "sắp đến hạn" of my work and urging). */
export function isDueSoon(status: TaskStatus, asOf: string, days: number): boolean {
  if (status.state !== 'in_progress' && status.state !== 'not_started') return false;
  if (!status.dueOn) return false;
  const left = (Date.parse(status.dueOn) - Date.parse(asOf)) / 86_400_000;
  return left >= 0 && left <= days;
}
