// Long passages of a plan, folded behind "Xem nội dung" so the tree stays scannable.
import { Button, Typography } from 'antd';
import { useState } from 'react';

export function CollapsibleText({
  text,
  label = 'Xem nội dung',
}: {
  text: string;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button
        type="link"
        size="small"
        style={{ paddingInline: 0 }}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
      >
        {open ? 'Ẩn nội dung' : label}
      </Button>
      {open && (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-line', marginBottom: 4, maxWidth: 900 }}
          data-testid="body-text"
        >
          {text}
        </Typography.Paragraph>
      )}
    </div>
  );
}
