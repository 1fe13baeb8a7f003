// The reminders of a reporting period, for the period's overview: which agency was reminded at
// which step (7 and 2 days before, after the deadline, escalated to leadership), when, and who
// received it. Sending is the server's job; this only shows what it did.
import type { ReminderView } from '@features/reminders/schema';
import { Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formatDateTime, formatNumber } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { usePeriodReminders } from '../hooks/use-reminders';

function stepColor(step: string): string {
  if (step === 'escalation') return 'red';
  if (step === 'after') return 'orange';
  return 'blue';
}

const columns: TableColumnsType<ReminderView> = [
  {
    title: 'Cơ quan',
    key: 'agency',
    render: (_, r) => <Typography.Text strong>{r.agency.name}</Typography.Text>,
  },
  {
    title: 'Lần nhắc',
    key: 'step',
    width: 300,
    render: (_, r) => (
      <Tag color={stepColor(r.step)} data-testid="reminder-step">
        {r.stepLabel}
      </Tag>
    ),
  },
  {
    title: 'Thời điểm gửi',
    key: 'sentAt',
    width: 160,
    render: (_, r) => formatDateTime(r.sentAt),
  },
  {
    title: 'Người nhận',
    key: 'recipients',
    render: (_, r) =>
      r.recipients.length === 0 ? (
        <Typography.Text type="secondary">Đơn vị chưa có tài khoản nhận thông báo</Typography.Text>
      ) : (
        r.recipients.map((u) => u.displayName).join(', ')
      ),
  },
];

export function RemindersPanel({ periodId }: { periodId: string }) {
  const reminders = usePeriodReminders(periodId);
  const items = reminders.data?.items ?? [];
  const agencies = new Set(items.map((i) => i.agency.id)).size;
  return (
    <Card
      title="Nhắc nộp báo cáo"
      data-testid="reminders-panel"
      extra={
        reminders.data ? (
          <Typography.Text type="secondary">
            {`${formatNumber(items.length)} lần nhắc, ${formatNumber(agencies)} cơ quan`}
          </Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          Hệ thống tự nhắc các cơ quan chưa nộp báo cáo trước hạn, sau hạn nộp, và báo cáo lãnh đạo
          khi chậm từ 5 ngày làm việc; mỗi lần nhắc chỉ gửi một lần.
        </Typography.Text>
        {reminders.isError ? (
          <QueryError error={reminders.error} onRetry={() => void reminders.refetch()} />
        ) : (
          <Table
            rowKey={(r) => `${r.agency.id}:${r.step}`}
            size="small"
            columns={columns}
            dataSource={items}
            loading={reminders.isPending}
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description="Chưa có lần nhắc nào cho kỳ báo cáo này"
                />
              ),
            }}
          />
        )}
      </Flex>
    </Card>
  );
}
