// Vietnamese words for a target's projection.
import type { TargetSummary } from '@features/targets/schema';

export const PROJECTION_LABELS: Record<
  TargetSummary['projection']['state'],
  { label: string; color: string }
> = {
  on_track: { label: 'Đúng lộ trình', color: 'green' },
  at_risk: { label: 'Có nguy cơ chậm', color: 'gold' },
  off_track: { label: 'Chậm so với lộ trình', color: 'red' },
  no_data: { label: 'Chưa có số liệu', color: 'default' },
  no_baseline: { label: 'Chưa có giá trị gốc', color: 'default' },
  no_milestone: { label: 'Chưa có mốc', color: 'default' },
  done: { label: 'Đã hoàn thành', color: 'green' },
  due: { label: 'Chưa đến hạn', color: 'blue' },
  overdue: { label: 'Quá hạn', color: 'red' },
};
