// Mail in the outbox, newest first, one page from the server; a row opens to the mail's text.
import type { OutboxMail } from '@features/notifications/schema';
import { MAX_MAIL_ATTEMPTS } from '@features/notifications/schema';
import { Table, type TableColumnsType, Tag, Typography, theme } from 'antd';
import { formatDateTime, formatNumber } from '../../../app/format';
import { MAIL_STATUS_COLORS, OUTBOX_STATUS_LABELS } from '../labels';

function MailBody({ mail }: { mail: OutboxMail }) {
  const { token } = theme.useToken();
  return (
    <pre
      data-testid="outbox-body"
      style={{
        margin: 0,
        padding: 12,
        maxHeight: 400,
        overflow: 'auto',
        fontFamily: 'inherit',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        background: token.colorFillQuaternary,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
      }}
    >
      {mail.body}
    </pre>
  );
}

type Props = {
  mails: readonly OutboxMail[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
};

export function OutboxTable({ mails, total, page, pageSize, loading, onPageChange }: Props) {
  const columns: TableColumnsType<OutboxMail> = [
    {
      title: 'Trạng thái',
      key: 'status',
      width: 100,
      render: (_, m) => (
        <Tag color={MAIL_STATUS_COLORS[m.status]} data-testid="outbox-status">
          {OUTBOX_STATUS_LABELS[m.status]}
        </Tag>
      ),
    },
    {
      title: 'Người nhận',
      key: 'to',
      width: 200,
      render: (_, m) => (
        <Typography.Text ellipsis={{ tooltip: m.toAddress }} style={{ maxWidth: 184 }}>
          {m.toAddress}
        </Typography.Text>
      ),
    },
    { title: 'Tiêu đề', key: 'subject', render: (_, m) => m.subject },
    {
      title: 'Tạo lúc',
      key: 'createdAt',
      width: 130,
      render: (_, m) => formatDateTime(m.createdAt),
    },
    { title: 'Gửi lúc', key: 'sentAt', width: 130, render: (_, m) => formatDateTime(m.sentAt) },
    {
      title: 'Số lần thử',
      key: 'attempts',
      width: 90,
      align: 'right',
      render: (_, m) => `${m.attempts}/${MAX_MAIL_ATTEMPTS}`,
    },
    {
      title: 'Lỗi',
      key: 'lastError',
      width: 160,
      render: (_, m) =>
        m.lastError ? (
          <Typography.Text
            type="danger"
            ellipsis={{ tooltip: m.lastError }}
            style={{ maxWidth: 144 }}
          >
            {m.lastError}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Table<OutboxMail>
      data-testid="outbox-table"
      rowKey="id"
      columns={columns}
      dataSource={mails}
      loading={loading}
      size="middle"
      scroll={{ x: 1050 }}
      expandable={{ expandedRowRender: (m) => <MailBody mail={m} /> }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (n) => `${formatNumber(n)} thư`,
        onChange: onPageChange,
      }}
      onRow={() => ({ 'data-testid': 'outbox-row' }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : 'Không có thư nào.' }}
    />
  );
}
