// Vietnamese names of a task's status (the grid of DOMAIN.md §4) and of overdue ageing.
import type { TaskStatusView } from '@features/tasks/schema';

export type TaskState = TaskStatusView['state'];
export type OverdueAge = NonNullable<TaskStatusView['age']>;

/** In the order the grid reads: done on time, done late, in progress, overdue, not started. */
export const TASK_STATE_LABELS: Record<TaskState, string> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  in_progress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn',
  not_started: 'Chưa thực hiện',
};

/** Ant Design tag colours of the states. */
export const TASK_STATE_COLORS: Record<TaskState, string> = {
  done_on_time: 'green',
  done_late: 'gold',
  in_progress: 'blue',
  overdue: 'red',
  not_started: 'default',
};

/** How long a task has been overdue, as provinces report it ("quá hạn trên 30/60/120 ngày"). */
export const OVERDUE_AGE_LABELS: Record<OverdueAge, string> = {
  over_120: 'trên 120 ngày',
  over_60: 'trên 60 ngày',
  over_30: 'trên 30 ngày',
  under_30: 'đến 30 ngày',
};

/** Oldest first, as the urging table lists the buckets. */
export const OVERDUE_AGES: readonly OverdueAge[] = ['over_120', 'over_60', 'over_30', 'under_30'];
