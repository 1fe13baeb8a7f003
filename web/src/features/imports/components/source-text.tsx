// The document's text as the server read it, with the selected item's words marked and scrolled
// into view. Every `source` offset of the extraction points into this text.
import { Card, Typography, theme } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { Span } from '../review-state';

export type SourceSelection = { key: string; span: Span | null; inner: Span[] };

type Props = {
  text: string;
  fileName: string;
  selection: SourceSelection | null;
  height: string;
  /** In a card of its own (beside the lists) or bare (in a drawer that has its own title). */
  framed?: boolean;
};

const MARK = { background: '#ffe58f', color: 'inherit', padding: '1px 0', borderRadius: 2 };
const INNER = { background: '#ffc53d', fontWeight: 600 };

/** The text cut where the selection starts and ends (and where the words inside it are). */
function pieces(text: string, selection: SourceSelection | null): ReactNode[] {
  const span = selection?.span;
  if (!span || span.end <= span.start || span.start >= text.length) return [text];
  const start = Math.max(0, span.start);
  const end = Math.min(text.length, span.end);
  const inner = (selection?.inner ?? []).filter((s) => s.start >= start && s.end <= end);
  const cuts = [...new Set([0, start, end, text.length, ...inner.flatMap((s) => [s.start, s.end])])]
    .filter((n) => n >= 0 && n <= text.length)
    .sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    if (b <= a) continue;
    const words = text.slice(a, b);
    if (a < start || b > end) {
      out.push(words);
      continue;
    }
    const strong = inner.some((s) => s.start <= a && b <= s.end);
    out.push(
      <mark key={a} data-testid="source-highlight" style={strong ? { ...MARK, ...INNER } : MARK}>
        {words}
      </mark>,
    );
  }
  return out;
}

export function SourceText({ text, fileName, selection, height, framed = true }: Props) {
  const { token } = theme.useToken();
  const boxRef = useRef<HTMLDivElement>(null);
  const content = useMemo(() => pieces(text, selection), [text, selection]);

  useEffect(() => {
    const box = boxRef.current;
    const mark = box?.querySelector('mark');
    if (!box || !mark || !selection) return;
    const boxTop = box.getBoundingClientRect().top;
    const markTop = mark.getBoundingClientRect().top;
    const distance = markTop - boxTop - box.clientHeight / 4;
    // A long way through the text is jumped, a short one glided.
    const behavior = Math.abs(distance) > box.clientHeight * 2 ? 'instant' : 'smooth';
    box.scrollTo({ top: box.scrollTop + distance, behavior });
  }, [selection]);

  const hint = !selection
    ? 'Bấm vào một mục (nhiệm vụ, chỉ tiêu, dự án…) để xem vị trí của nó trong văn bản.'
    : selection.span
      ? null
      : 'Mục này được thêm khi rà soát: không có trong văn bản gốc.';

  const body = (
    <>
      {hint && (
        <div
          style={{
            padding: '6px 16px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            background: token.colorFillQuaternary,
          }}
        >
          <Typography.Text type="secondary" data-testid="import-source-hint">
            {hint}
          </Typography.Text>
        </div>
      )}
      <div
        ref={boxRef}
        data-testid="import-source"
        lang="vi"
        style={{
          height,
          overflowY: 'auto',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          padding: '12px 20px',
          fontSize: 15,
          lineHeight: 1.75,
          color: token.colorText,
        }}
      >
        {content}
      </div>
    </>
  );
  if (!framed) return body;
  return (
    <Card
      size="small"
      title="Văn bản gốc"
      extra={
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
          {fileName}
        </Typography.Text>
      }
      styles={{ body: { padding: 0 } }}
    >
      {body}
    </Card>
  );
}
