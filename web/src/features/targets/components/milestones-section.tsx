// "Các mốc": the baseline and the values the plan asks for by year, with the year's approved actual
// beside each (the year's own figure, not a half, quarter or month).
import type { TargetDetail } from '@features/targets/schema';
import { Table, type TableColumnsType, Typography } from 'antd';
import { actualText, milestoneText, unitOf, withUnit } from '../figures';
import { TargetSection } from './target-section';

type Row = {
  key: string;
  year: number;
  goal: string;
  baseline: boolean;
  actual: string | null;
};

export function MilestonesSection({ target }: { target: TargetDetail }) {
  const yearly = new Map(
    target.actuals.filter((a) => a.period === String(a.year)).map((a) => [a.year, a]),
  );
  const rows: Row[] = [
    ...(target.baseline
      ? [
          {
            key: 'baseline',
            year: target.baseline.year,
            goal: `Giá trị gốc: ${withUnit(target.baseline.value, unitOf(target))}`,
            baseline: true,
            actual: null,
          },
        ]
      : []),
    ...target.milestones.map((m) => {
      const actual = yearly.get(m.year);
      return {
        key: String(m.year),
        year: m.year,
        goal: milestoneText(target, m),
        baseline: false,
        actual: actual ? actualText(target, actual) : null,
      };
    }),
  ];
  const columns: TableColumnsType<Row> = [
    { title: 'Năm', dataIndex: 'year', key: 'year', width: 90 },
    {
      title: 'Mục tiêu',
      key: 'goal',
      render: (_, r) =>
        r.baseline ? <Typography.Text type="secondary">{r.goal}</Typography.Text> : r.goal,
    },
    {
      title: 'Thực hiện năm (đã duyệt)',
      key: 'actual',
      width: 200,
      render: (_, r) =>
        r.baseline ? '' : (r.actual ?? <Typography.Text type="secondary">Chưa có</Typography.Text>),
    },
  ];
  return (
    <TargetSection title="Các mốc" testId="target-milestones">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">
          Kế hoạch chưa nêu mốc cho chỉ tiêu này; cơ quan tổng hợp bổ sung khi hoàn thiện chỉ tiêu.
        </Typography.Text>
      ) : (
        <Table<Row>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 480 }}
          data-testid="target-milestones-table"
        />
      )}
    </TargetSection>
  );
}
