// A record's state before and after a change, side by side, as indented JSON; the fields that
// changed are named above.
import { Col, Flex, Row, Tag, Typography, theme } from 'antd';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Top-level fields whose value differs (both sides objects); null when not comparable. */
export function changedFields(before: unknown, after: unknown): string[] | null {
  if (!isPlainObject(before) || !isPlainObject(after)) return null;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

function JsonBlock({ title, value, absent }: { title: string; value: unknown; absent: string }) {
  const { token } = theme.useToken();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {value === null || value === undefined ? (
        <div style={{ padding: '8px 0' }}>
          <Typography.Text type="secondary">{absent}</Typography.Text>
        </div>
      ) : (
        <pre
          style={{
            margin: '4px 0 0',
            padding: 12,
            maxHeight: 360,
            overflow: 'auto',
            fontSize: 12,
            lineHeight: 1.5,
            background: token.colorFillQuaternary,
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadius,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
          }}
        >
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const changed = changedFields(before, after);
  return (
    <Flex vertical gap={8} data-testid="audit-detail">
      {changed && (
        <Flex gap={4} wrap align="center">
          <Typography.Text type="secondary">Trường thay đổi:</Typography.Text>
          {changed.length === 0 ? (
            <Typography.Text type="secondary">không có</Typography.Text>
          ) : (
            changed.map((k) => <Tag key={k}>{k}</Tag>)
          )}
        </Flex>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <JsonBlock title="Trước" value={before} absent="Không có (bản ghi được tạo mới)." />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock title="Sau" value={after} absent="Không có (bản ghi đã bị xóa)." />
        </Col>
      </Row>
    </Flex>
  );
}
