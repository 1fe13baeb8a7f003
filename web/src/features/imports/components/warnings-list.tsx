// What the importer could not settle, in Vietnamese; each one the review has since settled is
// marked so. A warning that points into the text shows its place (and its task) when clicked.
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { WARNING_LABELS } from '../labels';
import type { Warning } from '../review-state';

type Props = {
  warnings: Warning[];
  sourceText: string;
  isResolved: (warning: Warning) => boolean;
  onSelect: (warning: Warning, index: number) => void;
};

const MAX_EXCERPT = 90;
/** Warnings shown before "Xem tất cả": the lists below them stay in sight. */
const FOLDED = 4;

function excerpt(text: string, span: Warning['source']): string | null {
  if (!span) return null;
  const words = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return words.length > MAX_EXCERPT ? `${words.slice(0, MAX_EXCERPT).trimEnd()}…` : words;
}

export function WarningsList({ warnings, sourceText, isResolved, onSelect }: Props) {
  const { token } = theme.useToken();
  const [unfolded, setUnfolded] = useState(false);
  if (warnings.length === 0) return null;
  const open = warnings.filter((w) => !isResolved(w)).length;
  const shown = unfolded ? warnings : warnings.slice(0, FOLDED);
  return (
    <Card
      size="small"
      data-testid="review-warnings"
      title={
        <span>
          <WarningOutlined style={{ color: token.colorWarning, marginRight: 8 }} />
          {open > 0 ? `Cần kiểm tra (${open})` : 'Đã xử lý các điểm cần kiểm tra'}
        </span>
      }
      styles={{ body: { padding: '4px 12px' } }}
    >
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((w, i) => {
          const resolved = isResolved(w);
          const words = excerpt(sourceText, w.source);
          const content = (
            <>
              <Typography.Text delete={resolved} type={resolved ? 'secondary' : undefined}>
                {WARNING_LABELS[w.code] ?? w.message}
              </Typography.Text>
              {words && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {`“${words}”`}
                </Typography.Text>
              )}
            </>
          );
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id and never reorder
              key={i}
              data-testid="review-warning"
              data-code={w.code}
              data-resolved={resolved}
              style={{
                padding: '6px 0',
                borderTop: i > 0 ? `1px solid ${token.colorBorderSecondary}` : undefined,
                display: 'flex',
                gap: 8,
                alignItems: 'flex-start',
              }}
            >
              {resolved ? (
                <Tag color="success" icon={<CheckCircleOutlined />} style={{ marginTop: 1 }}>
                  Đã xử lý
                </Tag>
              ) : null}
              {w.source ? (
                <button
                  type="button"
                  onClick={() => onSelect(w, i)}
                  title="Xem trong văn bản"
                  style={{
                    all: 'unset',
                    cursor: 'pointer',
                    flex: 1,
                  }}
                >
                  {content}
                </button>
              ) : (
                <div style={{ flex: 1 }}>{content}</div>
              )}
            </li>
          );
        })}
      </ul>
      {warnings.length > FOLDED && (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => setUnfolded((u) => !u)}
          data-testid="review-warnings-more"
        >
          {unfolded ? 'Thu gọn' : `Xem tất cả (${warnings.length})`}
        </Button>
      )}
    </Card>
  );
}
