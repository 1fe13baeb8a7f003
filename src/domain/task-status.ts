// The status grid of Vietnamese task tracking (DOMAIN.md §4), computed, never typed in:
// done on time · done late · in progress within the deadline · overdue · not started. A one-off
// deadline is judged against its due date (moved by approved extensions); a continuous or annual
// task is judged per reporting period, against that period's submission deadline.
import { type Deadline, dueDate } from './deadline.js';

export type TaskState = 'done_on_time' | 'done_late' | 'in_progress' | 'overdue' | 'not_started';

/** Overdue tasks are aged in the buckets provinces report ("quá hạn trên 30/60/120 ngày"). */
export type OverdueAge = 'over_120' | 'over_60' | 'over_30' | 'under_30';

export type Extension = { approvedOn: string; newDueOn: string };

export type TaskFacts = {
  deadline: Deadline;
  /** Approved extensions (gia hạn); the latest approved one sets the due date. */
  extensions?: readonly Extension[];
  /** Day the task was reported complete. */
  completedOn?: string | null;
  /** Whether any progress has been reported. */
  started?: boolean;
};

/** For recurring work: the reporting period being judged and what was reported in it. */
export type PeriodFacts = {
  /** Last day to submit the period's report (timeliness is measured against it). */
  submissionDueOn: string;
  /** Day the period's report was submitted, if it was. */
  reportedOn?: string | null;
  started?: boolean;
};

export type TaskStatus = {
  state: TaskState;
  /** The date the state was judged against; null when there is none to judge. */
  dueOn: string | null;
  /** For overdue tasks, days past the due date as of the day asked. */
  overdueDays: number | null;
  age: OverdueAge | null;
};

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

export function overdueAge(overdueDays: number): OverdueAge {
  if (overdueDays > 120) return 'over_120';
  if (overdueDays > 60) return 'over_60';
  if (overdueDays > 30) return 'over_30';
  return 'under_30';
}

/** The due date after extensions: the latest approved extension wins, the plan's date otherwise. */
export function effectiveDueOn(
  deadline: Deadline,
  extensions: readonly Extension[] = [],
): string | null {
  const latest = [...extensions].sort((a, b) => a.approvedOn.localeCompare(b.approvedOn)).pop();
  return latest?.newDueOn ?? dueDate(deadline);
}

function judge(
  dueOn: string | null,
  doneOn: string | null | undefined,
  started: boolean,
  asOf: string,
): TaskStatus {
  if (doneOn) {
    return {
      state: dueOn === null || doneOn <= dueOn ? 'done_on_time' : 'done_late',
      dueOn,
      overdueDays: null,
      age: null,
    };
  }
  if (dueOn !== null && asOf > dueOn) {
    const overdueDays = days(dueOn, asOf);
    return { state: 'overdue', dueOn, overdueDays, age: overdueAge(overdueDays) };
  }
  return { state: started ? 'in_progress' : 'not_started', dueOn, overdueDays: null, age: null };
}

/**
 * The status of a task on `asOf`. Continuous and annual tasks need the reporting period being
 * judged (`period`); without one they are in progress or not started, never overdue.
 */
export function taskStatus(task: TaskFacts, asOf: string, period?: PeriodFacts): TaskStatus {
  const recurring = task.deadline.kind === 'continuous' || task.deadline.kind === 'annual';
  if (recurring) {
    if (!period) return judge(null, null, task.started ?? false, asOf);
    return judge(
      period.submissionDueOn,
      period.reportedOn,
      period.started ?? task.started ?? false,
      asOf,
    );
  }
  return judge(
    effectiveDueOn(task.deadline, task.extensions),
    task.completedOn,
    task.started ?? false,
    asOf,
  );
}

/** The annual deadline's date in a given year ("trước ngày 31/12 hằng năm" in 2026 → 2026-12-31). */
export function annualDueOn(deadline: Extract<Deadline, { kind: 'annual' }>, year: number): string {
  const last = new Date(Date.UTC(year, deadline.month, 0)).getUTCDate();
  const day = Math.min(deadline.day, last);
  return `${year}-${String(deadline.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The rate national reports quote: done ÷ (done + overdue not done); null when nothing counts. */
export function completionRate(states: readonly TaskState[]): number | null {
  const count = (wanted: TaskState) => states.filter((s) => s === wanted).length;
  return completionRateOf({
    done_on_time: count('done_on_time'),
    done_late: count('done_late'),
    overdue: count('overdue'),
  });
}

/** The same rate from counts by state (a query's counts). */
export function completionRateOf(
  counts: Readonly<Pick<Record<TaskState, number>, 'done_on_time' | 'done_late' | 'overdue'>>,
): number | null {
  const done = counts.done_on_time + counts.done_late;
  return done + counts.overdue === 0 ? null : done / (done + counts.overdue);
}
