// Thư đi (/quan-tri/thu-di): the e-mail the application queued for users (notifications). Without
// an SMTP server (SMTP_URL) nothing leaves: the administrator reads the mail here.
import type { OutboxStatus } from '@features/notifications/schema';
import { OUTBOX_STATUSES } from '@features/notifications/schema';
import { Alert, Flex, Segmented, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { OutboxTable } from '../components/outbox-table';
import { useOutbox } from '../hooks/use-outbox';
import { OUTBOX_STATUS_LABELS } from '../labels';

const PAGE_SIZE = 50;

const isStatus = (v: string | null): v is OutboxStatus =>
  (OUTBOX_STATUSES as readonly (string | null)[]).includes(v);

function positiveInt(v: string | null): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function OutboxPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('status');
  const status: OutboxStatus = isStatus(asked) ? asked : 'all';
  const page = positiveInt(params.get('page'));
  const outbox = useOutbox(status, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const go = (next: { status: OutboxStatus; page: number }) => {
    const p = new URLSearchParams();
    if (next.status !== 'all') p.set('status', next.status);
    if (next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  return (
    <div data-testid="outbox-page">
      <Typography.Title level={3}>Thư đi</Typography.Title>
      {outbox.data && (
        <Alert
          type={outbox.data.smtpConfigured ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="outbox-smtp"
          title={
            outbox.data.smtpConfigured
              ? 'Thư được gửi qua máy chủ SMTP đã cấu hình.'
              : 'Chưa cấu hình máy chủ thư (SMTP_URL): thư được giữ ở đây để quản trị viên đọc.'
          }
        />
      )}
      <Flex style={{ marginBottom: 16 }}>
        <Segmented<OutboxStatus>
          value={status}
          onChange={(s) => go({ status: s, page: 1 })}
          options={OUTBOX_STATUSES.map((s) => ({ value: s, label: OUTBOX_STATUS_LABELS[s] }))}
          data-testid="outbox-status-filter"
        />
      </Flex>
      {outbox.isError ? (
        <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : (
        <OutboxTable
          mails={outbox.data?.items ?? []}
          total={outbox.data?.total ?? 0}
          page={page}
          pageSize={PAGE_SIZE}
          loading={outbox.isFetching}
          onPageChange={(p) => go({ status, page: p })}
        />
      )}
    </div>
  );
}
