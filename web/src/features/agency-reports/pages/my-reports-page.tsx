// /bao-cao/cua-don-vi – "Báo cáo của đơn vị": the caller's agency's reports, one per opened
// reporting period that expects it, newest deadline first; each opens the report.
import type { MyReportList } from '@features/agency-reports/schema';
import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { StateTag } from '../components/report-editor';
import { reportPagePath, useMyReports } from '../hooks/use-agency-report';

type Row = MyReportList['items'][number];

export function MyReportsTable({ rows, loading }: { rows: readonly Row[]; loading?: boolean }) {
  return (
    <Table
      size="small"
      rowKey={(r) => r.period.id}
      loading={loading}
      dataSource={[...rows]}
      pagination={false}
      data-testid="my-reports"
      locale={{ emptyText: 'Chưa có kỳ báo cáo nào cần cơ quan báo cáo.' }}
      columns={[
        {
          title: 'Kỳ báo cáo',
          key: 'period',
          render: (_, r) => (
            <Link to={reportPagePath(r.period.id, r.agency.id)}>{r.period.label}</Link>
          ),
        },
        { title: 'Kế hoạch', key: 'plan', render: (_, r) => r.period.planName },
        { title: 'Hạn gửi', key: 'due', render: (_, r) => formatDate(r.period.submissionDueOn) },
        { title: 'Trạng thái', key: 'state', render: (_, r) => <StateTag state={r.state} /> },
        { title: 'Gửi lúc', dataIndex: 'submittedAt', render: formatDateTime },
        {
          title: 'Lý do trả lại',
          dataIndex: 'returnReason',
          render: (v: string | null, r) => (r.state === 'returned' ? v : ''),
        },
      ]}
    />
  );
}

export function MyReportsPage() {
  const mine = useMyReports();
  return (
    <div data-testid="my-reports-page">
      <Typography.Title level={3}>Báo cáo của đơn vị</Typography.Title>
      <Card>
        {mine.isError && <QueryError error={mine.error} onRetry={() => void mine.refetch()} />}
        <MyReportsTable rows={mine.data?.items ?? []} loading={mine.isPending} />
      </Card>
    </div>
  );
}
