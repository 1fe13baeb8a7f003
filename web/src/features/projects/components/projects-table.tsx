// Key projects as a table with server-side paging: what (link to its page), who owns it, how it is
// financed, how much, the year's disbursement against its capital plan, site clearance,
// construction, and the next milestone with its slippage.
import type { ProjectSummary } from '@features/projects/schema';
import { Empty, Progress, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDecimal } from '../../../app/format';
import { AMOUNT_DECIMALS, barPercent, formatPercent } from '../figures';
import { INVESTMENT_FORM_LABELS } from '../labels';
import { PAGE_SIZES } from '../search-params';
import { DisbursementBar } from './disbursement-bar';
import { NextMilestone } from './next-milestone';
import { OwnerName } from './owner-name';

function PercentCell({ value, testId }: { value: string | null; testId: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid={testId}>
      <Progress
        percent={barPercent(value)}
        size="small"
        showInfo={false}
        style={{ margin: 0 }}
        aria-hidden
      />
      <Typography.Text style={{ fontSize: 12 }}>{formatPercent(value)}</Typography.Text>
    </div>
  );
}

function columnsFor(year: number | undefined): TableColumnsType<ProjectSummary> {
  return [
    {
      title: 'Dự án',
      key: 'name',
      minWidth: 240,
      render: (_, p) => (
        <>
          <Link to={`/du-an/${p.id}`} data-testid="project-link">
            {p.name}
          </Link>
          {p.sector && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.sector}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: 'Chủ đầu tư',
      key: 'owner',
      width: 180,
      responsive: ['lg'],
      render: (_, p) => <OwnerName owner={p.owner} />,
    },
    {
      title: 'Hình thức',
      key: 'form',
      width: 110,
      responsive: ['md'],
      render: (_, p) =>
        p.investmentForm ? (
          <Tag style={{ marginInlineEnd: 0 }}>{INVESTMENT_FORM_LABELS[p.investmentForm]}</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: 'Tổng mức đầu tư (tỷ đồng)',
      key: 'total',
      width: 150,
      align: 'right',
      render: (_, p) =>
        p.totalInvestment === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          formatDecimal(p.totalInvestment, AMOUNT_DECIMALS)
        ),
    },
    {
      title: year ? `Giải ngân năm ${year}` : 'Giải ngân trong năm',
      key: 'disbursed',
      width: 230,
      render: (_, p) => <DisbursementBar project={p} />,
    },
    {
      title: 'GPMB',
      key: 'clearance',
      width: 100,
      responsive: ['md'],
      render: (_, p) => <PercentCell value={p.clearance.percent} testId="project-clearance" />,
    },
    {
      title: 'Thi công',
      key: 'construction',
      width: 100,
      responsive: ['md'],
      render: (_, p) => (
        <PercentCell
          value={p.constructionPercent === null ? null : String(p.constructionPercent)}
          testId="project-construction"
        />
      ),
    },
    {
      title: 'Mốc tiếp theo',
      key: 'next',
      width: 170,
      render: (_, p) => <NextMilestone milestone={p.nextMilestone} />,
    },
  ];
}

type Props = {
  projects: ProjectSummary[];
  total: number;
  year: number | undefined;
  page: number;
  pageSize: number;
  loading: boolean;
  filtered: boolean;
  onPageChange: (page: number, pageSize: number) => void;
};

export function ProjectsTable(props: Props) {
  return (
    <Table<ProjectSummary>
      rowKey="id"
      columns={columnsFor(props.year)}
      dataSource={props.projects}
      loading={props.loading}
      data-testid="projects-table"
      locale={{
        emptyText: (
          <Empty
            description={
              props.filtered
                ? 'Không có dự án nào khớp bộ lọc.'
                : 'Chưa có dự án trọng điểm nào trong các kế hoạch đã nạp.'
            }
          />
        ),
      }}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: (total) => `${total} dự án`,
        onChange: props.onPageChange,
      }}
      scroll={{ x: 1000 }}
    />
  );
}
