// The frame shared by targets, tasks and projects in the plan tree: a coloured kind tag, a title
// line, then the details.
import { Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';

export type ItemKind = 'target' | 'task' | 'project';

const KIND: Record<ItemKind, { label: string; color: string }> = {
  target: { label: 'Chỉ tiêu', color: 'blue' },
  task: { label: 'Nhiệm vụ', color: 'gold' },
  project: { label: 'Dự án trọng điểm', color: 'purple' },
};

type Props = {
  kind: ItemKind;
  testId: string;
  code?: string | null | undefined;
  title: ReactNode;
  children?: ReactNode;
};

export function ItemFrame({ kind, testId, code, title, children }: Props) {
  const { token } = theme.useToken();
  const { label, color } = KIND[kind];
  return (
    <div
      data-testid={testId}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: '10px 14px',
        marginBottom: 8,
        background: token.colorBgContainer,
      }}
    >
      <div style={{ marginBottom: children ? 4 : 0 }}>
        <Tag color={color}>{label}</Tag>
        {code && <Typography.Text type="secondary">{`${code}. `}</Typography.Text>}
        <Typography.Text strong>{title}</Typography.Text>
      </div>
      {children}
    </div>
  );
}
