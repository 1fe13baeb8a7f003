// A target's projection as a coloured tag ("Đúng lộ trình", "Chưa có giá trị gốc" …).
import { Tag } from 'antd';
import { PROJECTION_LABELS, type ProjectionState } from '../labels';

export function ProjectionTag({ state }: { state: ProjectionState }) {
  const label = PROJECTION_LABELS[state];
  return (
    <Tag color={label.color} data-testid="target-projection" data-state={state}>
      {label.label}
    </Tag>
  );
}
