// The plans of the province, newest first, with server-side pagination.
import type { PlanSummary } from '@features/plans/schema';
import { Empty, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';

const columns: TableColumnsType<PlanSummary> = [
  {
    title: 'Số, ký hiệu',
    key: 'number',
    width: 150,
    render: (_, plan) =>
      plan.document.number ?? <Typography.Text type="secondary">Chưa có số</Typography.Text>,
  },
  {
    title: 'Trích yếu',
    key: 'title',
    render: (_, plan) => (
      <Link to={`/ke-hoach/${plan.id}`} data-testid="plan-link">
        {plan.document.title ?? 'Kế hoạch chưa có trích yếu'}
      </Link>
    ),
  },
  {
    title: 'Cơ quan ban hành',
    key: 'issuer',
    width: 200,
    render: (_, plan) => plan.document.issuer ?? '—',
  },
  {
    title: 'Ngày ban hành',
    key: 'date',
    width: 130,
    render: (_, plan) => formatDate(plan.document.date),
  },
  {
    title: 'Chỉ tiêu',
    key: 'targets',
    width: 90,
    align: 'right',
    render: (_, plan) => plan.counts.targets,
  },
  {
    title: 'Nhiệm vụ',
    key: 'tasks',
    width: 90,
    align: 'right',
    render: (_, plan) => plan.counts.tasks,
  },
  {
    title: 'Dự án',
    key: 'projects',
    width: 80,
    align: 'right',
    render: (_, plan) => plan.counts.projects,
  },
];

/** No plan yet: the consolidating department imports one; everyone else waits for it. */
export function NoPlans({ canImport }: { canImport: boolean }) {
  return (
    <Empty
      data-testid="plans-empty"
      description={
        <>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            Chưa có kế hoạch nào
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {canImport
              ? 'Bấm “Nhập văn bản kế hoạch” và chọn tệp văn bản đã ban hành (.docx, .pdf, .txt): hệ thống tách nhiệm vụ, chỉ tiêu, dự án để bạn rà soát trước khi tạo kế hoạch.'
              : 'Cơ quan tổng hợp chưa nhập kế hoạch nào. Khi kế hoạch được nhập, nhiệm vụ, chỉ tiêu và dự án sẽ hiện ở đây.'}
          </Typography.Paragraph>
        </>
      }
    />
  );
}

type Props = {
  plans: PlanSummary[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  /** The caller may import a plan document (the empty message says how). */
  canImport: boolean;
};

export function PlansTable({
  plans,
  total,
  page,
  pageSize,
  loading,
  onPageChange,
  canImport,
}: Props) {
  return (
    <Table<PlanSummary>
      data-testid="plans-table"
      rowKey="id"
      columns={columns}
      dataSource={plans}
      loading={loading}
      scroll={{ x: 900 }}
      locale={{
        emptyText: loading ? <div style={{ height: 160 }} /> : <NoPlans canImport={canImport} />,
      }}
      pagination={
        total > 0 && {
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => `${n} kế hoạch`,
          onChange: onPageChange,
        }
      }
    />
  );
}
