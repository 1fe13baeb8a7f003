// /giam-sat: the Fatherland Front's supervisor reads the agencies' accepted reports, period by
// period (the server lists accepted reports only to them: agency-reports/policy.ts).
import type { PeriodSummary } from '@features/reporting-periods/schema';
import { Card, Empty, Flex, List, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format';
import { PageLoading, QueryError } from '../../../app/query-state';
import { usePeriods } from '../../periods/hooks/use-periods';
import { usePeriodReports } from '../hooks/use-agency-report';

function PeriodReports({ period }: { period: PeriodSummary }) {
  const reports = usePeriodReports(period.id);
  return (
    <Card
      size="small"
      title={`${period.label} (${formatDate(period.windowFrom)} – ${formatDate(period.windowTo)})`}
      extra={period.planNumber ? `Kế hoạch ${period.planNumber}` : undefined}
      data-testid="accepted-period"
    >
      {reports.isPending ? (
        <PageLoading />
      ) : reports.isError ? (
        <QueryError error={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <List
          size="small"
          dataSource={reports.data.items}
          locale={{ emptyText: 'Chưa có báo cáo nào được tiếp nhận.' }}
          renderItem={(r) => (
            <List.Item>
              <Link to={`/bao-cao/ky/${period.id}/co-quan/${r.agency.id}`}>{r.agency.name}</Link>
              <Typography.Text type="secondary">
                {r.submittedAt ? `gửi ${formatDateTime(r.submittedAt)}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function AcceptedReportsPage() {
  const periods = usePeriods(undefined);
  const opened = periods.data?.items.filter((p) => p.openedAt !== null) ?? [];
  return (
    <Flex vertical gap={16} data-testid="accepted-reports-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        Báo cáo của các cơ quan đã được tiếp nhận
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Báo cáo định kỳ của các cơ quan, đơn vị sau khi cơ quan tổng hợp tiếp nhận; phục vụ giám sát
        của Mặt trận Tổ quốc. Thông tin công khai về kế hoạch xem tại{' '}
        <Link to="/cong-khai">trang công khai</Link>.
      </Typography.Paragraph>
      {periods.isPending ? (
        <PageLoading />
      ) : periods.isError ? (
        <QueryError error={periods.error} onRetry={() => void periods.refetch()} />
      ) : opened.length === 0 ? (
        <Empty description="Chưa có kỳ báo cáo nào được mở." />
      ) : (
        opened.map((p) => <PeriodReports key={p.id} period={p} />)
      )}
    </Flex>
  );
}
