// The agencies a period expects and where each report stands: state, submission, on time or
// late (first submission by the deadline), returned with its reason; each row opens the report.
// Exported for the period overview (/bao-cao).
import type { PeriodReportRow } from '@features/agency-reports/schema';
import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../../app/format';
import { reportPagePath } from '../hooks/use-agency-report';
import { StateTag } from './report-editor';

export function PeriodReportsTable({
  periodId,
  rows,
  loading,
}: {
  periodId: string;
  rows: readonly PeriodReportRow[];
  loading?: boolean;
}) {
  return (
    <Table
      size="small"
      rowKey={(r) => r.agency.id}
      loading={loading}
      dataSource={[...rows]}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      data-testid="period-reports"
      columns={[
        {
          title: 'Cơ quan',
          key: 'agency',
          render: (_, r) => <Link to={reportPagePath(periodId, r.agency.id)}>{r.agency.name}</Link>,
        },
        { title: 'Trạng thái', key: 'state', render: (_, r) => <StateTag state={r.state} /> },
        { title: 'Gửi lần đầu', dataIndex: 'firstSubmittedAt', render: formatDateTime },
        {
          title: 'Đúng hạn',
          dataIndex: 'onTime',
          render: (v: boolean | null) =>
            v === null ? (
              '—'
            ) : v ? (
              <Tag color="green">Đúng hạn</Tag>
            ) : (
              <Tag color="red">Trễ hạn</Tag>
            ),
        },
        {
          title: 'Trả lại',
          key: 'returned',
          render: (_, r) =>
            r.returned ? <Typography.Text type="warning">{r.returnReason}</Typography.Text> : '',
        },
      ]}
    />
  );
}
