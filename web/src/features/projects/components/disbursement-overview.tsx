// Disbursed against the year's capital plan for the projects of the page: a horizontal bar chart
// and the same figures as a table (the chart is for the eye; the table is what can be read out).
import type { ProjectSummary } from '@features/projects/schema';
import { Card, Grid, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../../app/chart';
import { formatDecimal, formatNumber } from '../../../app/format';
import { AMOUNT_DECIMALS, formatPercent } from '../figures';

const PLANNED_COLOR = '#bfbfbf';
const DISBURSED_COLOR = '#1677ff';

function shortName(name: string): string {
  return name.length > 42 ? `${name.slice(0, 41)}…` : name;
}

type TooltipParam = { dataIndex: number; seriesName: string; marker: string };

function chartOption(projects: ProjectSummary[], labelWidth: number): ChartOption {
  // Top to bottom in the table's order: the category axis runs upwards, so reverse it.
  const rows = [...projects].reverse();
  return {
    grid: { left: 8, right: 32, top: 36, bottom: 32, containLabel: true },
    legend: { top: 0, data: ['Kế hoạch vốn năm', 'Đã giải ngân'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipParam[]) => {
        const first = params[0];
        const p = first ? rows[first.dataIndex] : undefined;
        if (!p) return '';
        return [
          `<b>${escapeHtml(p.name)}</b>`,
          `Kế hoạch vốn năm: ${formatDecimal(p.capitalPlanned, AMOUNT_DECIMALS)} tỷ đồng`,
          `Đã giải ngân: ${formatDecimal(p.disbursed, AMOUNT_DECIMALS)} tỷ đồng`,
          `Tỷ lệ: ${formatPercent(p.disbursedPercent)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      name: 'tỷ đồng',
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => formatNumber(v) },
    },
    yAxis: {
      type: 'category',
      data: rows.map((p) => shortName(p.name)),
      axisLabel: { width: labelWidth, overflow: 'truncate' },
    },
    series: [
      {
        name: 'Kế hoạch vốn năm',
        type: 'bar',
        data: rows.map((p) => Number(p.capitalPlanned)),
        itemStyle: { color: PLANNED_COLOR },
        barGap: '-100%',
        barWidth: 18,
      },
      {
        name: 'Đã giải ngân',
        type: 'bar',
        data: rows.map((p) => Number(p.disbursed)),
        itemStyle: { color: DISBURSED_COLOR },
        barWidth: 10,
      },
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const columns: TableColumnsType<ProjectSummary> = [
  { title: 'Dự án', key: 'name', render: (_, p) => p.name },
  {
    title: 'Kế hoạch vốn năm (tỷ đồng)',
    key: 'planned',
    align: 'right',
    width: 180,
    render: (_, p) => formatDecimal(p.capitalPlanned, AMOUNT_DECIMALS),
  },
  {
    title: 'Đã giải ngân (tỷ đồng)',
    key: 'disbursed',
    align: 'right',
    width: 170,
    render: (_, p) => formatDecimal(p.disbursed, AMOUNT_DECIMALS),
  },
  {
    title: 'Tỷ lệ giải ngân',
    key: 'percent',
    align: 'right',
    width: 140,
    render: (_, p) =>
      p.disbursedPercent === null ? (
        <Typography.Text type="secondary">Chưa có kế hoạch vốn</Typography.Text>
      ) : (
        formatPercent(p.disbursedPercent)
      ),
  },
];

export function DisbursementOverview({
  projects,
  year,
}: {
  projects: ProjectSummary[];
  year: number;
}) {
  // Projects with neither a capital plan nor a disbursement this year would be empty rows.
  const shown = useMemo(
    () => projects.filter((p) => p.capitalPlanned !== '0' || p.disbursed !== '0'),
    [projects],
  );
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const option = useMemo(() => chartOption(shown, narrow ? 110 : 260), [shown, narrow]);
  if (projects.length === 0) return null;
  const without = projects.length - shown.length;
  const label = `Biểu đồ giải ngân so với kế hoạch vốn năm ${year} của ${shown.length} dự án trên trang`;
  return (
    <Card
      title={`Giải ngân năm ${year} so với kế hoạch vốn`}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="projects-disbursement-overview"
    >
      <Tabs
        size="small"
        items={[
          {
            key: 'chart',
            label: 'Biểu đồ',
            children: (
              <>
                {shown.length === 0 ? (
                  <Typography.Text type="secondary">
                    {`Các dự án trên trang chưa có kế hoạch vốn và số giải ngân năm ${year}.`}
                  </Typography.Text>
                ) : (
                  <Chart
                    option={option}
                    label={label}
                    height={Math.max(180, 90 + shown.length * 34)}
                  />
                )}
                {without > 0 && shown.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {`${without} dự án khác trên trang chưa có kế hoạch vốn và số giải ngân năm ${year} (xem bảng số liệu).`}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            key: 'table',
            label: 'Bảng số liệu',
            children: (
              <Table<ProjectSummary>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={projects}
                pagination={false}
                scroll={{ x: 640 }}
                data-testid="projects-disbursement-table"
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
