// Leadership's list: agencies still missing their report 5 working days or more after a period's
// deadline, with how late they are and whether leadership was notified. Optionally for one period.
import type { Escalation } from '@features/reminders/schema';
import { Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { useEscalations } from '../hooks/use-reminders';

const REPORT_STATE_LABELS: Record<Escalation['reportState'], string> = {
  none: 'Chưa lập báo cáo',
  draft: 'Đang soạn (chưa gửi)',
  returned: 'Bị trả lại, chưa gửi lại',
};

const columns = (onePeriod: boolean): TableColumnsType<Escalation> => [
  {
    title: 'Cơ quan',
    key: 'agency',
    render: (_, e) => <Typography.Text strong>{e.agency.name}</Typography.Text>,
  },
  ...(onePeriod
    ? []
    : [
        {
          title: 'Kỳ báo cáo',
          key: 'period',
          render: (_: unknown, e: Escalation) => (
            <Flex vertical>
              <span>{e.period.label}</span>
              <Typography.Text type="secondary">{e.plan.name}</Typography.Text>
            </Flex>
          ),
        },
      ]),
  {
    title: 'Hạn nộp',
    key: 'due',
    width: 110,
    render: (_, e) => formatDate(e.period.submissionDueOn),
  },
  {
    title: 'Chậm',
    key: 'late',
    width: 200,
    render: (_, e) => (
      <Typography.Text type="danger" data-testid="escalation-late">
        {`${formatNumber(e.workingDaysLate)} ngày làm việc (${formatNumber(e.daysLate)} ngày)`}
      </Typography.Text>
    ),
  },
  {
    title: 'Báo cáo',
    key: 'state',
    width: 200,
    render: (_, e) => (
      <Tag color={e.reportState === 'returned' ? 'orange' : 'default'}>
        {REPORT_STATE_LABELS[e.reportState]}
      </Tag>
    ),
  },
  {
    title: 'Đã báo lãnh đạo',
    key: 'notified',
    width: 160,
    render: (_, e) =>
      e.notifiedAt ? (
        formatDateTime(e.notifiedAt)
      ) : (
        <Typography.Text type="secondary">Chưa</Typography.Text>
      ),
  },
];

export function EscalationsPanel({ periodId }: { periodId?: string } = {}) {
  const escalations = useEscalations(periodId);
  const items = escalations.data?.items ?? [];
  return (
    <Card
      title="Cơ quan chậm nộp báo cáo từ 5 ngày làm việc"
      data-testid="escalations-panel"
      extra={
        escalations.data ? (
          <Typography.Text type="secondary">
            {`Tính đến ngày ${formatDate(escalations.data.asOf)}`}
          </Typography.Text>
        ) : null
      }
    >
      {escalations.isError ? (
        <QueryError error={escalations.error} onRetry={() => void escalations.refetch()} />
      ) : (
        <Table
          rowKey={(e) => `${e.period.id}:${e.agency.id}`}
          size="small"
          columns={columns(periodId !== undefined)}
          dataSource={items}
          loading={escalations.isPending}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description="Không có cơ quan nào chậm nộp báo cáo quá 5 ngày làm việc"
              />
            ),
          }}
        />
      )}
    </Card>
  );
}
