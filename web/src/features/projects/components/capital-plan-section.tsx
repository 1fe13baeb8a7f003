// "Kế hoạch vốn": the capital planned for the project each year, by source (trung ương, địa
// phương, ODA, nhà đầu tư) and in total, exact.
import type { CapitalSource, ProjectDetail } from '@features/projects/schema';
import { Table, type TableColumnsType, Typography } from 'antd';
import { formatDecimal } from '../../../app/format';
import { AMOUNT_DECIMALS, sumDecimals } from '../figures';
import { CAPITAL_SOURCE_LABELS, CAPITAL_SOURCES } from '../labels';
import { ProjectSection } from './project-section';

type Row = { year: number; bySource: Partial<Record<CapitalSource, string>>; total: string };

function rowsOf(project: ProjectDetail): Row[] {
  const byYear = new Map<number, Row>();
  for (const plan of project.capitalPlans) {
    const row = byYear.get(plan.year) ?? { year: plan.year, bySource: {}, total: '0' };
    row.bySource[plan.source] = plan.amount;
    row.total = sumDecimals([row.total, plan.amount]);
    byYear.set(plan.year, row);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

const amount = (value: string | undefined) =>
  value === undefined ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    formatDecimal(value, AMOUNT_DECIMALS)
  );

export function CapitalPlanSection({ project }: { project: ProjectDetail }) {
  const rows = rowsOf(project);
  const sources = CAPITAL_SOURCES.filter((s) => rows.some((r) => r.bySource[s] !== undefined));
  const shown = sources.length > 0 ? sources : CAPITAL_SOURCES;
  const columns: TableColumnsType<Row> = [
    { title: 'Năm', dataIndex: 'year', width: 80 },
    ...shown.map((source) => ({
      title: CAPITAL_SOURCE_LABELS[source],
      key: source,
      align: 'right' as const,
      render: (_: unknown, r: Row) => amount(r.bySource[source]),
    })),
    {
      title: 'Tổng',
      key: 'total',
      align: 'right',
      render: (_, r) => (
        <Typography.Text strong>{formatDecimal(r.total, AMOUNT_DECIMALS)}</Typography.Text>
      ),
    },
  ];
  return (
    <ProjectSection title="Kế hoạch vốn (tỷ đồng)" testId="project-capital-plan">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">
          Chưa có kế hoạch vốn. Cơ quan tổng hợp nạp kế hoạch vốn từ tệp Excel ở trang Dự án trọng
          điểm.
        </Typography.Text>
      ) : (
        <Table<Row>
          rowKey="year"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          rowClassName={(r) => (r.year === project.year ? 'ant-table-row-selected' : '')}
          scroll={{ x: 560 }}
        />
      )}
    </ProjectSection>
  );
}
