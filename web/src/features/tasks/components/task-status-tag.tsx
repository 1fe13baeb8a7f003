// A task's status as a coloured tag: "Hoàn thành đúng hạn" green … "Quá hạn 45 ngày" red, with
// the overdue age bucket ("trên 30 ngày") beside it.
import type { TaskStatusView } from '@features/tasks/schema';
import { Tag, Tooltip } from 'antd';
import { formatDate } from '../../../app/format';
import { OVERDUE_AGE_LABELS, TASK_STATE_COLORS, TASK_STATE_LABELS } from '../labels';

/** The tag's text: the state, and for an overdue task how many days and its age bucket. */
export function statusText(status: TaskStatusView): string {
  if (status.state !== 'overdue' || status.overdueDays === null) {
    return TASK_STATE_LABELS[status.state];
  }
  const days = `Quá hạn ${status.overdueDays} ngày`;
  return status.age && status.age !== 'under_30'
    ? `${days} (${OVERDUE_AGE_LABELS[status.age]})`
    : days;
}

function tooltipOf(status: TaskStatusView): string | null {
  const parts: string[] = [];
  if (status.period) parts.push(`Kỳ đánh giá: ${status.period.label}`);
  if (status.dueOn) parts.push(`Hạn: ${formatDate(status.dueOn)}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function TaskStatusTag({ status }: { status: TaskStatusView }) {
  const tip = tooltipOf(status);
  const tag = (
    <Tag
      color={TASK_STATE_COLORS[status.state]}
      data-testid="task-status"
      data-state={status.state}
      style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
    >
      {statusText(status)}
    </Tag>
  );
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}
