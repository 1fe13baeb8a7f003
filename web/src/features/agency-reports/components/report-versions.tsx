// Every version of a report, newest first: what was done, by whom, when, and why.
import { REPORT_ACTION_LABELS } from '@features/agency-reports/schema';
import { Card, Table, Typography } from 'antd';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { useReportVersions } from '../hooks/use-agency-report';
import { StateTag } from './report-editor';

export function ReportVersions({
  periodId,
  agencyId,
  stored,
}: {
  periodId: string;
  agencyId: string;
  stored: boolean;
}) {
  const versions = useReportVersions(periodId, agencyId, stored);
  return (
    <Card title="Lịch sử phiên bản" size="small" data-testid="report-versions">
      {!stored && (
        <Typography.Text type="secondary">
          Báo cáo chưa được lưu lần nào: đây là bản điền sẵn từ số liệu hệ thống.
        </Typography.Text>
      )}
      {versions.isError && (
        <QueryError error={versions.error} onRetry={() => void versions.refetch()} />
      )}
      {stored && (
        <Table
          size="small"
          rowKey="version"
          loading={versions.isPending}
          dataSource={versions.data?.items ?? []}
          pagination={false}
          columns={[
            { title: 'Phiên bản', dataIndex: 'version', width: 90 },
            {
              title: 'Thao tác',
              dataIndex: 'action',
              render: (a: keyof typeof REPORT_ACTION_LABELS) => REPORT_ACTION_LABELS[a],
            },
            { title: 'Trạng thái', dataIndex: 'state', render: (s) => <StateTag state={s} /> },
            {
              title: 'Người thực hiện',
              dataIndex: 'actor',
              render: (a: { displayName: string } | null) => a?.displayName ?? '—',
            },
            { title: 'Thời điểm', dataIndex: 'createdAt', render: formatDateTime },
            { title: 'Lý do', dataIndex: 'reason', render: (r: string | null) => r ?? '' },
          ]}
        />
      )}
    </Card>
  );
}
