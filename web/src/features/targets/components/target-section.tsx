// A section of the target page: a titled card with its actions on the right.
import { Card } from 'antd';
import type { ReactNode } from 'react';

export function TargetSection({
  title,
  testId,
  extra,
  children,
}: {
  title: ReactNode;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      title={title}
      extra={extra}
      data-testid={testId}
      styles={{ header: { flexWrap: 'wrap', rowGap: 8, paddingBlock: 8 } }}
    >
      {children}
    </Card>
  );
}
