import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A labelled line of an item: "Chủ trì: Sở Tài chính". */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ lineHeight: 1.6 }}>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {children}
    </div>
  );
}
