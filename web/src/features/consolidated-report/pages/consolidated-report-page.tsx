// /bao-cao/ky/:id/tong-hop: the province's consolidated report of a reporting period — its
// subject as printed, the figures counted from data, what the agencies' reports bring in, the
// narrative a consolidator or leader writes (versioned), and the report and its appendix to
// download (.docx, .docx, .xlsx).
import type { ConsolidatedReportView } from '@features/consolidated-report/schema';
import { Breadcrumb, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatDate, formatNumber } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { KIND_LABELS } from '../../periods/messages';
import { AgencyContent } from '../components/agency-content';
import { DownloadButtons } from '../components/download-buttons';
import { FiguresSummary } from '../components/figures-summary';
import { NarrativeEditor } from '../components/narrative-editor';
import { useConsolidatedReport } from '../hooks/use-consolidated-report';

function planName(plan: ConsolidatedReportView['plan']): string {
  if (plan.number) return `Kế hoạch số ${plan.number}`;
  const title = plan.title ?? 'Kế hoạch';
  return title.length > 160 ? `${title.slice(0, 159)}…` : title;
}

export function ConsolidatedReportPage() {
  const { id = '' } = useParams();
  const report = useConsolidatedReport(id);
  const view = report.data;

  return (
    <div data-testid="consolidated-report-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/bao-cao">Báo cáo</Link> },
          {
            title: (
              <Link to={`/bao-cao/ky/${id}`} data-testid="consolidated-period-link">
                {view ? `Kỳ báo cáo ${view.period.label}` : 'Kỳ báo cáo'}
              </Link>
            ),
          },
          { title: 'Báo cáo tổng hợp' },
        ]}
      />
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {view && (
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="consolidated-title">
              Báo cáo tổng hợp {view.period.label}
            </Typography.Title>
            {view.abilities.download && <DownloadButtons periodId={view.period.id} />}
          </Flex>
          <Card>
            <Flex vertical gap={12}>
              <div>
                <Typography.Text type="secondary">Trích yếu: </Typography.Text>
                <Typography.Text strong data-testid="consolidated-subject">
                  {view.subject}
                </Typography.Text>
              </div>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                items={[
                  {
                    key: 'kind',
                    label: 'Loại kỳ',
                    children: KIND_LABELS[view.period.kind] ?? view.period.kind,
                  },
                  {
                    key: 'window',
                    label: 'Thời gian lấy số liệu',
                    children: `${formatDate(view.period.windowFrom)} – ${formatDate(view.period.windowTo)}`,
                  },
                  {
                    key: 'reports',
                    label: 'Báo cáo của cơ quan, đơn vị',
                    children: `Đã nhận ${formatNumber(view.figures.agencyReports.received)}/${formatNumber(view.figures.agencyReports.expected)}`,
                  },
                  {
                    key: 'plan',
                    label: 'Kế hoạch',
                    span: 'filled',
                    children: (
                      <Link to={`/ke-hoach/${view.period.planId}`}>{planName(view.plan)}</Link>
                    ),
                  },
                ]}
              />
            </Flex>
          </Card>
          <FiguresSummary figures={view.figures} />
          <NarrativeEditor key={view.period.id} view={view} />
          <AgencyContent figures={view.figures} />
        </Flex>
      )}
    </div>
  );
}
