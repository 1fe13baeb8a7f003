// On a recurring task's page: what it did in each reporting period of its plan — reported on time,
// late, missing — most recent first. One-off tasks show nothing.
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { useTaskPeriodOutcomes } from '../hooks/use-periods';
import { OUTCOME_LABELS } from '../messages';

export function TaskPeriodsSection({ taskId }: { taskId: string }) {
  const outcomes = useTaskPeriodOutcomes(taskId);
  if (!outcomes.data?.recurring) return null;
  return (
    <Card title="Theo kỳ báo cáo" size="small" data-testid="task-periods">
      <Table
        size="small"
        rowKey="periodId"
        pagination={false}
        dataSource={outcomes.data.items}
        locale={{ emptyText: 'Kế hoạch chưa có kỳ báo cáo nào đã bắt đầu' }}
        columns={[
          {
            title: 'Kỳ',
            key: 'label',
            render: (_, o) => <Link to={`/bao-cao/ky/${o.periodId}`}>{o.label}</Link>,
          },
          { title: 'Hạn', key: 'due', width: 110, render: (_, o) => formatDate(o.dueOn) },
          {
            title: 'Kết quả',
            key: 'outcome',
            render: (_, o) => {
              const l = OUTCOME_LABELS[o.outcome];
              return (
                <Tag color={l?.color} data-testid={`task-period-${o.outcome}`}>
                  {l?.text ?? o.outcome}
                </Tag>
              );
            },
          },
          {
            title: 'Ngày báo cáo',
            key: 'reportedOn',
            width: 130,
            render: (_, o) => (o.reportedOn ? formatDate(o.reportedOn) : '—'),
          },
        ]}
      />
    </Card>
  );
}
